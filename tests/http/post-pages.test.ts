import Parser from 'rss-parser';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Herald } from '../../src/compose.js';
import { fixtureHerald } from '../helpers.js';

let herald: Herald;
beforeAll(async () => {
  herald = await fixtureHerald();
});

const get = (path: string) => request(herald.handler).get(path);

describe('a page for each post at its permalink', () => {
  it('shows the title, date, author, image and sanitised content', async () => {
    const res = await get('/2024/01/11/hash-author.html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.text).toContain('<title>Hash author &amp; image · Fixture Site</title>');
    expect(res.text).toContain('<h1>Hash author &amp; image</h1>');
    expect(res.text).toContain('<time datetime="2024-01-11T06:30:00Z">2024-01-11</time> · Omar Hash</p>');
    expect(res.text).toContain('<img src="https://example.com/img/photo.jpg" alt="A photo">');
    expect(res.text).toContain('The rest of the story.');
    const remote = await get('/2024/01/12/remote-image.html');
    expect(remote.status).toBe(200);
    expect(remote.text).not.toMatch(/<script|onclick|javascript:|<iframe/);
  });

  it('links to the views of its categories, tags and authors, and to its newer and older posts', async () => {
    const { text } = await get('/2024/01/11/hash-author.html');
    expect(text).toContain('Categories: <span class="term"><a href="https://example.com/categories/reviews/feed.html">Reviews</a></span>');
    expect(text).toContain('Tags: <span class="term"><a href="https://example.com/tags/alpha/feed.html">alpha</a></span>');
    expect(text).toContain('Posts by: <span class="term"><a href="https://example.com/authors/omar-hash/feed.html">Omar Hash</a></span>');
    expect(text).toContain('Newer: <a rel="prev" href="https://example.com/2024/01/12/remote-image.html">Remote Image</a>');
    expect(text).toContain('Older: <a rel="next" href="https://example.com/2024/01/10/plain-post.html">Plain post</a>');
    expect(text).toMatch(/<link rel="alternate" type="application\/rss\+xml" title="Fixture Site \(RSS\)" href="https:\/\/example.com\/feed.xml">/);
  });

  it('answers a permalink with a reader’s query, and is a 404 for a path no post has', async () => {
    expect((await get('/2024/01/10/plain-post.html?utm_source=feed')).status).toBe(200);
    expect((await get('/2024/01/10/no-such-post.html')).status).toBe(404);
    expect((await get('/2024/01/13/draft.html')).status).toBe(404);
  });

  it('supports conditional requests like every document Herald serves', async () => {
    const first = await get('/2024/01/10/plain-post.html');
    expect(first.headers.etag).toBeDefined();
    const again = await get('/2024/01/10/plain-post.html').set('If-None-Match', first.headers.etag as string);
    expect(again.status).toBe(304);
  });

  it('is not served when the permalinks lie outside Herald’s public URL', async () => {
    const feedsHost = await fixtureHerald({ server: { publicUrl: 'https://feeds.example.com' } });
    expect((await request(feedsHost.handler).get('/2024/01/10/plain-post.html')).status).toBe(404);
    expect(feedsHost.store.postPages()).toEqual([]);
  });
});

describe('per-author feeds', () => {
  const parser = new Parser();

  it('carries each author’s posts in all three formats; a post without an author counts for the site’s', async () => {
    const rss = await parser.parseString((await get('/authors/jane-writer/feed.xml')).text);
    expect(rss.title).toBe('Fixture Site: Jane Writer');
    expect(rss.items.map((item) => item.title)).toEqual(['Plain post']);
    const atom = await parser.parseString((await get('/authors/omar-hash/atom.xml')).text);
    expect(atom.items.map((item) => item.title)).toEqual(['Hash author & image']);
    const json = JSON.parse((await get('/authors/site-author/feed.json')).text);
    expect(json.items.map((item: { title: string }) => item.title)).toEqual(['BOM and CRLF', 'Remote Image']);
    expect(json.description).toBe('Posts by Site Author on Fixture Site');
    expect((await get('/authors/nobody/feed.xml')).status).toBe(404);
  });

  it('are listed in the index and in OPML', async () => {
    const index = (await get('/')).text;
    expect(index).toContain('<h2>Authors</h2>');
    expect(index).toContain('<a class="name" href="https://example.com/authors/jane-writer/feed.html">Fixture Site: Jane Writer</a>');
    const opml = (await get('/feeds.opml')).text;
    expect(opml).toMatch(/<outline text="Authors">\s*(<outline [^>]+\/>\s*)+<\/outline>/);
    expect(opml).toContain('xmlUrl="https://example.com/authors/omar-hash/feed.xml"');
  });
});
