import { describe, expect, it } from 'vitest';
import { VIEWS, type Feed, type FeedItem } from '../../src/model/feed.js';
import { PARTS, RENDERERS } from '../../src/render/render.js';
import { renderInSlices, SLICE_ITEMS, type DocumentParts } from '../../src/render/sliced.js';
import { sampleFeed, sampleItem, urls } from './sample-feed.js';

// 1,000 items that differ in what each renderer branches on: content or none, image or none, authors, terms,
// text that needs escaping, a CDATA end, line breaks and U+2028 in strings.
function items(count: number): FeedItem[] {
  return Array.from({ length: count }, (_, index) =>
    sampleItem({
      id: `https://example.com/posts/${index}.html`,
      url: `https://example.com/posts/${index}.html`,
      title: index % 3 ? `Post ${index} & <b>more</b>` : `Post ${index}\u2028"quoted"`,
      contentHtml: index % 5 === 0 ? '' : `<p>Body ${index}]]> and\nlines</p>`,
      summary: index % 7 ? `Summary ${index}` : '',
      summaryHtml: index % 7 ? `Summary ${index}` : '',
      ...(index % 2 ? { image: undefined } : {}),
      ...(index % 4 === 1 ? { authors: [], categories: [], tags: [] } : {}),
      ...(index % 4 === 2 ? { authors: [{ name: 'A' }, { name: 'B', uri: 'https://b.example/' }] } : {}),
    }),
  );
}

const feeds: Array<[string, Feed]> = [
  ['a live feed of 1,000 items', sampleFeed({ items: items(1000) })],
  ['a page with paging links', sampleFeed({ items: items(120), place: { kind: 'page', number: 2, of: 9 }, links: { previous: urls('https://example.com', '?page=1'), next: urls('https://example.com', '?page=3') } })],
  ['an archive', sampleFeed({ items: items(51), place: { kind: 'archive', number: 1, of: 2 }, links: { current: urls('https://example.com') } })],
  ['a feed with no items', sampleFeed({ items: [] })],
  ['a feed of one item', sampleFeed({ items: items(1) })],
];

// The parts of `view` with every item counted: the counts of each slice, split where the driver yields.
function counted(parts: DocumentParts): { parts: DocumentParts; slices: number[]; between: () => Promise<void> } {
  const slices = [0];
  return {
    parts: { ...parts, item: (entry, index) => (slices[slices.length - 1]!++, parts.item(entry, index)) },
    slices,
    between: async () => void slices.push(0),
  };
}

describe('rendering a page in slices of items (issue 15: large pages)', () => {
  for (const [name, feed] of feeds) {
    it.each(VIEWS)(`${name} in %s: the bytes of the one-call render, at most ${SLICE_ITEMS} items between yields`, async (view) => {
      const whole = RENDERERS[view](feed);
      const { parts, slices, between } = counted(PARTS[view](feed));
      const text = await renderInSlices(parts, feed.items, { between });
      expect(text).toBe(whole);
      expect(slices.reduce((sum, count) => sum + count, 0)).toBe(feed.items.length);
      expect(Math.max(...slices)).toBeLessThanOrEqual(SLICE_ITEMS);
      expect(slices).toHaveLength(Math.max(1, Math.ceil(feed.items.length / SLICE_ITEMS)));
    });
  }

  it('parses as the same JSON Feed when the items are stringified one by one', async () => {
    const feed = feeds[0]![1];
    const text = await renderInSlices(PARTS.json(feed), feed.items, { size: 7, between: async () => {} });
    expect(JSON.parse(text).items).toHaveLength(1000);
    expect(text).toBe(RENDERERS.json(feed));
  });

  it('renders `size` items per slice when asked for another size', async () => {
    const feed = feeds[0]![1];
    const { parts, slices, between } = counted(PARTS.rss(feed));
    expect(await renderInSlices(parts, feed.items, { size: 300, between })).toBe(RENDERERS.rss(feed));
    expect(slices).toEqual([300, 300, 300, 100]);
  });
});
