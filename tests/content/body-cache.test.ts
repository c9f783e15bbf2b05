import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/load-config.js';
import { BodyCache, stringBytes } from '../../src/content/body-cache.js';
import { CachedContent } from '../../src/content/cached-content.js';
import type { Herald } from '../../src/compose.js';
import { heraldOn, repoRoot, tempPosts } from '../helpers.js';

const POSTS = 40;
const BODY_BYTES = 64 * 1024;

let dir: string;
let remove: () => Promise<void>;

// Each body renders to about 4 KB: the 40 of them are 160 KB, over the 64 KiB bound.
const body = (i: number) => Array.from({ length: 40 }, (_, line) => `Line ${line} of post ${i}, *with* some [words](/p/${i}) to render.`).join('\n\n');

beforeEach(async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < POSTS; i++) {
    const day = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    files[`${day}-post-${i}.md`] = `---\ntitle: Post ${i}\ntags: [t${i % 4}]\n---\n${body(i)}\n`;
  }
  ({ dir, remove } = await tempPosts(files));
});

afterEach(async () => remove());

async function bodyFigures(h: Herald): Promise<{ bytes: number; max: number; evictions: number }> {
  const metrics = (await request(h.handler).get('/metrics')).text;
  const figure = (name: string) => Number(new RegExp(`^${name}\\{cache="bodies"\\} (\\d+)$`, 'm').exec(metrics)?.[1]);
  return { bytes: figure('herald_cache_bytes'), max: figure('herald_cache_max_bytes'), evictions: figure('herald_cache_evictions_total') };
}

const documents = (h: Herald) => [...h.store.feeds(), ...h.store.pages(), ...h.store.archives()];

describe('rendered bodies in a cache bounded by cache.bodyBytes (issue 14 item 3)', () => {
  it('never holds more than its bound, and documents whose bodies were evicted are rendered again byte for byte', async () => {
    const roomy = await heraldOn(dir, { itemsPerFeed: 10 });
    const small = await heraldOn(dir, { itemsPerFeed: 10 }, { cache: { bodyBytes: BODY_BYTES } });
    const expected = new Map(documents(roomy).map((entry) => [entry.path, entry.peek().identity.etag]));
    expect(expected.size).toBeGreaterThanOrEqual(60);
    // Twice over every document (each body in several feeds): bodies are evicted and read again from their files.
    for (const round of [1, 2]) {
      for (const [index, entry] of documents(small).entries()) {
        expect(entry.peek().identity.etag, `${entry.path} (round ${round})`).toBe(expected.get(entry.path));
        if (index % 16 === 0) expect((await bodyFigures(small)).bytes).toBeLessThanOrEqual(BODY_BYTES);
      }
    }
    const figures = await bodyFigures(small);
    expect(figures.max).toBe(BODY_BYTES);
    expect(figures.bytes).toBeLessThanOrEqual(BODY_BYTES);
    expect(figures.bytes).toBeGreaterThan(BODY_BYTES / 2);
    expect(figures.evictions).toBeGreaterThan(2 * POSTS);
    // Served over HTTP, the bodies rendered in the pool first: the same bytes as the roomy Herald's.
    for (const path of ['/tags/t1/atom.xml', '/feed.json?page=4']) {
      const [a, b] = await Promise.all([request(roomy.handler).get(path), request(small.handler).get(path)]);
      expect(b.status).toBe(200);
      expect(b.headers.etag, path).toBe(a.headers.etag);
    }
  });

  it('a self-validation run leaves the body cache within its bound', async () => {
    const small = await heraldOn(dir, { itemsPerFeed: 10 }, { cache: { bodyBytes: BODY_BYTES } });
    await small.validator.run('start');
    expect(small.validator.last!.status).toBe('ok');
    expect(small.validator.last!.cost.checked).toBeGreaterThan(POSTS);
    const figures = await bodyFigures(small);
    expect(figures.bytes).toBeLessThanOrEqual(BODY_BYTES);
    expect(figures.evictions).toBeGreaterThan(0);
  });

  it('lets go of the bodies a self-validation run rendered once it is over, keeping those requests had rendered', async () => {
    const herald = await heraldOn(dir, { itemsPerFeed: 10 });
    const first = await request(herald.handler).get('/feed.xml');
    const before = await bodyFigures(herald);
    expect(before.bytes).toBeGreaterThan(0);
    await herald.validator.run('start');
    expect(herald.validator.last!.cost.checked).toBeGreaterThan(POSTS);
    expect((await bodyFigures(herald)).bytes).toBe(before.bytes);
    // A document whose bodies went is rendered again from the files, the same bytes.
    const tagged = await request(herald.handler).get('/tags/t1/atom.xml');
    expect(tagged.status).toBe(200);
    expect((await request(herald.handler).get('/feed.xml')).headers.etag).toBe(first.headers.etag);
    expect((await bodyFigures(herald)).bytes).toBeGreaterThan(before.bytes);
  });

  it('a self-validation run holds at most cache.runBodyBytes of its bodies between documents, so the heap it grows is that, not the whole bound', async () => {
    // The most the run's bodies hold while it reads every document, polled between its turns: the cache's
    // bytes beyond those it held before (the site feed's first page, served first, is a request's).
    const peakDuringRun = async (h: Herald) => {
      expect((await request(h.handler).get('/feed.xml')).status).toBe(200);
      const before = (await bodyFigures(h)).bytes;
      let peak = 0;
      let done = false;
      const run = h.validator.run('start').finally(() => (done = true));
      while (!done) {
        peak = Math.max(peak, (await bodyFigures(h)).bytes - before);
        await new Promise((resolve) => setImmediate(resolve));
      }
      await run;
      expect(h.validator.last!.status).toBe('ok');
      expect((await bodyFigures(h)).bytes).toBe(before);
      return peak;
    };
    const roomy = await heraldOn(dir, { itemsPerFeed: 10 });
    const held = await heraldOn(dir, { itemsPerFeed: 10 }, { cache: { runBodyBytes: 64 * 1024 } });
    // Nearly all 40 bodies (about 160 KB) at once when a run may keep them all; the bound and one
    // document's ten bodies (under 64 KB) at most when it may not.
    expect(await peakDuringRun(roomy)).toBeGreaterThan(100 * 1024);
    const peak = await peakDuringRun(held);
    expect(peak).toBeGreaterThan(32 * 1024);
    expect(peak).toBeLessThanOrEqual(2 * 64 * 1024);
    expect(parseConfig({}, repoRoot).cache.runBodyBytes).toBe(8 * 1024 * 1024);
    expect(() => parseConfig({ cache: { runBodyBytes: 10 } }, repoRoot)).toThrow(/cache\.runBodyBytes/);
  });

  it('a self-validation run reads the documents that show a post close together: each body is rendered a few times, not once per feed', async () => {
    const small = await heraldOn(dir, { itemsPerFeed: 5 }, { cache: { bodyBytes: BODY_BYTES } });
    await small.validator.run('start');
    const report = small.validator.last!;
    const figures = await bodyFigures(small);
    const entries = Number(/^herald_cache_entries\{cache="bodies"\} (\d+)$/m.exec((await request(small.handler).get('/metrics')).text)![1]);
    // Every post is in the site's, its tag's and its author's documents, in four views each, and in pages.
    expect(report.totals.documents).toBeGreaterThan(100);
    // Read feed by feed, each body was rendered five times or more (208 times here); read newest first, 92.
    expect(entries + figures.evictions).toBeLessThan(3 * POSTS);
  });

  it('is a config key validated at start-up', () => {
    expect(parseConfig({}, repoRoot).cache.bodyBytes).toBe(32 * 1024 * 1024);
    expect(() => parseConfig({ cache: { bodyBytes: 1000 } }, repoRoot)).toThrow(ConfigError);
    expect(() => parseConfig({ cache: { bodyBytes: 'lots' } }, repoRoot)).toThrow(/cache\.bodyBytes/);
  });
});

describe('BodyCache', () => {
  it('lets go at releaseBackground of the bodies kept for a background run, unless set again for a request', () => {
    const cache = new BodyCache(64 * 1024);
    const [run, request, both] = [{}, {}, {}];
    cache.set(run, '<p>run</p>', true);
    cache.set(request, '<p>request</p>');
    cache.set(both, '<p>both</p>', true);
    cache.set(both, '<p>both</p>');
    cache.releaseBackground();
    expect([cache.get(run), cache.get(request), cache.get(both)]).toEqual([undefined, '<p>request</p>', '<p>both</p>']);
    expect(cache.figures().entries).toBe(2);
    // A body set for a request and then again for a run stays the request's; one only a run set goes.
    cache.set(request, '<p>request</p>', true);
    cache.set(run, '<p>run</p>', true);
    cache.releaseBackground();
    expect([cache.get(run), cache.get(request)]).toEqual([undefined, '<p>request</p>']);
  });
});

describe('BodyCache, a run\'s bodies', () => {
  const html = (n: number) => `<p>${'x'.repeat(1000)} ${String(n).padStart(3, '0')}</p>`;
  const each = stringBytes(html(0)) + 96;

  it('go oldest first down to what the run may keep; one read again counts as the newest', () => {
    const cache = new BodyCache(64 * 1024);
    const owners = [{}, {}, {}, {}];
    for (const [n, owner] of owners.entries()) cache.set(owner, html(n), true);
    expect(cache.get(owners[0]!)).toBe(html(0));
    cache.releaseBackground(2 * each);
    expect(owners.map((owner) => cache.get(owner) !== undefined)).toEqual([true, false, false, true]);
    cache.releaseBackground();
    expect(cache.figures().entries).toBe(0);
  });

  it('count only what the cache still holds: bodies its own bound evicted are not let go of twice', () => {
    const cache = new BodyCache(Math.max(64 * 1024, 3 * each));
    const count = Math.floor(cache.figures().maxBytes / each) + 2;
    const owners = Array.from({ length: count }, () => ({}));
    for (const [n, owner] of owners.entries()) cache.set(owner, html(n), true);
    expect(cache.figures().evictions).toBe(2);
    // Two bodies' worth kept: exactly the two newest, however many the cache evicted before.
    cache.releaseBackground(2 * each);
    expect(cache.figures().entries).toBe(2);
    expect(owners.slice(-2).every((owner) => cache.get(owner) !== undefined)).toBe(true);
  });
});

describe('CachedContent', () => {
  const html = (n: number) => `<p>${String(n).padStart(2, "0").repeat(500)}</p>`;
  const made = new Map<number, number>();
  const content = (cache: BodyCache, n: number, fail = false) =>
    new CachedContent(cache, () => {
      made.set(n, (made.get(n) ?? 0) + 1);
      if (fail) throw new Error('the file changed since it was read');
      return { html: html(n), summary: `s${n}` };
    });

  it('keeps each body within the bound, makes an evicted one again, and answers the same HTML', () => {
    made.clear();
    const cache = new BodyCache(10 * (stringBytes(html(1)) + 96));
    const all = Array.from({ length: 30 }, (_, n) => content(cache, n));
    for (const [n, each] of all.entries()) expect(each.html).toBe(html(n));
    expect(cache.figures()).toMatchObject({ entries: 10, evictions: 20 });
    expect(cache.figures().bytes).toBeLessThanOrEqual(cache.figures().maxBytes);
    expect(all[29]!.html).toBe(html(29));
    expect(made.get(29)).toBe(1);
    expect(all[0]!.html).toBe(html(0));
    expect(made.get(0)).toBe(2);
    expect(all[0]!.summary).toBe('s0');
  });

  it('an evicted body whose file cannot be read again is empty, and preparing it rejects with the reason every time', async () => {
    made.clear();
    const cache = new BodyCache(64 * 1024);
    const broken = content(cache, 7, true);
    expect(broken.html).toBe('');
    await expect(broken.prepare(() => Promise.reject(new Error('not called')))).rejects.toThrow('the file changed since it was read');
    await expect(broken.prepare(() => Promise.reject(new Error('not called')))).rejects.toThrow('the file changed since it was read');
    expect(broken.ready).toBe(true);
    expect(made.get(7)).toBe(1);
  });
});
