import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createHerald, type Herald } from '../../src/compose.js';
import { loadConfig } from '../../src/config/load-config.js';
import { FakeClock, fixtureHerald, repoRoot, silent } from '../helpers.js';
import { linksIn, publisherLinks } from '../links.js';

const ORIGIN = 'https://example.com';
const MAX_URLS = 3000;

/** Fetches everything reachable from `/` on the same origin; returns each URL's status and who linked it. */
async function crawl(herald: Herald): Promise<Map<string, { status: number; from: string }>> {
  const seen = new Map<string, { status: number; from: string }>();
  const queue: Array<{ url: string; from: string }> = [{ url: `${ORIGIN}/`, from: '(start)' }];
  while (queue.length && seen.size < MAX_URLS) {
    const { url, from } = queue.shift()!;
    if (seen.has(url)) continue;
    const target = new URL(url);
    const res = await request(herald.handler).get(`${target.pathname}${target.search}`).buffer(true).parse((stream, done) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => done(null, Buffer.concat(chunks)));
    });
    seen.set(url, { status: res.status, from });
    const type = String(res.headers['content-type'] ?? '');
    if (res.status !== 200 || !/html|xml|json|opml/.test(type)) continue;
    for (const link of linksIn((res.body as Buffer).toString('utf8'), type)) {
      const absolute = new URL(link, url);
      absolute.hash = '';
      if (absolute.origin === ORIGIN && !seen.has(absolute.href)) queue.push({ url: absolute.href, from: url });
    }
  }
  return seen;
}

describe('no dead links: a crawl of everything Herald serves', () => {
  // The repository's posts and config (icon, logo, site author), at https://example.com, in 2026.
  const repository = async (env: Record<string, string> = {}) => {
    const herald = createHerald(loadConfig({ SITE_URL: ORIGIN, ...env }, repoRoot), silent, { clock: new FakeClock(new Date('2026-01-01T00:00:00Z')) });
    await herald.publisher.reload();
    return herald;
  };
  it.each([
    ['the fixture posts', () => fixtureHerald()],
    ['the fixture posts, one per page: pages and archives', () => fixtureHerald({ feeds: { itemsPerFeed: 1 } })],
    ['the repository posts', () => repository()],
    ['the repository posts, two per page: pages and archives', () => repository({ ITEMS_PER_FEED: '2' })],
  ])('finds every same-origin link answering 200 (%s)', async (_what, make) => {
    const herald = await make();
    const seen = await crawl(herald);
    const theirs = await publisherLinks(herald);
    expect(seen.size).toBeLessThan(MAX_URLS);
    const dead = [...seen].filter(([url, { status }]) => status !== 200 && !theirs.has(url)).map(([url, { status, from }]) => `${status} ${url} (linked from ${from})`);
    expect(dead).toEqual([]);
    const paths = [...seen].filter(([, { status }]) => status === 200).map(([url]) => new URL(url).pathname);
    // The crawl reached every kind of page: the feeds, their views, the post pages and the author feeds.
    expect(paths).toEqual(expect.arrayContaining(['/', '/feeds.opml', '/feed.xml', '/atom.xml', '/feed.json', '/feed.html']));
    expect(paths.some((p) => /^\/authors\/[^/]+\/feed\.xml$/.test(p))).toBe(true);
    expect(paths.filter((p) => /^\/\d{4}\/\d{2}\/\d{2}\//.test(p)).length).toBe(herald.store.postPages().length);
  });
});
