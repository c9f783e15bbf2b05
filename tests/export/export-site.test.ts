import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { ViewSpec } from '../../src/address/views.js';
import { exportSite } from '../../src/export/export-site.js';
import { FakeClock, fixtureHerald, repoRoot, silent } from '../helpers.js';
import { linksIn, publisherLinks } from '../links.js';
import { createHerald } from '../../src/compose.js';
import { loadConfig } from '../../src/config/load-config.js';
import { parseIndex } from '../content/index-lines.js';

const run = promisify(execFile);

describe('static export', () => {
  it.each([
    ['first pages', {}],
    ['first pages and archives', { feeds: { itemsPerFeed: 1 } }],
    ['every page, as paths, and archives', { feeds: { itemsPerFeed: 1 }, urls: { pages: 'path' } }],
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
      const pages = 'urls' in overrides ? herald.store.pages(exported).length : 0;
      expect(written).toHaveLength(herald.store.feeds(exported).length + pages + herald.store.archives(exported).length + 2 + herald.store.postPages().length);
      if ('urls' in overrides) expect(written).toContain('page/2/feed.json');
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

// The file a static host serves for a URL under `origin`: the decoded path, `index.html` for a folder;
// none for a query, which a static host ignores.
function fileOf(dir: string, url: URL): string | undefined {
  if (url.search) return undefined;
  const decoded = decodeURIComponent(url.pathname);
  return path.join(dir, decoded.endsWith('/') ? `${decoded}index.html` : decoded);
}

const isFile = async (file: string | undefined) => file !== undefined && (await stat(file).then((info) => info.isFile(), () => false));

/** Follows every same-origin link from the exported index through the files; returns the URLs with no file, and how many it read. */
async function crawlExport(dir: string, origin: string): Promise<{ missing: Array<{ url: string; from: string }>; seen: Set<string> }> {
  const seen = new Set<string>();
  const missing: Array<{ url: string; from: string }> = [];
  const queue = [{ url: `${origin}/`, from: '(start)' }];
  while (queue.length && seen.size < 3000) {
    const { url, from } = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const file = fileOf(dir, new URL(url));
    if (!(await isFile(file))) {
      missing.push({ url, from });
      continue;
    }
    if (!/\.(html|xml|json|opml)$/.test(file!)) continue;
    for (const link of linksIn(await readFile(file!, 'utf8'), file!)) {
      const absolute = new URL(link, url);
      absolute.hash = '';
      if (absolute.origin === origin && !seen.has(absolute.href)) queue.push({ url: absolute.href, from: url });
    }
  }
  return { missing, seen };
}

describe('the static export has no dead link', () => {
  it.each([
    ['the fixture posts, one per page', () => fixtureHerald({ feeds: { itemsPerFeed: 1 }, urls: { pages: 'path' } })],
    [
      'the repository posts, two per page',
      async () => {
        const config = loadConfig({ SITE_URL: 'https://example.com', ITEMS_PER_FEED: '2' }, repoRoot);
        const herald = createHerald({ ...config, urls: { ...config.urls, pages: 'path' } }, silent, { clock: new FakeClock(new Date('2026-01-01T00:00:00Z')) });
        await herald.publisher.reload();
        return herald;
      },
    ],
  ])('writes a file for every same-origin link its index leads to (%s): pages, archives, post pages, images', async (_what, make) => {
    const herald = await make();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'herald-export-'));
    try {
      await exportSite(herald.store, herald.scheme, dir, herald.config.paths.static);
      const { missing, seen } = await crawlExport(dir, 'https://example.com');
      const theirs = await publisherLinks(herald);
      expect(missing.filter(({ url }) => !theirs.has(url)).map(({ url, from }) => `${url} (linked from ${from})`)).toEqual([]);
      const paths = [...seen].map((url) => new URL(url).pathname);
      expect(paths.some((p) => /^\/page\/2\/feed\.xml$/.test(p))).toBe(true);
      expect(paths.some((p) => /^\/archive\/1\/atom\.xml$/.test(p))).toBe(true);
      expect(paths.filter((p) => /\.(jpe?g|png)$/.test(p)).length).toBeGreaterThan(0);
      expect(paths.filter((p) => /^\/\d{4}\/\d{2}\/\d{2}\//.test(p)).length).toBeGreaterThanOrEqual(herald.store.postPages().length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('herald build (the command line)', () => {
  it('writes the repository posts to --out and says how many files it wrote, and with DATA_DIR the post index', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'herald-build-'));
    const data = await mkdtemp(path.join(os.tmpdir(), 'herald-build-data-'));
    try {
      const { stdout } = await run(process.execPath, [path.join(repoRoot, 'dist/cli/herald.js'), 'build', '--out', dir], {
        cwd: repoRoot,
        env: { PATH: process.env.PATH ?? '', SITE_URL: 'https://news.example.org', DATA_DIR: data },
      });
      expect(stdout).toMatch(/^herald build: wrote \d+ files to .* \(7 posts, 0 rejected\)/);
      const feed = await readFile(path.join(dir, 'feed.xml'), 'utf8');
      expect(feed).toContain('<atom:link href="https://news.example.org/feed.xml" rel="self" type="application/rss+xml"/>');
      // Every file of posts/ is in the index, the unpublished draft and the future post with the 7 shown.
      const indexed = Object.keys(parseIndex(await readFile(path.join(data, 'index/posts.json'), 'utf8')).entries);
      expect(indexed.sort()).toEqual((await readdir(path.join(repoRoot, 'posts'))).sort());
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(data, { recursive: true, force: true });
    }
  });

  it('exits 2 with usage when --out is missing', async () => {
    await expect(run(process.execPath, [path.join(repoRoot, 'dist/cli/herald.js'), 'build'], { cwd: repoRoot })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('build needs --out DIR'),
    });
  });
});
