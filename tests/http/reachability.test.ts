import Parser from 'rss-parser';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Herald } from '../../src/compose.js';
import { heraldOn, tempPosts } from '../helpers.js';

// Issue 14: every post of a large archive is reachable from the subscription document, both through
// RFC 5005 §3 paging (next) and through §4 archives (prev-archive), in every format, each post once.
const POSTS = 305;
const PER_FEED = 10;
const HOPS = 100;

const title = (index: number) => `Post ${String(index).padStart(4, '0')}`;
const day = (index: number) => new Date(Date.UTC(2020, 0, 1 + index)).toISOString().slice(0, 10);

let herald: Herald;
let remove: () => Promise<void>;
beforeAll(async () => {
  const files: Record<string, string> = {};
  for (let index = 0; index < POSTS; index++) files[`${day(index)}-post-${index}.md`] = `---\ntitle: ${title(index)}\n---\nBody of post ${index}.\n`;
  const temp = await tempPosts(files);
  remove = temp.remove;
  herald = await heraldOn(temp.dir, { itemsPerFeed: PER_FEED });
});
afterAll(async () => remove());

interface Document {
  readonly titles: string[];
  readonly links: ReadonlyMap<string, string>;
}

const decode = (href: string) => href.replaceAll('&#x26;', '&').replaceAll('&amp;', '&');
const parser = new Parser();

/** The item titles (read by rss-parser) and RFC 5005 links of an RSS or Atom document. */
async function readXml(text: string): Promise<Document> {
  const titles = (await parser.parseString(text)).items.map((item) => item.title ?? '');
  const links = new Map<string, string>();
  for (const [tag] of text.matchAll(/<(?:atom:)?link\b[^>]*>/g)) {
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1];
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (rel && href) links.set(rel, decode(href));
  }
  return { titles, links };
}

/** The item titles and links of a JSON Feed: `next_url`, and the `_rfc5005` archive object. */
function readJson(body: { items: Array<{ title: string }>; next_url?: string; _rfc5005?: Record<string, unknown> }): Document {
  const links = new Map<string, string>();
  if (body.next_url) links.set('next', body.next_url);
  for (const [key, rel] of [['current', 'current'], ['prev_archive', 'prev-archive'], ['next_archive', 'next-archive']] as const) {
    const href = body._rfc5005?.[key];
    if (typeof href === 'string') links.set(rel, href);
  }
  return { titles: body.items.map((item) => item.title), links };
}

async function fetchDocument(url: string): Promise<Document> {
  const target = new URL(url, 'https://example.com');
  expect(target.origin).toBe('https://example.com');
  const res = await request(herald.handler).get(target.pathname + target.search);
  expect(res.status, url).toBe(200);
  return url.endsWith('.json') || target.pathname.endsWith('.json') ? readJson(res.body) : readXml(res.text);
}

/** Titles met walking `rel` links from `start`, and the number of documents walked (bounded by HOPS). */
async function walk(start: string, rel: string, skipStart: boolean): Promise<{ titles: string[]; documents: number }> {
  const titles: string[] = [];
  let url: string | undefined = start;
  let documents = 0;
  for (let hops = 0; url && hops < HOPS; hops++) {
    const document = await fetchDocument(url);
    if (!(skipStart && hops === 0)) {
      titles.push(...document.titles);
      documents++;
    }
    url = document.links.get(rel);
  }
  expect(url, `more than ${HOPS} documents`).toBeUndefined();
  return { titles, documents };
}

const everyTitle = Array.from({ length: POSTS }, (_, index) => title(index)).sort();

describe.each(['/feed.xml', '/atom.xml', '/feed.json'])('every post reachable from %s', (subscription) => {
  it('through next links (RFC 5005 §3), each once', async () => {
    const { titles, documents } = await walk(subscription, 'next', false);
    expect(documents).toBe(Math.ceil(POSTS / PER_FEED));
    expect(titles).toHaveLength(POSTS);
    expect([...titles].sort()).toEqual(everyTitle);
  });

  it('through the prev-archive chain (RFC 5005 §4), each once in the archives and the rest in the subscription document', async () => {
    const live = await fetchDocument(subscription);
    const { titles, documents } = await walk(subscription, 'prev-archive', true);
    expect(documents).toBe(Math.floor(POSTS / PER_FEED));
    expect(new Set(titles).size).toBe(titles.length);
    const reached = new Set([...titles, ...live.titles]);
    expect([...reached].sort()).toEqual(everyTitle);
    expect(live.titles.filter((name) => !titles.includes(name))).toHaveLength(POSTS % PER_FEED);
  });
});
