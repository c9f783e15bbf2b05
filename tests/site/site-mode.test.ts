import path from 'node:path';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHerald, type Herald } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { FakeClock, feedAt, repoRoot, silent } from '../helpers.js';

// The example Jekyll site in the repository, read in site mode (SITE_DIR), parsed back with rss-parser.
let herald: Herald;
type Item = Parser.Item & { id?: string; author?: string };
let items: Item[];
let feed: Parser.Output<Item>;

beforeAll(async () => {
  const config = parseConfig({ paths: { site: 'examples/jekyll-site' }, validation: { enabled: false } }, repoRoot);
  herald = createHerald(config, silent, { clock: new FakeClock(new Date('2025-01-01T00:00:00Z')) });
  await herald.publisher.reload();
  const body = feedAt(herald, '/atom.xml')!.identity.body.toString('utf8');
  feed = (await new Parser({ customFields: { item: ['id', 'author'] } }).parseString(body)) as unknown as typeof feed;
  items = feed.items;
});
afterAll(() => herald?.publisher.stop());

const byTitle = (title: string) => items.find((item) => item.title === title)!;

describe('site mode: a Jekyll site read as Jekyll and jekyll-feed read it', () => {
  it('takes the feed from _config.yml: title, description, url + baseurl, author', () => {
    expect(feed.title).toBe('Example Field Notes');
    expect(feed.link).toBe('https://notes.example.org/blog/');
    expect(items.map((item) => item.title)).toEqual([
      'Dateless Title', 'An HTML post', 'Spring update', 'Version 3.0 released & more', 'A note in a folder that starts with an underscore', 'From the archive',
    ]);
  });
  it("leaves out future posts (future: false) and what exclude: matches, and reads what include: names", () => {
    const titles = items.map((item) => item.title);
    expect(titles).not.toContain('A post from the future');
    expect(titles).not.toContain('Left out by exclude');
    expect(titles).not.toContain('A private note');
    expect(titles).toContain('From the archive');
  });
  it('reads _posts/ recursively and <dir>/_posts/ with categories from the path; drafts stay out', () => {
    expect(byTitle('Spring update').link).toBe('https://notes.example.org/blog/news/2024/04/01/spring-update/');
    expect(herald.store.snapshot.posts.find((post) => post.title === 'Spring update')!.categories.map((term) => term.name)).toEqual(['news']);
    expect(items.some((item) => item.title?.includes('draft'))).toBe(false);
  });
  it('makes the pretty permalink with the category path escaped and the title kept, and jekyll-feed ids', () => {
    const post = byTitle('Version 3.0 released & more');
    expect(post.link).toBe('https://notes.example.org/blog/post%20formats/2024/03/05/3.0-Released/');
    expect(post.id).toBe('https://notes.example.org/blog/post%20formats/2024/03/05/3.0-Released');
    expect(post.isoDate).toBe('2024-03-05T23:30:00.000Z');
  });
  it('reads a quoted date and words in the site time zone, authors from _data/authors.yml', () => {
    expect(byTitle('Spring update').isoDate).toBe('2024-04-01T08:00:00.000Z');
    expect(byTitle('Dateless Title').isoDate).toBe('2024-06-05T21:00:00.000Z');
    expect(byTitle('Version 3.0 released & more').author).toBe('Bade Ly');
    expect(byTitle('Spring update').author).toBe('Ada Whitcombe');
  });
  it("applies defaults by path and type, a post's excerpt_only, and jekyll-feed's summary rule", () => {
    const posts = herald.store.snapshot.posts;
    const spring = posts.find((post) => post.title === 'Spring update')!;
    expect(spring.language).toBe('fr');
    expect(spring.image?.url).toBe('https://notes.example.org/blog/img/default.png');
    expect(spring.content.summary).toBe('Spring, as written: *not* Markdown');
    expect(posts.find((post) => post.title === 'An HTML post')!.excerptOnly).toBe(true);
    expect(byTitle('Version 3.0 released & more').summary).toBe('The first paragraph is the summary.');
  });
});

describe('site mode: what readers show of the example site', () => {
  type RssItem = Parser.Item & { creator?: string; author?: string };
  const rssItems = async () => {
    const body = feedAt(herald, '/rss.xml')!.identity.body.toString('utf8');
    return (await new Parser<object, RssItem>({ customFields: { item: ['author'] } }).parseString(body)).items;
  };
  it('names both authors of `authors: [ada, badely]` in the one RSS author element readers show, and each in Atom', async () => {
    const spring = (await rssItems()).find((item) => item.title === 'Spring update')!;
    expect(spring.creator).toBe('Ada Whitcombe, Bade Ly');
    expect(spring.author).toBeUndefined();
    const atom = feedAt(herald, '/atom.xml')!.identity.body.toString('utf8');
    expect(atom).toMatch(/<name>Ada Whitcombe<\/name>\s*<\/author>\s*<author>\s*<name>Bade Ly<\/name>/);
  });
  it("names an author given only as an e-mail by the address's local part, not as Ruby prints a Hash", async () => {
    expect(byTitle('Dateless Title').author).toBe('nameless');
    const dateless = (await rssItems()).find((item) => item.title === 'Dateless Title')!;
    expect(dateless.author).toBe('nameless@example.org (nameless)');
    const json = JSON.parse(feedAt(herald, '/feed.json')!.identity.body.toString('utf8'));
    expect(json.items.find((item: { title: string }) => item.title === 'Dateless Title').authors).toEqual([{ name: 'nameless' }]);
  });
  it('shows the image of an excerpt_only post above its summary, the only body it has', async () => {
    const plain = (await rssItems()).find((item) => item.title === 'An HTML post')!;
    expect(plain.content).toBe('<p><img src="https://notes.example.org/blog/img/default.png" alt=""></p>\n<p>An HTML post, used as it is.</p>');
    expect(feedAt(herald, '/rss.xml')!.identity.body.toString('utf8')).not.toContain('<content:encoded><![CDATA[]]>');
  });
});
