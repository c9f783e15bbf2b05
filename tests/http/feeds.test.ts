import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import request from 'supertest';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Herald } from '../../src/compose.js';
import { validateFeed } from '../../src/validate/index.js';
import { fixtureHerald } from '../helpers.js';

let herald: Herald;
beforeAll(async () => {
  herald = await fixtureHerald({ feeds: { cacheMaxAge: 240, hubs: ['https://hub.example.com/'] } });
});

describe('feed endpoints', () => {
  it.each([
    ['/feed.xml', 'application/rss+xml; charset=utf-8'],
    ['/atom.xml', 'application/atom+xml; charset=utf-8'],
    ['/feed.json', 'application/feed+json; charset=utf-8'],
    ['/categories/news/feed.xml', 'application/rss+xml; charset=utf-8'],
    ['/categories/unicode-things/atom.xml', 'application/atom+xml; charset=utf-8'],
    ['/tags/alpha/feed.json', 'application/feed+json; charset=utf-8'],
  ])('%s is served as %s with caching and CORS headers', async (path, type) => {
    const res = await request(herald.handler).get(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['cache-control']).toBe('public, max-age=240, s-maxage=60');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers.vary).toBe('Accept-Encoding, Sec-Fetch-Dest, Sec-Fetch-Mode');
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}(-gz|-br)?"$/);
    expect(Date.parse(res.headers['last-modified'] as string)).toBeGreaterThan(Date.parse('2024-01-01'));
  });

  it('advertises WebSub hubs and self in a Link header', async () => {
    const res = await request(herald.handler).get('/atom.xml');
    expect(res.headers.link).toBe('<https://hub.example.com/>; rel="hub", <https://example.com/atom.xml>; rel="self"');
  });

  it('answers an unknown slug with 404 and a short explanation', async () => {
    const res = await request(herald.handler).get('/categories/nope/feed.xml');
    expect(res.status).toBe(404);
    expect(res.text).toMatch(/^404 no category "nope"/);
  });

  it('answers unknown routes with 404 and never a stack trace', async () => {
    const res = await request(herald.handler).get('/nothing/here');
    expect(res.status).toBe(404);
    expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('rejects bad query values with 400', async () => {
    for (const query of ['?limit=0', '?limit=abc', '?limit=100000', '?page=-1', '?foo=1']) {
      const res = await request(herald.handler).get(`/feed.xml${query}`);
      expect(res.status, query).toBe(400);
    }
  });
});

describe('conditional requests (RFC 9110 §13)', () => {
  it('answers a matching If-None-Match with 304 and no body, and HEAD with headers only', async () => {
    const first = await request(herald.handler).get('/feed.xml').set('Accept-Encoding', 'identity');
    const etag = first.headers.etag as string;
    const again = await request(herald.handler).get('/feed.xml').set('Accept-Encoding', 'identity').set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(etag);
    const head = await request(herald.handler).head('/feed.xml').set('Accept-Encoding', 'identity');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(first.headers['content-length']);
  });

  it('compares weakly, accepts lists and *, and ignores If-Modified-Since when If-None-Match is present', async () => {
    const etag = (await request(herald.handler).get('/atom.xml')).headers.etag as string;
    expect((await request(herald.handler).get('/atom.xml').set('If-None-Match', `"x", W/${etag}`)).status).toBe(304);
    expect((await request(herald.handler).get('/atom.xml').set('If-None-Match', '*')).status).toBe(304);
    const ims = 'Sat, 01 Jan 2050 00:00:00 GMT';
    expect((await request(herald.handler).get('/atom.xml').set('If-None-Match', '"other"').set('If-Modified-Since', ims)).status).toBe(200);
  });

  it('honours If-Modified-Since alone', async () => {
    const lastModified = (await request(herald.handler).get('/feed.json')).headers['last-modified'] as string;
    expect((await request(herald.handler).get('/feed.json').set('If-Modified-Since', lastModified)).status).toBe(304);
    expect((await request(herald.handler).get('/feed.json').set('If-Modified-Since', 'Mon, 01 Jan 2024 00:00:00 GMT')).status).toBe(200);
  });
});

describe('compression', () => {
  it('serves Brotli, then gzip, as Accept-Encoding allows, with a distinct ETag and the right length', async () => {
    const plain = await rawGet('/feed.xml', 'identity');
    // Brotli starts once the bytes are a second old (a fake performance clock here) and runs in the
    // background; gzip answers until it is ready.
    vi.useFakeTimers({ toFake: ['performance'] });
    let fresh: Herald;
    try {
      fresh = await fixtureHerald({ feeds: { cacheMaxAge: 240, hubs: ['https://hub.example.com/'] } });
      expect((await rawGet('/feed.xml', 'gzip, br', fresh)).headers['content-encoding']).toBe('gzip');
      vi.advanceTimersByTime(999);
      expect((await rawGet('/feed.xml', 'gzip, br', fresh)).headers['content-encoding']).toBe('gzip');
      // Time enough for the thread pool to finish a compression, had one started (only performance is fake).
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await rawGet('/feed.xml', 'gzip, br', fresh)).headers['content-encoding']).toBe('gzip');
      vi.advanceTimersByTime(1);
      expect((await rawGet('/feed.xml', 'gzip, br', fresh)).headers['content-encoding']).toBe('gzip');
    } finally {
      vi.useRealTimers();
    }
    const br = await vi.waitFor(async () => {
      const res = await rawGet('/feed.xml', 'gzip, br', fresh);
      expect(res.headers['content-encoding']).toBe('br');
      return res;
    });
    const gz = await rawGet('/feed.xml', 'gzip;q=1, br;q=0');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(brotliDecompressSync(br.body)).toEqual(plain.body);
    expect(gunzipSync(gz.body)).toEqual(plain.body);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(Number(gz.headers['content-length'])).toBe(gz.body.length);
    expect(new Set([plain.headers.etag, br.headers.etag, gz.headers.etag]).size).toBe(3);
    const notModified = await request(herald.handler).get('/feed.xml').set('Accept-Encoding', 'gzip').set('If-None-Match', gz.headers.etag!);
    expect(notModified.status).toBe(304);
  });
});

describe('paging (RFC 5005) and limit', () => {
  it('walks the whole archive through next links and offers first/last', async () => {
    const seen: string[] = [];
    let url: string | undefined = '/feed.json?limit=1';
    for (let hops = 0; url && hops < 20; hops++) {
      const res = await request(herald.handler).get(url);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((item: { id: string }) => item.id));
      url = res.body.next_url && new URL(res.body.next_url).pathname + new URL(res.body.next_url).search;
    }
    expect(seen).toHaveLength(4);
    const atom = await request(herald.handler).get('/atom.xml?limit=1&page=2');
    expect(atom.text).toContain('<link rel="previous" type="application/atom+xml" href="https://example.com/atom.xml?limit=1"/>');
    expect(atom.text).toContain('<link rel="next" type="application/atom+xml" href="https://example.com/atom.xml?limit=1&#x26;page=3"/>');
    expect(atom.text).toContain('<link rel="last" type="application/atom+xml" href="https://example.com/atom.xml?limit=1&#x26;page=4"/>');
    expect((await request(herald.handler).get('/atom.xml?limit=1&page=5')).status).toBe(404);
  });
});

describe('index and OPML', () => {
  it('shows people an HTML view of each feed with subscribe links and paging', async () => {
    const res = await request(herald.handler).get('/tags/alpha/feed.html?limit=1');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('<h1>Fixture Site: alpha (page 1 of 2)</h1>');
    expect(res.text).toContain('>Hash author &amp; image</a></h2>');
    expect(res.text).toContain('<a href="https://example.com/tags/alpha/feed.xml" type="application/rss+xml">RSS</a>');
    expect(res.text).toContain('<a rel="next" href="https://example.com/tags/alpha/feed.html?limit=1&amp;page=2">Older posts</a>');
  });

  it('lists every feed with autodiscovery links on /', async () => {
    const res = await request(herald.handler).get('/');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.text).toContain('<link rel="alternate" type="application/rss+xml" title="Fixture Site (RSS)" href="https://example.com/feed.xml">');
    expect(res.text).toContain('href="https://example.com/tags/crlf/feed.json"');
  });

  it('serves an OPML 2.0 list of every feed', async () => {
    const res = await request(herald.handler).get('/feeds.opml');
    expect(res.headers['content-type']).toBe('text/x-opml; charset=utf-8');
    expect(res.text).toContain('<opml version="2.0">');
    expect(res.text).toContain('xmlUrl="https://example.com/categories/reviews/feed.xml"');
  });
});

describe('status', () => {
  it('reports the files that could not be read, as degraded, and is ready once loaded', async () => {
    const res = await request(herald.handler).get('/status');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('degraded');
    expect(res.body.reasons).toEqual(['3 post file(s) could not be read']);
    expect((await request(herald.handler).get('/readyz')).body).toEqual({ status: 'ready' });
    expect(res.body.content.problems.map((p: { file: string }) => p.file)).toEqual([
      '2024-01-14-broken-yaml.md',
      '2024-01-15-bad-date.md',
      '2024-01-16-not-utf8.md',
    ]);
    expect((await request(herald.handler).get('/healthz')).body).toEqual({ status: 'ok' });
  });
});

// The bytes as sent, before any client-side decompression.
async function rawGet(path: string, acceptEncoding: string, from: Herald = herald): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  const server = http.createServer(from.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path, headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
  } finally {
    server.close();
  }
}

describe('metrics', () => {
  it('exports requests by route and status, renders and rejected posts in Prometheus text format', async () => {
    await request(herald.handler).get('/feed.xml');
    const etag = (await request(herald.handler).get('/feed.xml')).headers.etag as string;
    await request(herald.handler).get('/feed.xml').set('If-None-Match', etag);
    await request(herald.handler).get('/tags/alpha/atom.xml');
    const res = await request(herald.handler).get('/metrics');
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0.0.4/);
    expect(res.text).toMatch(/herald_http_requests_total\{route="\/feed.xml",status="304"\} [1-9]/);
    expect(res.text).toMatch(/herald_http_requests_total\{route="\/tags\/:slug\/atom.xml",status="200"\} [1-9]/);
    expect(res.text).toMatch(/herald_feed_render_seconds_count [1-9]/);
    expect(res.text).toContain('herald_posts_rejected 3');
  });
});

describe('archived feeds (RFC 5005 §4)', () => {
  it('walks from the subscription document through prev-archive links to every post, in stable archive documents', async () => {
    const small = await fixtureHerald({ feeds: { itemsPerFeed: 1 } });
    const atom = (await request(small.handler).get('/atom.xml')).text;
    expect(atom).not.toContain('<fh:archive/>');
    let next = /<link rel="prev-archive" type="application\/atom\+xml" href="([^"]+)"\/>/.exec(atom)?.[1];
    expect(next).toBe('https://example.com/archive/4/atom.xml');
    const ids: string[] = [];
    for (let hops = 0; next && hops < 10; hops++) {
      const res = await request(small.handler).get(new URL(next).pathname);
      expect(res.status).toBe(200);
      expect(res.text).toContain('xmlns:fh="http://purl.org/syndication/history/1.0"');
      expect(res.text).toContain('<fh:archive/>');
      expect(res.text).toContain('<link rel="current" type="application/atom+xml" href="https://example.com/atom.xml"/>');
      const findings = await validateFeed(res.text, { url: next, contentType: res.headers['content-type'] as string });
      expect(findings).toEqual([]);
      ids.push(...[...res.text.matchAll(/<entry>\s*<id>([^<]+)<\/id>/g)].map((m) => m[1]!));
      next = /<link rel="prev-archive" type="application\/atom\+xml" href="([^"]+)"\/>/.exec(res.text)?.[1];
    }
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    const rss = await request(small.handler).get('/archive/1/feed.xml');
    expect(rss.text).toContain('<atom:link href="https://example.com/archive/2/feed.xml" rel="next-archive" type="application/rss+xml"/>');
    expect(await validateFeed(rss.text, { url: 'https://example.com/archive/1/feed.xml', contentType: rss.headers['content-type'] as string })).toEqual([]);
    expect((await request(small.handler).get('/archive/5/atom.xml')).status).toBe(404);
    expect((await request(small.handler).get('/archive/1/atom.xml?page=2')).status).toBe(400);
  });
});
