import { describe, expect, it } from 'vitest';
import { FeedTarget } from '../../src/http/serve-feed.js';
import { Metrics } from '../../src/metrics/metrics.js';
import { makeRendered, type Variant } from '../../src/store/rendered.js';

function target() {
  const rendered = makeRendered('<rss/>'.repeat(1000), 'application/rss+xml; charset=utf-8');
  let bodyReads = 0;
  const gzip: Variant = {
    etag: rendered.gzip.etag,
    encoding: 'gzip',
    get body() {
      bodyReads++;
      return rendered.gzip.body;
    },
  };
  const metrics = new Metrics();
  const counts = { ok: metrics.requestCount('/feed.xml', 200), notModified: metrics.requestCount('/feed.xml', 304) };
  const feed = new FeedTarget({ rendered: { ...rendered, gzip }, used: false }, { cacheControl: 'public, max-age=60', html: { 'X-Frame-Options': 'DENY' } }, { selfUrl: 'https://example.com/feed.xml', lastModified: new Date('2024-01-02T03:04:05.678Z'), vary: 'Accept-Encoding' }, counts);
  return { feed, rendered, gzip, bodyReads: () => bodyReads };
}

describe('FeedTarget', () => {
  it('prepares the headers of a variant once, and never reads (compresses) a body for a 304', () => {
    const { feed, gzip, bodyReads } = target();
    const notModified = feed.notModifiedHeaders(gzip.etag);
    expect(notModified).toEqual({
      'Content-Type': 'application/rss+xml; charset=utf-8',
      ETag: gzip.etag,
      'Last-Modified': 'Tue, 02 Jan 2024 03:04:05 GMT',
      'Cache-Control': 'public, max-age=60',
      Vary: 'Accept-Encoding',
      'Access-Control-Allow-Origin': '*',
      'X-Content-Type-Options': 'nosniff',
    });
    expect(feed.notModifiedHeaders(gzip.etag)).toBe(notModified);
    expect(bodyReads()).toBe(0);
    const ok = feed.okHeaders(gzip);
    expect(ok).toEqual({ ...notModified, 'Content-Encoding': 'gzip', 'Content-Length': gzip.body.length });
    expect(feed.okHeaders(gzip)).toBe(ok);
    expect(bodyReads()).toBe(2);
  });

  it('sends the identity bytes without Content-Encoding, and HTML security headers only with HTML', () => {
    const { feed, rendered } = target();
    const ok = feed.okHeaders(rendered.identity);
    expect(ok['Content-Encoding']).toBeUndefined();
    expect(ok['Content-Length']).toBe(rendered.identity.body.length);
    expect(ok['X-Frame-Options']).toBeUndefined();
  });
});
