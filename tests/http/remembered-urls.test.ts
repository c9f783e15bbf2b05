import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Herald } from '../../src/compose.js';
import { buildSnapshot } from '../../src/store/snapshot.js';
import { fixtureHerald } from '../helpers.js';

// Feed URLs are resolved once per content version and their headers prepared once: these check that what
// is remembered never outlives its URL or its version.
let herald: Herald;
beforeEach(async () => {
  herald = await fixtureHerald({ feeds: { hubs: ['https://hub.example.com/'] } });
});

describe('remembered feed URLs', () => {
  it('give each URL its own self link, even when two URLs share the same bytes', async () => {
    const plain = await request(herald.handler).get('/feed.xml');
    const firstPage = await request(herald.handler).get('/feed.xml?page=1');
    expect(firstPage.headers.etag).toBe(plain.headers.etag);
    expect(plain.headers.link).toContain('<https://example.com/feed.xml>; rel="self"');
    expect(firstPage.headers.link).toContain('<https://example.com/feed.xml?page=1>; rel="self"');
    const again = await request(herald.handler).get('/feed.xml').set('If-None-Match', plain.headers.etag as string);
    expect(again.status).toBe(304);
    expect(again.headers.link).toBe(plain.headers.link);
  });

  it('are forgotten when the store swaps in a new content version', async () => {
    const before = await request(herald.handler).get('/feed.json');
    const posts = herald.store.snapshot.posts;
    herald.store.swap(buildSnapshot(posts.slice(1), new Date('2024-06-01T00:00:00Z')));
    const after = await request(herald.handler).get('/feed.json').set('If-None-Match', before.headers.etag as string);
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body.items).toHaveLength(before.body.items.length - 1);
  });

  it('answer a bad query or slug the same way every time', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await request(herald.handler).get('/feed.xml?limit=0')).status).toBe(400);
      expect((await request(herald.handler).get('/tags/nope/feed.xml')).status).toBe(404);
    }
    const metrics = await request(herald.handler).get('/metrics');
    expect(metrics.text).toMatch(/herald_http_requests_total\{route="feed",status="400"\} 3\n/);
    expect(metrics.text).toMatch(/herald_http_requests_total\{route="feed",status="404"\} 3\n/);
  });

  it('keep the security headers of HTML pages on 304s and HEADs', async () => {
    const page = await request(herald.handler).get('/');
    const notModified = await request(herald.handler).get('/').set('If-None-Match', page.headers.etag as string);
    const head = await request(herald.handler).head('/tags/alpha/feed.html');
    for (const res of [page, notModified, head]) {
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
    expect(notModified.status).toBe(304);
    expect(head.status).toBe(200);
    expect(head.text).toBeUndefined();
  });

  it('count requests by route and status in /metrics', async () => {
    const first = await request(herald.handler).get('/categories/news/feed.xml');
    await request(herald.handler).get('/categories/news/feed.xml').set('If-None-Match', first.headers.etag as string);
    await request(herald.handler).get('/categories/reviews/feed.xml');
    const metrics = await request(herald.handler).get('/metrics');
    expect(metrics.text).toMatch(/herald_http_requests_total\{route="\/categories\/:slug\/feed.xml",status="200"\} 2\n/);
    expect(metrics.text).toMatch(/herald_http_requests_total\{route="\/categories\/:slug\/feed.xml",status="304"\} 1\n/);
    const again = await request(herald.handler).get('/metrics');
    expect(again.text).toMatch(/herald_http_requests_total\{route="\/categories\/:slug\/feed.xml",status="200"\} 2\n/);
  });
});
