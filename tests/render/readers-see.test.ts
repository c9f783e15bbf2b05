import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { pollingHint } from '../../src/feed/build-feed.js';
import { renderAtom } from '../../src/render/render-atom.js';
import { renderJson } from '../../src/render/render-json.js';
import { renderRss } from '../../src/render/render-rss.js';
import { validateFeed } from '../../src/validate/index.js';
import { sampleFeed, sampleItem } from './sample-feed.js';

type Item = Parser.Item & { creator?: string; author?: string; category?: Array<{ $: Record<string, string> }>; summary?: string };
const parser = new Parser<{ image?: { url?: string } }, Item>({ customFields: { item: [['category', 'category', { keepArray: true }], 'summary'] } });

const clean = async (body: string, url: string) => expect(await validateFeed(body, { url })).toEqual([]);

describe('Atom as readers read it (RFC 4287)', () => {
  it('writes a title with < and & as type="text", so a reader shows it as written', async () => {
    const atom = renderAtom(sampleFeed());
    expect(atom).toContain('<title type="text">Café culture in Kyoto: &#x3C;small&#x3E; cups &#x26; big ideas</title>');
    expect((await parser.parseString(atom)).items[0]!.title).toBe('Café culture in Kyoto: <small> cups & big ideas');
    await clean(atom, 'https://example.com/atom.xml');
  });

  it('writes text that reads as HTML (an end tag, a character reference) as escaped type="html", which validators accept', async () => {
    const atom = renderAtom(sampleFeed({ items: [sampleItem({ title: 'Fish &amp; chips, <b>bold</b>' })] }));
    expect(atom).toContain('<title type="html">Fish &#x26;amp;amp; chips, &#x26;lt;b&#x26;gt;bold&#x26;lt;/b&#x26;gt;</title>');
    await clean(atom, 'https://example.com/atom.xml');
  });

  it('gives the category name as term, so readers that show the term show the name', async () => {
    const item = (await parser.parseString(renderAtom(sampleFeed()))).items[0]!;
    expect(item.category!.map((c) => c.$)).toEqual([
      { term: 'Café Culture', scheme: 'https://example.com/categories/' },
      { term: '日本語', scheme: 'https://example.com/tags/' },
    ]);
  });

  it('declares the summary as HTML, so a text-mode mailer picks the article in <content> over it', () => {
    const atom = renderAtom(sampleFeed());
    expect(atom).toContain('<summary type="html">Kyoto’s kissaten serve their coffee slowly.</summary>');
    expect(atom).toMatch(/<content type="html">&#x3C;p&#x3E;&#x3C;img/);
  });

  it('links an image of unknown length as an enclosure with length 0, and as Media RSS', () => {
    const atom = renderAtom(sampleFeed());
    expect(atom).toContain('<link rel="enclosure" type="image/webp" length="0" href="https://images.example.org/cup.webp"/>');
    expect(atom).toContain('<media:content url="https://images.example.org/cup.webp" medium="image" type="image/webp"/>');
  });

  it('carries the site icon and logo (RFC 4287 §4.2.5, §4.2.8)', async () => {
    const atom = renderAtom(sampleFeed({ icon: 'https://example.com/icon.png', logo: 'https://example.com/logo.png' }));
    expect(atom).toContain('<icon>https://example.com/icon.png</icon>');
    expect(atom).toContain('<logo>https://example.com/logo.png</logo>');
    await clean(atom, 'https://example.com/atom.xml');
  });
});

describe('RSS 2.0 as readers read it', () => {
  it('names an author with an address in <author> and in atom:author (SimplePie reads <author> as an address only)', async () => {
    const rss = renderRss(sampleFeed());
    expect(rss).toContain('<author>kenji@example.com (Kenji Mori)</author>');
    expect(rss).toContain('<atom:author><atom:name>Kenji Mori</atom:name><atom:email>kenji@example.com</atom:email></atom:author>');
    expect(rss).not.toContain('dc:creator');
    expect((await parser.parseString(rss)).items[0]!.author).toBe('kenji@example.com (Kenji Mori)');
    await clean(rss, 'https://example.com/feed.xml');
  });

  it('names an author without an address in dc:creator alone', async () => {
    const rss = renderRss(sampleFeed({ items: [sampleItem({ authors: [{ name: 'Kenji Mori' }] })] }));
    expect(rss).not.toMatch(/<author>|atom:author/);
    expect((await parser.parseString(rss)).items[0]!.creator).toBe('Kenji Mori');
    await clean(rss, 'https://example.com/feed.xml');
  });

  it('names several authors in one dc:creator, so a reader that shows one author element shows them all', async () => {
    const authors = [{ name: 'Ada Whitcombe' }, { name: 'Bade Ly', email: 'bade.ly@example.org', uri: 'https://notes.example.org/badely' }];
    const rss = renderRss(sampleFeed({ items: [sampleItem({ authors })] }));
    expect(rss).toContain('<dc:creator>Ada Whitcombe, Bade Ly</dc:creator>');
    expect(rss).not.toMatch(/<author>|atom:author/);
    expect((await parser.parseString(rss)).items[0]!.creator).toBe('Ada Whitcombe, Bade Ly');
    await clean(rss, 'https://example.com/feed.xml');
  });

  it('carries an item without content as its summary with the image above it, and no empty content:encoded', async () => {
    const image = '<p><img src="https://images.example.org/cup.webp" alt=""></p>\n';
    const item = sampleItem({ contentHtml: '', summaryHtml: `${image}<p>Kyoto’s kissaten.</p>` });
    const rss = renderRss(sampleFeed({ items: [item] }));
    expect(rss).not.toContain('content:encoded>');
    const read = (await parser.parseString(rss)).items[0]!;
    expect(read.content).toBe(`${image}<p>Kyoto’s kissaten.</p>`);
    await clean(rss, 'https://example.com/feed.xml');
    const atom = renderAtom(sampleFeed({ items: [item] }));
    expect(atom).not.toContain('<content');
    expect((await parser.parseString(atom)).items[0]!.summary).toBe(`${image}<p>Kyoto’s kissaten.</p>`);
    await clean(atom, 'https://example.com/atom.xml');
    expect(JSON.parse(renderJson(sampleFeed({ items: [item] }))).items[0].content_html).toBe(`${image}<p>Kyoto’s kissaten.</p>`);
  });

  it('asks readers to poll hourly: ttl and the Syndication module', async () => {
    const rss = renderRss(sampleFeed());
    expect(rss).toContain('<ttl>60</ttl>');
    expect(rss).toContain('<sy:updatePeriod>hourly</sy:updatePeriod>');
    expect(rss).toContain('<sy:updateFrequency>1</sy:updateFrequency>');
    await clean(rss, 'https://example.com/feed.xml');
  });

  it('shows the logo, else the icon, as the channel image, titled and linked as the channel', async () => {
    const withLogo = renderRss(sampleFeed({ icon: 'https://example.com/icon.png', logo: 'https://example.com/logo.png' }));
    expect(withLogo).toContain('<image><url>https://example.com/logo.png</url><title>Herald Dispatch</title><link>https://example.com/</link></image>');
    expect((await parser.parseString(withLogo)).image?.url).toBe('https://example.com/logo.png');
    await clean(withLogo, 'https://example.com/feed.xml');
    expect(renderRss(sampleFeed({ icon: 'https://example.com/icon.png' }))).toContain('<url>https://example.com/icon.png</url>');
    expect(renderRss(sampleFeed())).not.toContain('<image>');
  });
});

describe('JSON Feed as readers read it', () => {
  it('writes the 1.0 author beside the 1.1 authors, for the feed and each item', async () => {
    const body = renderJson(sampleFeed());
    const feed = JSON.parse(body);
    expect(feed.author).toEqual({ name: 'Herald Editors' });
    expect(feed.authors).toEqual([{ name: 'Herald Editors' }]);
    expect(feed.items[0].author).toEqual({ name: 'Kenji Mori' });
    expect(feed.items[0].authors).toEqual([{ name: 'Kenji Mori' }]);
    await clean(body, 'https://example.com/feed.json');
  });

  it('gives a 1.0 reader several authors as one name, and 1.1 readers each', () => {
    const authors = [{ name: 'Ada Whitcombe' }, { name: 'Bade Ly', uri: 'https://notes.example.org/badely' }];
    const item = JSON.parse(renderJson(sampleFeed({ items: [sampleItem({ authors })] }))).items[0];
    expect(item.author).toEqual({ name: 'Ada Whitcombe, Bade Ly' });
    expect(item.authors).toEqual([{ name: 'Ada Whitcombe' }, { name: 'Bade Ly', url: 'https://notes.example.org/badely' }]);
  });

  it('gives the square icon as icon and favicon', () => {
    const feed = JSON.parse(renderJson(sampleFeed({ icon: 'https://example.com/icon.png', logo: 'https://example.com/logo.png' })));
    expect(feed).toMatchObject({ icon: 'https://example.com/icon.png', favicon: 'https://example.com/icon.png' });
    expect(JSON.parse(renderJson(sampleFeed()))).not.toHaveProperty('icon');
  });
});

describe('polling hints', () => {
  it.each([
    [3600, { ttlMinutes: 60, period: 'hourly', frequency: 1 }],
    [1800, { ttlMinutes: 30, period: 'hourly', frequency: 2 }],
    [2400, { ttlMinutes: 40, period: 'hourly', frequency: 1 }],
    [300, { ttlMinutes: 5, period: 'hourly', frequency: 12 }],
    [0, { ttlMinutes: 1, period: 'hourly', frequency: 60 }],
    [7200, { ttlMinutes: 120, period: 'daily', frequency: 12 }],
    [86_400, { ttlMinutes: 1440, period: 'daily', frequency: 1 }],
  ])('max-age %i s asks for %o, never more often than max-age', (maxAge, hint) => {
    expect(pollingHint(maxAge)).toEqual(hint);
  });
});
