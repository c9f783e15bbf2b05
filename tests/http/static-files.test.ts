import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHerald, type Herald } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { exportSite } from '../../src/export/export-site.js';
import { repoRoot, silent } from '../helpers.js';

const SECRET = 'root:x:0:0:secret outside the static folder';
let dir: string;
let herald: Herald;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'herald-static-'));
  const statics = path.join(dir, 'static');
  await mkdir(path.join(statics, 'img'), { recursive: true });
  await mkdir(path.join(dir, 'outside'));
  await mkdir(path.join(dir, 'posts'));
  await writeFile(path.join(dir, 'outside/secret.txt'), SECRET);
  await writeFile(path.join(statics, 'page.html'), '<!doctype html><title>x</title><script>alert(document.domain)</script>');
  await writeFile(path.join(statics, 'drawing.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  await writeFile(path.join(statics, 'img/photo.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
  await writeFile(path.join(statics, '.hidden'), 'hidden');
  await symlink(path.join(dir, 'outside/secret.txt'), path.join(statics, 'passwd.txt'));
  await symlink('../outside', path.join(statics, 'etc'));
  await symlink('img/photo.png', path.join(statics, 'alias.png'));
  await symlink('.hidden', path.join(statics, 'shown.txt'));
  await symlink('img', path.join(statics, 'pictures'));
  await symlink('.', path.join(statics, 'img/loop'));
  const config = parseConfig({ paths: { posts: path.join(dir, 'posts'), static: statics } }, repoRoot);
  herald = createHerald(config, silent);
  await herald.publisher.reload();
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('static files', () => {
  it.each(['/passwd.txt', '/etc/secret.txt', '/%2e%2e/outside/secret.txt', '/img/..%2f..%2foutside/secret.txt', '/.hidden', '/shown.txt', '/img', '/img/'])(
    '%s (outside the folder after symbolic links, a dotfile, a folder) is a 404',
    async (urlPath) => {
      const response = await request(herald.handler).get(urlPath);
      expect(response.status).toBe(404);
      expect(response.text).not.toContain(SECRET);
    },
  );

  it('serves a file inside, also through a symbolic link that stays inside', async () => {
    for (const urlPath of ['/img/photo.png', '/alias.png', '/pictures/photo.png']) {
      const response = await request(herald.handler).get(urlPath);
      expect(response.status, urlPath).toBe(200);
      expect(response.headers['content-type']).toBe('image/png');
    }
  });

  it.each([
    ['/page.html', 'text/html; charset=utf-8'],
    ['/drawing.svg', 'image/svg+xml'],
    ['/img/photo.png', 'image/png'],
  ])('%s carries nosniff and a Content-Security-Policy under which no script runs', async (urlPath, type) => {
    const response = await request(herald.handler).get(urlPath);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(type);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const policy = new Map(
      String(response.headers['content-security-policy'])
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values]),
    );
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.has('script-src')).toBe(false);
    expect(policy.get('sandbox')).toEqual([]);
    expect(policy.get('img-src')).toContain("'self'");
  });
});

describe('the static export', () => {
  it('writes the static files the server serves, and only those, byte for byte', async () => {
    const out = path.join(dir, 'export');
    const written = await exportSite(herald.store, herald.scheme, out, herald.config.paths.static);
    const statics = written.filter((file) => !/\.(xml|json|opml)$/.test(file) && !file.endsWith('index.html') && !file.endsWith('feed.html'));
    expect(statics.sort()).toEqual(['alias.png', 'drawing.svg', 'img/photo.png', 'page.html', 'pictures/photo.png']);
    for (const file of statics) {
      const served = await request(herald.handler).get(`/${file}`).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
      expect(served.status, file).toBe(200);
      expect((await readFile(path.join(out, file))).equals(served.body as Buffer), file).toBe(true);
    }
  });
});
