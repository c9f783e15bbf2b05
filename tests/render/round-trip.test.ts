import Parser from 'rss-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Herald } from '../../src/compose.js';
import { feedAt, fixtureHerald } from '../helpers.js';

type Item = Parser.Item & { creator?: string; author?: string; id?: string; 'content:encoded'?: string };
const parser = new Parser<Record<string, unknown>, Item>({ customFields: { item: ['id'] } });

let herald: Herald;
const body = (feedPath: string) => feedAt(herald, feedPath)!.identity.body.toString('utf8');

beforeAll(async () => {
  herald = await fixtureHerald();
});

describe('what a reader sees in the RSS feed (rss-parser)', () => {
  it('lists the served posts newest first, without the draft, the future post or the broken files', async () => {
    const feed = await parser.parseString(body('/feed.xml'));
    expect(feed.title).toBe('Fixture Site');
    expect(feed.feedUrl).toBe('https://example.com/feed.xml');
    expect(feed.items.map((i) => i.title)).toEqual(['BOM and CRLF', 'Remote Image', 'Hash author & image', 'Plain post']);
  });

  it('carries links, guids, dates, authors, categories and images per item', async () => {
    const feed = await parser.parseString(body('/feed.xml'));
    const [, remote, hash, plain] = feed.items as [Item, Item, Item, Item];
    expect(plain.link).toBe('https://example.com/2024/01/10/plain-post.html');
    // jekyll-feed's id: the permalink's folder and the slug.
    expect(plain.guid).toBe('https://example.com/2024/01/10/plain-post');
    expect(plain.isoDate).toBe('2024-01-10T10:00:00.000Z');
    expect(plain.creator).toBe('Jane Writer');
    expect(plain.categories).toEqual(['news', 'updates', 'alpha', 'Beta']);
    expect(plain.enclosure).toMatchObject({ url: 'https://example.com/img/photo.jpg', type: 'image/jpeg' });
    expect(Number(plain.enclosure?.length)).toBeGreaterThan(1000);
    expect(plain['content:encoded']).toMatch(/^<p><img src="https:\/\/example.com\/img\/photo.jpg" alt=""><\/p>/);
    expect(plain.contentSnippet).toContain('First paragraph of the plain post.');
    expect(hash.author).toBe('omar@example.com (Omar Hash)');
    expect(hash.isoDate).toBe('2024-01-11T06:30:00.000Z');
    expect(remote.guid).toBe('urn:uuid:11111111-2222-3333-4444-555555555555');
    expect(remote.author).toBe('site@example.com (Site Author)');
    expect(remote.categories).toEqual(['Ünïcödé Thïngs', '日本語']);
    expect(remote.enclosure).toEqual({ url: 'https://cdn.example.net/pics/remote.png', length: '0', type: 'image/png' });
  });

  it('shows sanitised content: no script, handler, javascript: URL or iframe, and ]]> survives as text', async () => {
    const feed = await parser.parseString(body('/feed.xml'));
    const html = (feed.items[1] as Item)['content:encoded'] as string;
    expect(html).not.toMatch(/<script|onclick|javascript:|<iframe/);
    expect(html).toContain('a CDATA end ]]&gt; here');
  });
});

describe('what a reader sees in the Atom feed (rss-parser)', () => {
  it('reads titles, links, ids, dates, authors and content', async () => {
    const feed = await parser.parseString(body('/atom.xml'));
    expect(feed.title).toBe('Fixture Site');
    const hash = feed.items[2] as Item;
    expect(hash.title).toBe('Hash author & image');
    expect(hash.link).toBe('https://example.com/2024/01/11/hash-author.html');
    expect(hash.id).toBe('https://example.com/2024/01/11/hash-author');
    expect(hash.isoDate).toBe('2024-01-11T06:30:00.000Z');
    expect(hash.author).toBe('Omar Hash');
    expect(hash.summary).toBe('Intro paragraph.');
    expect(hash.content).toContain('The rest of the story.');
  });
});

describe('the JSON feed', () => {
  it('is JSON Feed 1.1 with ids, dates, tags, images and authors', () => {
    const feed = JSON.parse(body('/feed.json'));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe('https://example.com/feed.json');
    const plain = feed.items[3];
    expect(plain).toMatchObject({
      id: 'https://example.com/2024/01/10/plain-post',
      date_published: '2024-01-10T10:00:00Z',
      tags: ['news', 'updates', 'alpha', 'Beta'],
      image: 'https://example.com/img/photo.jpg',
      authors: [{ name: 'Jane Writer' }],
      summary: 'First paragraph of the plain post.',
    });
    expect(feed.items[2].authors).toEqual([{ name: 'Omar Hash', url: 'https://example.com/omar' }]);
  });
});
