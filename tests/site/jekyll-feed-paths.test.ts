import Parser from 'rss-parser';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEME, UrlScheme } from '../../src/address/url-scheme.js';
import { createHerald, type Herald } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { jekyllFeedAliases } from '../../src/site/jekyll-feed-paths.js';
import { FakeClock, repoRoot, silent } from '../helpers.js';

// The example site's _config.yml: feed.posts_limit 3, categories [news, Post Formats], tags except [notes].
let herald: Herald;
const parser = new Parser<object, { id?: string }>({ customFields: { item: ['id'] } });

async function atom(path: string) {
  const response = await request(herald.handler).get(path);
  expect(response.status, path).toBe(200);
  expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
  const links = [...response.text.matchAll(/<link rel="([^"]+)" type="application\/atom\+xml" href="([^"]+)"\/>/g)].map(([, rel, href]) => [rel, href]);
  return { feed: await parser.parseString(response.text), links: Object.fromEntries(links) as Record<string, string>, text: response.text };
}

beforeAll(async () => {
  const config = parseConfig({ paths: { site: 'examples/jekyll-site' }, validation: { enabled: false } }, repoRoot);
  herald = createHerald(config, silent, { clock: new FakeClock(new Date('2025-01-01T00:00:00Z')) });
  await herald.publisher.reload();
});
afterAll(() => herald?.publisher.stop());

describe("site mode serves jekyll-feed's paths beside Herald's own", () => {
  it('serves Atom at feed.path, posts_limit a page, with its own self link and feed id and the same entry ids', async () => {
    const first = await atom('/feed.xml');
    expect(first.feed.items).toHaveLength(3);
    expect(first.text).toContain('<id>https://notes.example.org/blog/feed.xml</id>');
    expect(first.links.self).toBe('https://notes.example.org/blog/feed.xml');
    expect(first.links.next).toBe('https://notes.example.org/blog/feed.xml?page=2');
    expect(first.links['prev-archive']).toBeUndefined();
    const second = await atom('/feed.xml?page=2');
    const own = await atom('/atom.xml');
    expect([...first.feed.items, ...second.feed.items].map((item) => item.id)).toEqual(own.feed.items.map((item) => item.id));
    expect((await atom('/feed.xml?limit=10')).feed.items).toHaveLength(6);
  });

  it("moves Herald's RSS to /rss.xml, the format's own paths unchanged otherwise", async () => {
    const rss = await request(herald.handler).get('/rss.xml');
    expect(rss.text).toContain('<rss version="2.0"');
    expect(rss.text).toContain('href="https://notes.example.org/blog/rss.xml" rel="self"');
    expect((await request(herald.handler).get('/categories/news/rss.xml')).status).toBe(200);
  });

  it('serves the categories of feed.categories at /feed/<Name>.xml, by the name as written', async () => {
    const news = await atom('/feed/news.xml');
    expect(news.feed.items.map((item) => item.title)).toEqual(['Spring update']);
    expect(news.links.self).toBe('https://notes.example.org/blog/feed/news.xml');
    const formats = await atom('/feed/Post%20Formats.xml');
    expect(formats.feed.items.map((item) => item.title)).toEqual(['Version 3.0 released & more']);
    expect(formats.text).toContain('<id>https://notes.example.org/blog/feed/Post%20Formats.xml</id>');
    expect((await request(herald.handler).get('/feed/post-formats.xml')).status).toBe(404);
  });

  it('serves tag feeds at /feed/by_tag/<tag>.xml except for the tags feed.tags.except names', async () => {
    expect((await atom('/feed/by_tag/release.xml')).feed.items).toHaveLength(2);
    expect((await request(herald.handler).get('/feed/by_tag/notes.xml')).status).toBe(404);
    expect((await request(herald.handler).get('/tags/notes/atom.xml')).status).toBe(200);
  });

  it('counts each path under its pattern in /metrics', async () => {
    await request(herald.handler).get('/feed/by_tag/release.xml');
    const metrics = (await request(herald.handler).get('/metrics')).text;
    expect(metrics).toMatch(/herald_http_requests_total\{route="\/feed\/by_tag\/\{tag\}.xml",status="200"\} \d+\n/);
    expect(metrics).toMatch(/herald_http_requests_total\{route="\/feed.xml",status="200"\} \d+\n/);
  });
});

describe("jekyll-feed's path rules", () => {
  const scheme = (feed: Parameters<typeof jekyllFeedAliases>[0]) =>
    new UrlScheme({ ...DEFAULT_SCHEME, publicUrl: 'https://x.example', aliases: jekyllFeedAliases(feed, DEFAULT_SCHEME) });
  const parse = (on: UrlScheme, path: string) => on.parseAddress(path, new URLSearchParams());
  const base = { path: 'atom.xml', postsLimit: 5, excerptOnly: false, categories: [] as string[], tags: false as const };

  it('roots feed.path, serves no category feeds without feed.categories, and no tag feeds without feed.tags', () => {
    const plain = scheme(base);
    // A feed.path that is one of Herald's own paths is served as Herald's own.
    expect(parse(plain, '/atom.xml')).toEqual({ kind: 'feed', scope: { kind: 'site' }, view: 'atom', page: 1 });
    expect(parse(plain, '/feed/news.xml')).toBeUndefined();
    expect(parse(plain, '/feed/by_tag/x.xml')).toBeUndefined();
    expect(parse(scheme({ ...base, path: '/feed/all.xml' }), '/feed/all.xml')).toMatchObject({ scope: { kind: 'site' }, alias: { pageSize: 5 } });
  });

  it('takes only the tags of [A-Za-z0-9_] that only leaves and except does not name, under tags.path', () => {
    const tagged = scheme({ ...base, tags: { only: ['jekyll_feed', 'two words', 'x'], except: ['x'], path: '/t/' } });
    expect(parse(tagged, '/t/jekyll_feed.xml')).toMatchObject({ scope: { kind: 'tag', slug: 'jekyll-feed' }, alias: { name: 'jekyll_feed' } });
    expect(parse(tagged, '/t/two%20words.xml')).toBeUndefined();
    expect(parse(tagged, '/t/x.xml')).toBeUndefined();
    expect(parse(tagged, '/t/other.xml')).toBeUndefined();
  });
});
