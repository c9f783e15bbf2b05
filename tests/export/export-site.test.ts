import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { ViewSpec } from '../../src/address/views.js';
import { exportSite } from '../../src/export/export-site.js';
import { fixtureHerald, repoRoot } from '../helpers.js';

const run = promisify(execFile);

describe('static export', () => {
  it.each([
    ['first pages', {}],
    ['first pages and archives', { feeds: { itemsPerFeed: 1 } }],
  ])('writes every feed (%s), the index and the OPML byte-identical to what the server serves', async (_what, overrides) => {
    const herald = await fixtureHerald(overrides);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'herald-export-'));
    try {
      const written = await exportSite(herald.store, herald.scheme, dir);
      expect(written).toContain('feed.xml');
      expect(written).toContain('categories/日本語/atom.xml');
      expect(written).toContain('index.html');
      expect(written).toContain('feeds.opml');
      const exported = (spec: ViewSpec) => spec.exported;
      expect(written).toHaveLength(herald.store.feeds(exported).length + herald.store.archives(exported).length + 2 + herald.store.postPages().length);
      expect(written).toContain('2024/01/10/plain-post.html');
      expect(written).toContain('authors/jane-writer/feed.html');
      expect(written).toContain('categories/日本語/feed.html');
      if ('feeds' in overrides) expect(written).toContain('archive/4/atom.xml');
      for (const file of written) {
        const urlPath = file === 'index.html' ? '/' : `/${file.split('/').map(encodeURIComponent).join('/')}`;
        const served = await request(herald.handler).get(urlPath).set('Accept-Encoding', 'identity').buffer(true).parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
        expect(served.status, urlPath).toBe(200);
        expect((await readFile(path.join(dir, file))).equals(served.body as Buffer), file).toBe(true);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('herald build (the command line)', () => {
  it('writes the repository posts to --out and says how many files it wrote', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'herald-build-'));
    try {
      const { stdout } = await run(process.execPath, [path.join(repoRoot, 'dist/cli/herald.js'), 'build', '--out', dir], {
        cwd: repoRoot,
        env: { PATH: process.env.PATH ?? '', SITE_URL: 'https://news.example.org' },
      });
      expect(stdout).toMatch(/^herald build: wrote \d+ files to .* \(7 posts, 0 rejected\)/);
      const feed = await readFile(path.join(dir, 'feed.xml'), 'utf8');
      expect(feed).toContain('<atom:link href="https://news.example.org/feed.xml" rel="self" type="application/rss+xml"/>');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with usage when --out is missing', async () => {
    await expect(run(process.execPath, [path.join(repoRoot, 'dist/cli/herald.js'), 'build'], { cwd: repoRoot })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('build needs --out DIR'),
    });
  });
});
