import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExportError, exportSite, type WriteFile } from '../../src/export/export-site.js';
import { fixtureHerald, repoRoot } from '../helpers.js';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'dist/cli/herald.js');
let parent: string;

beforeEach(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'herald-swap-'));
});

afterEach(() => rm(parent, { recursive: true, force: true }));

// Every file under `dir` with its bytes, by path relative to `dir`.
async function contents(dir: string): Promise<Map<string, string>> {
  const names = await readdir(dir, { recursive: true });
  const files = new Map<string, string>();
  for (const name of names.sort()) if ((await stat(path.join(dir, name))).isFile()) files.set(name, await readFile(path.join(dir, name), 'latin1'));
  return files;
}

describe('herald build replaces its folder whole (issue 15, item 8: a full disk left a truncated feed.xml among old files)', () => {
  it('leaves the previous export as it was when a write fails, names the file and the reason, and leaves nothing beside it', async () => {
    const out = path.join(parent, 'public');
    const first = await fixtureHerald();
    await exportSite(first.store, first.scheme, out);
    const before = await contents(out);
    expect(before.get('feed.xml')).toContain('</rss>');
    // A later build, with other posts per page, whose fifth write runs out of space half-way.
    const herald = await fixtureHerald({ feeds: { itemsPerFeed: 1 } });
    const targets: string[] = [];
    const fullDisk: WriteFile = async (target, body) => {
      targets.push(target);
      if (targets.length < 5) return writeFile(target, body);
      await writeFile(target, body.subarray(0, body.length >> 1));
      throw new Error('ENOSPC: no space left on device, write');
    };
    const error: unknown = await exportSite(herald.store, herald.scheme, out, undefined, fullDisk).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    const failed = path.relative(path.dirname(targets[4]!), targets[4]!);
    expect((error as ExportError).file.endsWith(failed)).toBe(true);
    expect((error as ExportError).message).toBe(`cannot write ${(error as ExportError).file}: ENOSPC: no space left on device, write`);
    expect(await contents(out)).toEqual(before);
    expect(await readdir(parent)).toEqual(['public']);
  });

  it('swaps in the new export: files the new one lacks are gone, the folder keeps its mode, nothing is left beside it', async () => {
    const out = path.join(parent, 'public');
    const herald = await fixtureHerald();
    await mkdir(out, { mode: 0o750 });
    await writeFile(path.join(out, 'stale.xml'), 'from an older build');
    const written = await exportSite(herald.store, herald.scheme, out);
    expect([...(await contents(out)).keys()].sort()).toEqual([...written].sort());
    expect((await stat(out)).mode & 0o777).toBe(0o750);
    expect(await readdir(parent)).toEqual(['public']);
  });

  it('exits 1 naming the file it could not write, and leaves the previous export as it was', async () => {
    const out = path.join(parent, 'public');
    const posts = path.join(parent, 'posts');
    await mkdir(posts);
    await writeFile(path.join(posts, '2024-01-01-one.md'), '---\ntitle: One\n---\nOne.');
    const env = { PATH: process.env.PATH ?? '', SITE_URL: 'https://news.example.org', POSTS_DIR: posts };
    await run(process.execPath, [cli, 'build', '--out', out], { cwd: repoRoot, env });
    const before = await contents(out);
    // A tag whose folder name is longer than a file name may be (255 bytes): that write fails.
    const tag = 'a'.repeat(300);
    await writeFile(path.join(posts, '2024-01-02-two.md'), `---\ntitle: Two\ntags: [${tag}]\n---\nTwo.`);
    const failed = await run(process.execPath, [cli, 'build', '--out', out], { cwd: repoRoot, env }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toMatch(new RegExp(`^herald build: cannot write tags/${tag}/[a-z.]+: ENAMETOOLONG.*; ${out} was left as it was$`, 'm'));
    expect(await contents(out)).toEqual(before);
    expect(await readdir(parent)).toEqual(['posts', 'public']);
  });
});

describe('herald build and WebSub', () => {
  let hub: http.Server;
  let pings: number;

  beforeEach(async () => {
    pings = 0;
    hub = http.createServer((req, res) => {
      pings++;
      req.resume().on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
  });

  afterEach(() => new Promise((resolve) => hub.close(resolve)));

  it('advertises the configured hub in the feeds it writes and pings nobody', async () => {
    const hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/`;
    const out = path.join(parent, 'public');
    await run(process.execPath, [cli, 'build', '--out', out], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', SITE_URL: 'https://news.example.org', WEBSUB_HUBS: hubUrl },
    });
    expect(await readFile(path.join(out, 'feed.xml'), 'utf8')).toContain(`<atom:link href="${hubUrl}" rel="hub"/>`);
    expect(pings).toBe(0);
  });
});
