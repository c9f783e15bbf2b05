import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHerald, type Herald } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { FakeClock, feedAt, repoRoot, silent, tempPosts } from '../helpers.js';
import { readBack } from './read-back.js';

// Post bodies through the whole of Herald: the fixture site in site mode, served as Atom, read back
// as a reader would (rss-parser, then parse5) against what Jekyll 4.3 wrote for the same posts.

type Item = Parser.Item & { id?: string };
const here = import.meta.dirname;
let herald: Herald;
let items: Item[];

beforeAll(async () => {
  const config = parseConfig({ paths: { site: path.join(here, 'site') }, validation: { enabled: false }, feeds: { itemsPerFeed: 50 } }, repoRoot);
  herald = createHerald(config, silent, { clock: new FakeClock(new Date('2024-06-01T00:00:00Z')) });
  await herald.publisher.reload();
  const body = feedAt(herald, '/atom.xml')!.identity.body.toString('utf8');
  items = (await new Parser<object, Item>().parseString(body)).items;
});
afterAll(() => herald?.publisher.stop());

function jekyllFor(link: string): ReturnType<typeof readBack> {
  const name = path.basename(new URL(link).pathname, '.html');
  const day = new URL(link).pathname.match(/(\d{4})\/(\d{2})\/(\d{2})/)!.slice(1).join('-');
  const jekyll = readBack(readFileSync(path.join(here, 'jekyll-output', `${day}-${name}.html`), 'utf8'));
  const absolute = (url: string) => new URL(url, link).href;
  return { ...jekyll, links: jekyll.links.map(absolute), images: jekyll.images.map((image) => image.replace(/^\S+/, absolute)) };
}

describe('site mode renders every fixture post as Jekyll does', () => {
  it('serves all seven posts', () => {
    expect(items).toHaveLength(7);
  });

  it('shows the same text, links and images as Jekyll wrote, in every item', () => {
    for (const item of items) {
      const jekyll = jekyllFor(item.link!);
      const herald = readBack(item.content!);
      expect(herald.text, item.link).toBe(jekyll.text);
      expect(herald.links, item.link).toEqual(jekyll.links);
      expect(herald.images, item.link).toEqual(jekyll.images);
    }
  });

  it("smartens titles as jekyll-feed shows them (Jekyll's smartify)", () => {
    expect(items.map((item) => item.title)).toContain('Text filters &');
    expect(items.map((item) => item.title)).toContain('Typography: quotes, dashes & ellipses');
  });
});

describe('POSTS_DIR mode: Liquid and kramdown in posts/', () => {
  it('renders Liquid, reports a Liquid syntax error with the file line, and logs plugin tags', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
    const posts = await tempPosts({
      '2024-05-01-liquid.md': '---\ntitle: Liquid\n---\nOn {{ site.url }}{{ "/x/" | relative_url }}: {% youtube abc %}done.\n',
      '2024-05-02-broken.md': '---\ntitle: Broken\ntags: [a]\n---\nfine\n\n{% if page.title %}never closed\n',
    });
    try {
      const config = parseConfig({ site: { url: 'https://example.com/blog' }, paths: { posts: posts.postsDir, static: posts.dir }, validation: { enabled: false } }, repoRoot);
      const local = createHerald(config, log, { clock: new FakeClock(new Date('2024-06-01T00:00:00Z')) });
      await local.publisher.reload();
      const feed = await new Parser().parseString(feedAt(local, '/feed.xml')!.identity.body.toString('utf8'));
      expect(feed.items.map((item) => readBack(item['content:encoded'] ?? item.content ?? '').text)).toEqual(['On https://example.com/blog/x/: done.']);
      expect(local.publisher.contentStatus.problems).toEqual([{ file: '2024-05-02-broken.md', line: 7, reason: expect.stringMatching(/not closed/) }]);
      expect(lines.join('')).toMatch(/"file":"2024-05-01-liquid.md","line":4.*Liquid tag 'youtube' comes from a Jekyll plugin Herald does not have/);
      local.publisher.stop();
    } finally {
      await posts.remove();
    }
  });
});
