import { rm, utimes, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createHerald, type Herald } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { FakeClock, repoRoot, silent, tempPosts } from '../helpers.js';

// Mtimes are set explicitly (never read from the real clock), and the fake clock is past them all.
const NOW = new Date('2030-01-01T00:00:00Z');

function post(title: string, date: string, extra = ''): string {
  return `---\ntitle: ${title}\ndate: ${date}\ncategories: news\ntags: [alpha]\n${extra}---\n\nThe text of ${title}.\n`;
}

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanup.map((remove) => remove()));
  cleanup = [];
});

async function folder(files: Record<string, string>, stamp: string) {
  const temp = await tempPosts(files);
  cleanup.push(temp.remove);
  for (const name of Object.keys(files)) await touch(path.join(temp.postsDir, name), stamp);
  await touch(temp.postsDir, stamp);
  return temp;
}

async function touch(file: string, at: string): Promise<void> {
  await utimes(file, new Date(at), new Date(at));
}

async function heraldOver(dir: string, clock = new FakeClock(NOW), feeds: Record<string, unknown> = {}): Promise<Herald> {
  const config = parseConfig({ site: { url: 'https://example.com' }, paths: { posts: path.join(dir, 'posts'), static: dir, authors: path.join(dir, 'authors.yml') }, feeds }, repoRoot);
  const herald = createHerald(config, silent, { clock });
  await herald.publisher.reload();
  return herald;
}

async function lastModified(herald: Herald, url = '/feed.xml'): Promise<string> {
  return (await request(herald.handler).get(url)).headers['last-modified'] as string;
}

describe('Last-Modified moves whenever the bytes change (RFC 9110 §8.8.2, §13.1.3)', () => {
  it('is the newest of the files’ times and the posts’ dates, so an If-Modified-Since client sees a back-dated new post', async () => {
    const { dir, postsDir } = await folder({ '2024-05-01-a.md': post('A', '2024-05-01 10:00:00') }, '2025-01-01T00:00:00Z');
    const herald = await heraldOver(dir);
    const before = await lastModified(herald);
    expect(before).toBe('Wed, 01 Jan 2025 00:00:00 GMT');
    expect((await request(herald.handler).get('/feed.xml').set('If-Modified-Since', before)).status).toBe(304);

    await writeFile(path.join(postsDir, '2023-01-01-old.md'), post('Back-dated', '2023-01-01 10:00:00'));
    await touch(path.join(postsDir, '2023-01-01-old.md'), '2025-01-02T00:00:00Z');
    await touch(postsDir, '2025-01-02T00:00:00Z');
    await herald.publisher.reload();
    const res = await request(herald.handler).get('/feed.xml').set('If-Modified-Since', before);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Back-dated');
    expect(res.headers['last-modified']).toBe('Thu, 02 Jan 2025 00:00:00 GMT');
    expect((await request(herald.handler).get('/feed.xml').set('If-Modified-Since', res.headers['last-modified'] as string)).status).toBe(304);
  });

  it('moves for an edit in place (the folder’s time unchanged) and for a deletion (only the folder’s time moves)', async () => {
    const { dir, postsDir } = await folder({ '2024-05-01-a.md': post('A', '2024-05-01 10:00:00'), '2024-05-02-b.md': post('B', '2024-05-02 10:00:00') }, '2025-01-01T00:00:00Z');
    const herald = await heraldOver(dir);
    const first = await lastModified(herald, '/tags/alpha/atom.xml');

    await writeFile(path.join(postsDir, '2024-05-01-a.md'), post('A, edited', '2024-05-01 10:00:00'));
    await touch(path.join(postsDir, '2024-05-01-a.md'), '2025-02-01T00:00:00Z');
    await herald.publisher.reload();
    const edited = await request(herald.handler).get('/tags/alpha/atom.xml').set('If-Modified-Since', first);
    expect(edited.status).toBe(200);
    expect(edited.text).toContain('A, edited');
    expect(edited.headers['last-modified']).toBe('Sat, 01 Feb 2025 00:00:00 GMT');

    // The deleted file had the newest time: the folder's time, moved by the deletion, is newer still.
    await rm(path.join(postsDir, '2024-05-01-a.md'));
    await touch(postsDir, '2025-03-01T00:00:00Z');
    await herald.publisher.reload();
    const deleted = await request(herald.handler).get('/tags/alpha/atom.xml').set('If-Modified-Since', edited.headers['last-modified'] as string);
    expect(deleted.status).toBe(200);
    expect(deleted.text).not.toContain('A, edited');
    expect(deleted.headers['last-modified']).toBe('Sat, 01 Mar 2025 00:00:00 GMT');
  });

  it('moves when a post in a subfolder is deleted, and when the authors file changes', async () => {
    const { dir, postsDir } = await folder({ '2024-05-01-a.md': post('A', '2024-05-01 10:00:00', 'author: jane\n') }, '2025-01-01T00:00:00Z');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(postsDir, '2024'));
    await writeFile(path.join(postsDir, '2024', '2024-06-01-b.md'), post('B', '2024-06-01 10:00:00'));
    await touch(path.join(postsDir, '2024', '2024-06-01-b.md'), '2025-01-01T00:00:00Z');
    await touch(path.join(postsDir, '2024'), '2025-01-01T00:00:00Z');
    await touch(postsDir, '2025-01-01T00:00:00Z');
    await writeFile(path.join(dir, 'authors.yml'), 'jane:\n  name: Jane\n');
    await touch(path.join(dir, 'authors.yml'), '2025-01-01T00:00:00Z');
    const herald = await heraldOver(dir);
    expect(await lastModified(herald)).toBe('Wed, 01 Jan 2025 00:00:00 GMT');

    await rm(path.join(postsDir, '2024', '2024-06-01-b.md'));
    await touch(path.join(postsDir, '2024'), '2025-01-05T00:00:00Z');
    await herald.publisher.reload();
    expect(await lastModified(herald)).toBe('Sun, 05 Jan 2025 00:00:00 GMT');

    await writeFile(path.join(dir, 'authors.yml'), 'jane:\n  name: Jane Writer\n');
    await touch(path.join(dir, 'authors.yml'), '2025-01-09T00:00:00Z');
    await herald.publisher.reload();
    const res = await request(herald.handler).get('/feed.json').set('If-Modified-Since', 'Sun, 05 Jan 2025 00:00:00 GMT');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Jane Writer');
    expect(res.headers['last-modified']).toBe('Thu, 09 Jan 2025 00:00:00 GMT');
  });

  it('becomes a future post’s date when it is revealed, and is never later than the clock', async () => {
    const clock = new FakeClock(new Date('2025-06-01T00:00:00Z'));
    const { dir } = await folder({ '2024-05-01-a.md': post('A', '2024-05-01 10:00:00'), '2025-07-01-later.md': post('Later', '2025-07-01 12:00:00 +0000') }, '2025-01-01T00:00:00Z');
    const herald = await heraldOver(dir, clock, { cacheMaxAge: 60 });
    expect(await lastModified(herald)).toBe('Wed, 01 Jan 2025 00:00:00 GMT');
    clock.advance(31 * 86_400_000);
    expect(await lastModified(herald)).toBe('Tue, 01 Jul 2025 12:00:00 GMT');

    const early = new FakeClock(new Date('2024-12-01T00:00:00Z'));
    expect(await lastModified(await heraldOver(dir, early))).toBe('Sun, 01 Dec 2024 00:00:00 GMT');
  });
});

describe('If-None-Match names any variant of the current bytes', () => {
  it('answers 304 with the tag the client holds, whichever encoding it asks for now', async () => {
    const { dir } = await folder({ '2024-05-01-a.md': post('A', '2024-05-01 10:00:00') }, '2025-01-01T00:00:00Z');
    const herald = await heraldOver(dir);
    const gzip = await request(herald.handler).get('/atom.xml').set('Accept-Encoding', 'gzip');
    const tag = gzip.headers.etag as string;
    expect(tag).toMatch(/-gz"$/);
    for (const encoding of ['br, gzip', 'identity', 'gzip']) {
      const res = await request(herald.handler).get('/atom.xml').set('Accept-Encoding', encoding).set('If-None-Match', tag);
      expect(res.status, encoding).toBe(304);
      expect(res.headers.etag).toBe(tag);
    }
    // The Brotli tag of the same bytes matches before this process has compressed them (another replica may have).
    const brotli = tag.replace('-gz"', '-br"');
    const res = await request(herald.handler).get('/atom.xml').set('Accept-Encoding', 'gzip').set('If-None-Match', `"stale", ${brotli}`);
    expect(res.status).toBe(304);
    expect(res.headers.etag).toBe(brotli);
    expect((await request(herald.handler).get('/atom.xml').set('If-None-Match', tag.replace(/.-gz"$/, 'x-gz"'))).status).toBe(200);
  });
});

/** Every URL Herald serves: feeds, pages, archives in every view, post pages, the index and OPML. */
function everyUrl(herald: Herald): string[] {
  const store = herald.store;
  const feeds = [...store.feeds(() => true), ...store.archives(() => true)].map((entry) => entry.path);
  return [...feeds, ...feeds.filter((url) => /^\/[a-z]+\.[a-z]+$/.test(url)).map((url) => `${url}?page=2`), ...store.postPages().map((page) => page.address.path), '/', '/feeds.opml'];
}

// Each URL's validators in identity and gzip, over one kept-alive connection (HEAD: the headers of a GET).
async function validators(herald: Herald, urls: readonly string[]): Promise<Map<string, string>> {
  const server = http.createServer(herald.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const head = (url: string, encoding: string) =>
    new Promise<http.IncomingMessage>((resolve, reject) => {
      const { port } = server.address() as AddressInfo;
      http.request({ host: '127.0.0.1', port, path: url, method: 'HEAD', agent, headers: { 'Accept-Encoding': encoding } }, (res) => res.resume().on('end', () => resolve(res))).on('error', reject).end();
    });
  const seen = new Map<string, string>();
  try {
    for (const url of urls) {
      for (const encoding of ['identity', 'gzip']) {
        const res = await head(url, encoding);
        if (res.statusCode === 404 && url.includes('?page=2')) continue;
        expect(res.statusCode, url).toBe(200);
        seen.set(`${url} ${encoding}`, `${res.headers.etag} ${res.headers['last-modified']}`);
      }
    }
  } finally {
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
  return seen;
}

describe('a replica pair on the same files', () => {
  it('agrees on every Last-Modified and ETag, whenever each started and whatever it saw before', async () => {
    const files: Record<string, string> = {};
    for (let day = 1; day <= 5; day++) files[`2024-05-0${day}-p${day}.md`] = post(`Post ${day}`, `2024-05-0${day} 10:00:00`, day % 2 ? 'tags: [alpha, beta]\n' : '');
    const { dir, postsDir } = await folder(files, '2025-01-01T00:00:00Z');
    await touch(path.join(postsDir, '2024-05-03-p3.md'), '2025-01-03T00:00:00Z');
    const first = await heraldOver(dir, new FakeClock(NOW), { itemsPerFeed: 2 });
    const urls = everyUrl(first);
    expect(urls.some((url) => url.includes('archive'))).toBe(true);

    await writeFile(path.join(postsDir, '2024-04-01-back.md'), post('Back-dated', '2024-04-01 10:00:00'));
    await touch(path.join(postsDir, '2024-04-01-back.md'), '2025-01-04T00:00:00Z');
    await rm(path.join(postsDir, '2024-05-04-p4.md'));
    await touch(postsDir, '2025-01-04T00:00:00Z');
    await first.publisher.reload();
    // The second replica starts later, after the change, under another clock.
    const second = await heraldOver(dir, new FakeClock(new Date('2031-06-01T00:00:00Z')), { itemsPerFeed: 2 });
    const all = everyUrl(second);
    expect(all.sort()).toEqual(everyUrl(first).sort());
    const [a, b] = [await validators(first, all), await validators(second, all)];
    expect(a.size).toBeGreaterThan(50);
    expect(b).toEqual(a);
    expect(new Set([...a.values()].map((value) => value.slice(value.indexOf(' ') + 1)))).toEqual(new Set(['Sat, 04 Jan 2025 00:00:00 GMT']));
  });
});
