import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { exportSite } from '../../src/export/export-site.js';
import { fixtureHerald } from '../helpers.js';

// jekyll-feed's URLs as one config key: its Atom feed, category feeds by name and tag feeds.
const jekyllFeed = {
  urls: {
    files: { rss: 'rss.xml', atom: 'feed.xml' },
    aliases: { '/feed/{category}.xml': '/categories/{category}/feed.xml', '/feed/by_tag/{tag}.xml': '/tags/{tag}/feed.xml' },
  },
};

describe('urls.aliases and urls.files', () => {
  it('serve a feed at its alias with the same bytes and ETag as at its own path, and count it under the pattern', async () => {
    const herald = await fixtureHerald(jekyllFeed);
    const own = await request(herald.handler).get('/categories/unicode-things/feed.xml');
    const alias = await request(herald.handler).get('/feed/%C3%9Cn%C3%AFc%C3%B6d%C3%A9%20Th%C3%AFngs.xml');
    expect(own.status).toBe(200);
    expect(own.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(alias.status).toBe(200);
    expect(alias.headers.etag).toBe(own.headers.etag);
    expect(alias.text).toBe(own.text);
    expect((await request(herald.handler).get('/feed/by_tag/alpha.xml?limit=1')).text).toContain('<link rel="self" type="application/atom+xml" href="https://example.com/tags/alpha/feed.xml?limit=1"/>');
    expect((await request(herald.handler).get('/feed/Nope.xml')).status).toBe(404);
    expect((await request(herald.handler).get('/feed.xml')).text).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect((await request(herald.handler).get('/rss.xml')).text).toContain('<rss version="2.0"');
    const metrics = (await request(herald.handler).get('/metrics')).text;
    expect(metrics).toMatch(/herald_http_requests_total\{route="\/feed\/\{category\}.xml",status="200"\} 1\n/);
    expect(metrics).toMatch(/herald_http_requests_total\{route="\/feed\/by_tag\/\{tag\}.xml",status="200"\} 1\n/);
  });

  it('link the index and the feeds to the configured paths, and export each alias once per term', async () => {
    const herald = await fixtureHerald(jekyllFeed);
    const index = (await request(herald.handler).get('/')).text;
    expect(index).toContain('href="https://example.com/rss.xml"');
    expect(index).not.toContain('https://example.com/atom.xml');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'herald-alias-'));
    try {
      const written = await exportSite(herald.store, herald.scheme, dir);
      expect(written).toContain('feed/news.xml');
      expect(written).toContain('feed/by_tag/alpha.xml');
      const served = await request(herald.handler).get('/feed/news.xml').set('Accept-Encoding', 'identity');
      expect(await readFile(path.join(dir, 'feed/news.xml'), 'utf8')).toBe(served.text);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
