import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Herald } from '../../src/compose.js';
import { fixtureHerald } from '../helpers.js';

let herald: Herald;
beforeAll(async () => {
  herald = await fixtureHerald({ feeds: { itemsPerFeed: 2 }, site: { icon: '/img/photo.jpg', logo: 'https://cdn.example.net/logo.png' } });
});

const page = async (path: string) => (await request(herald.handler).get(path)).text;
const alternates = (html: string) => [...html.matchAll(/<link rel="alternate" type="([^"]+)" title="([^"]+)" href="([^"]+)">/g)].map((m) => [m[1], m[2], m[3]]);

const siteFeed = [
  ['application/rss+xml', 'Fixture Site (RSS)', 'https://example.com/feed.xml'],
  ['application/atom+xml', 'Fixture Site (Atom)', 'https://example.com/atom.xml'],
  ['application/feed+json', 'Fixture Site (JSON Feed)', 'https://example.com/feed.json'],
];

describe('autodiscovery, done sparingly', () => {
  it('announces only the site feed in the index head, RSS first; the topic feeds are listed in the page', async () => {
    const index = await page('/');
    expect(alternates(index)).toEqual(siteFeed);
    expect(index).toContain('<a href="https://example.com/tags/alpha/atom.xml" type="application/atom+xml">Atom</a>');
    expect(index).toContain('<a href="https://example.com/categories/news/feed.json" type="application/feed+json">JSON Feed</a>');
  });

  it('has each feed view announce its own feed', async () => {
    expect(alternates(await page('/tags/alpha/feed.html'))).toEqual([
      ['application/rss+xml', 'Fixture Site: alpha (RSS)', 'https://example.com/tags/alpha/feed.xml'],
      ['application/atom+xml', 'Fixture Site: alpha (Atom)', 'https://example.com/tags/alpha/atom.xml'],
      ['application/feed+json', 'Fixture Site: alpha (JSON Feed)', 'https://example.com/tags/alpha/feed.json'],
    ]);
  });

  it('has a page view say what it is and announce the live feed, not the page', async () => {
    const html = await page('/feed.html?page=2');
    expect(alternates(html)).toEqual(siteFeed);
    expect(html).toContain('<h1>Fixture Site (page 2 of 2)</h1>');
    expect(html).toContain('Page 2 of 2 of this feed. To follow new posts, subscribe to the <a href="https://example.com/feed.html">live feed</a>, not to this page');
    expect(html).not.toContain('This is a feed.');
  });

  it('has an archive view say what it is and send subscribers to the live feed', async () => {
    const html = await page('/archive/1/feed.html');
    expect(alternates(html)).toEqual(siteFeed);
    expect(html).toContain('Archive 1 of 2 of this feed: older posts, kept as they are.');
    expect(html).toContain('<a href="https://example.com/feed.xml" type="application/rss+xml">RSS</a>');
    expect(html).not.toContain('archive/1/feed.xml');
  });

  it('labels each format the same way everywhere', async () => {
    for (const path of ['/', '/feed.html', '/feed.html?page=2', '/archive/2/feed.html']) {
      const labels = [...(await page(path)).matchAll(/type="application\/[a-z+]+">([^<]+)<\/a>/g)].map((m) => m[1]);
      expect(new Set(labels), path).toEqual(new Set(['RSS', 'Atom', 'JSON Feed']));
    }
  });
});

describe('the site icon and logo', () => {
  it('are resolved against the site URL and shown on every page', async () => {
    for (const path of ['/', '/feed.html', '/archive/1/feed.html']) {
      const html = await page(path);
      expect(html, path).toContain('<link rel="icon" href="https://example.com/img/photo.jpg">');
      expect(html, path).toContain('<img class="logo" src="https://cdn.example.net/logo.png" alt="">');
    }
  });

  it('reach every format', async () => {
    expect(await page('/atom.xml')).toContain('<icon>https://example.com/img/photo.jpg</icon>');
    expect(await page('/atom.xml')).toContain('<logo>https://cdn.example.net/logo.png</logo>');
    expect(await page('/feed.xml')).toContain('<image><url>https://cdn.example.net/logo.png</url>');
    expect(JSON.parse(await page('/feed.json'))).toMatchObject({ icon: 'https://example.com/img/photo.jpg', favicon: 'https://example.com/img/photo.jpg' });
  });
});
