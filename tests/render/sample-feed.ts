import type { Feed, FeedItem, FormatUrls } from '../../src/model/feed.js';

/** The URLs of a feed document under `base` in every view. */
export function urls(base: string, query = ''): FormatUrls {
  return { rss: `${base}/feed.xml${query}`, atom: `${base}/atom.xml${query}`, json: `${base}/feed.json${query}`, html: `${base}/feed.html${query}` };
}

/** A hand-built item: a post with an e-mailed author, a category, a tag and a remote image. */
export function sampleItem(overrides: Partial<FeedItem> = {}): FeedItem {
  return {
    id: 'https://example.com/2025/10/28/kyoto.html',
    idIsPermalink: true,
    url: 'https://example.com/2025/10/28/kyoto.html',
    title: 'Café culture in Kyoto: <small> cups & big ideas',
    published: new Date('2025-10-28T18:45:00Z'),
    updated: new Date('2025-10-28T18:45:00Z'),
    authors: [{ name: 'Kenji Mori', email: 'kenji@example.com' }],
    categories: [{ name: 'Café Culture', slug: 'cafe-culture' }],
    tags: [{ name: '日本語', slug: '日本語' }],
    summary: 'Kyoto’s kissaten serve their coffee slowly.',
    summaryHtml: 'Kyoto’s kissaten serve their coffee slowly.',
    contentHtml: '<p><img src="https://images.example.org/cup.webp" alt=""></p>\n<p>Kyoto’s kissaten serve their coffee slowly and without apology, in six houses we visited.</p>',
    image: { url: 'https://images.example.org/cup.webp', mimeType: 'image/webp' },
    ...overrides,
  };
}

/** A hand-built live feed of one item at https://example.com, with the given overrides. */
export function sampleFeed(overrides: Partial<Feed> = {}): Feed {
  return {
    title: 'Herald Dispatch',
    description: 'News & notes',
    language: 'en-GB',
    homePageUrl: 'https://example.com/',
    id: 'https://example.com/atom.xml',
    self: urls('https://example.com'),
    live: urls('https://example.com'),
    place: { kind: 'live' },
    links: {},
    hubs: [],
    updated: new Date('2025-10-28T18:45:00Z'),
    authors: [{ name: 'Herald Editors', email: 'editors@example.com' }],
    polling: { ttlMinutes: 60, period: 'hourly', frequency: 1 },
    generator: 'Herald',
    schemes: { category: 'https://example.com/categories/', tag: 'https://example.com/tags/' },
    items: [sampleItem()],
    ...overrides,
  };
}
