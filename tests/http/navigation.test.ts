import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Herald } from '../../src/compose.js';
import { fixtureHerald } from '../helpers.js';

let herald: Herald;
beforeAll(async () => {
  herald = await fixtureHerald({ feeds: { cacheMaxAge: 240, itemsPerFeed: 1 } });
});

const FEED_VARY = 'Accept-Encoding, Sec-Fetch-Dest, Sec-Fetch-Mode';
// What Chromium and Firefox send when a person opens a URL (typed, clicked or reloaded).
const NAVIGATION = { 'Sec-Fetch-Dest': 'document', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Site': 'none', 'Sec-Fetch-User': '?1', Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

function get(url: string, headers: Record<string, string> = {}) {
  return request(herald.handler).get(url).set('Accept-Encoding', 'identity').set(headers);
}

describe('a browser navigating to a feed URL (Fetch Metadata)', () => {
  it.each([
    ['/feed.xml', '/feed.html'],
    ['/atom.xml', '/feed.html'],
    ['/feed.json', '/feed.html'],
    ['/tags/alpha/atom.xml', '/tags/alpha/feed.html'],
    ['/feed.xml?page=2', '/feed.html?page=2'],
    ['/feed.json?limit=2', '/feed.html?limit=2'],
  ])('gets %s as the HTML view %s, kept from shared caches', async (feed, view) => {
    const html = await get(view);
    const res = await get(feed, NAVIGATION);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toBe(html.text);
    expect(res.headers.etag).toBe(html.headers.etag);
    expect(res.headers.vary).toBe(FEED_VARY);
    expect(res.headers['cache-control']).toBe('private, max-age=240');
    expect(res.headers['content-security-policy']).toBe(html.headers['content-security-policy']);
  });

  it('gets an archive as its HTML view', async () => {
    const archive = herald.store.archives().find((entry) => entry.view === 'rss')!;
    const view = herald.store.archives(() => true).find((entry) => entry.view === 'html' && entry.folder === archive.folder && entry.address.kind === 'archive' && archive.address.kind === 'archive' && entry.address.number === archive.address.number)!;
    const res = await get(archive.path, NAVIGATION);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toBe((await get(view.path)).text);
  });

  it('answers its conditional requests from the HTML bytes: 304 for the page’s ETag, never the feed’s', async () => {
    const page = await get('/feed.xml', NAVIGATION);
    const again = await get('/feed.xml', { ...NAVIGATION, 'If-None-Match': page.headers.etag as string });
    expect(again.status).toBe(304);
    expect(again.headers.vary).toBe(FEED_VARY);
    const feed = await get('/feed.xml');
    expect((await get('/feed.xml', { ...NAVIGATION, 'If-None-Match': feed.headers.etag as string })).status).toBe(200);
    expect((await get('/feed.xml', { 'If-None-Match': page.headers.etag as string })).status).toBe(200);
  });
});

describe('readers and everything else get the feed', () => {
  it.each([
    ['no Fetch Metadata (every feed reader)', {}],
    ['a fetch() from a web reader', { 'Sec-Fetch-Dest': 'empty', 'Sec-Fetch-Mode': 'cors' }],
    ['a navigation into a frame', { 'Sec-Fetch-Dest': 'iframe', 'Sec-Fetch-Mode': 'navigate' }],
    ['a document without navigation', { 'Sec-Fetch-Dest': 'document', 'Sec-Fetch-Mode': 'no-cors' }],
    ['an Accept asking for HTML alone', { Accept: 'text/html' }],
  ])('%s', async (_name, headers) => {
    const res = await get('/feed.xml', headers);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(res.headers.vary).toBe(FEED_VARY);
    expect(res.headers['cache-control']).toBe('public, max-age=240, s-maxage=60');
  });

  it('leaves HTML views, the index, OPML and post pages as they are, varying on Accept-Encoding only', async () => {
    for (const url of ['/feed.html', '/', '/feeds.opml', herald.store.postPages()[0]!.address.path]) {
      const plain = await get(url);
      const navigated = await get(url, NAVIGATION);
      expect(navigated.text, url).toBe(plain.text);
      expect(navigated.headers.vary, url).toBe('Accept-Encoding');
      expect(navigated.headers['cache-control'], url).toBe(plain.headers['cache-control']);
    }
  });
});
