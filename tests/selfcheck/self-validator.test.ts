import { readdir, readFile, writeFile } from 'node:fs/promises';
import { getPriority } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Metrics } from '../../src/metrics/metrics.js';
import { checkAgreement } from '../../src/selfcheck/cross-format.js';
import { SelfValidator } from '../../src/selfcheck/self-validator.js';
import { inThreadChecker, workerChecker, type Checker } from '../../src/selfcheck/checker.js';
import { makeRendered, type Rendered } from '../../src/store/rendered.js';
import type { Herald } from '../../src/compose.js';
import type { DocumentSource } from '../../src/selfcheck/documents.js';
import type { FeedEntry } from '../../src/store/feed-store.js';
import { heraldOn, silent, tempPosts } from '../helpers.js';

let dir: string;
let remove: () => Promise<void>;
let stops: Array<() => void> = [];

beforeEach(async () => {
  ({ dir, remove } = await tempPosts({
    '2024-01-01-one.md': '---\ntitle: One\ncategories: [news]\n---\nOne.',
    '2024-01-02-two.md': '---\ntitle: Two\ntags: [x]\n---\nTwo.',
  }));
});

afterEach(async () => {
  stops.forEach((stop) => stop());
  stops = [];
  vi.useRealTimers();
  await remove();
});

const herald = () => heraldOn(dir);

// The store with its feeds' first pages replaced: the other documents are read as they are.
function withFeeds(h: Herald, change: (feed: FeedEntry) => FeedEntry): DocumentSource {
  const store = h.store;
  return {
    feeds: (where) => store.feeds(where).map(change),
    archives: (where) => store.archives(where),
    pageSample: (where) => store.pageSample(where),
    postPages: () => store.postPages(),
    get: (address) => store.get(address),
  };
}

describe('self-validation of the served bytes', () => {
  it('runs at start, reports every feed and the formats agreeing, served at /validation, status ok', async () => {
    const h = await herald();
    stops.push(h.validator.start(h.publisher, '0 0 1 1 *'));
    await vi.waitFor(() => expect(h.validator.last).toBeDefined(), { timeout: 20_000, interval: 20 });
    const res = await request(h.handler).get('/validation');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ trigger: 'start', status: 'ok', totals: { feeds: 12, errors: 0, warnings: 0, postsRejected: 0 } });
    expect(res.body.documents.map((f: { path: string }) => f.path)).toContain('/categories/news/atom.xml');
    expect(res.body.documents.filter((f: { format: string }) => f.format === 'all')).toHaveLength(4);
    expect((await request(h.handler).get('/status')).body).toMatchObject({ status: 'ok', validation: { status: 'ok' } });
  });

  it('answers /validation with 503 until the first run has finished', async () => {
    const h = await herald();
    const res = await request(h.handler).get('/validation');
    expect(res.status).toBe(503);
    expect(res.body.status).toBe('pending');
  });

  it('reports a post broken on disk at the next run, while the other feeds keep being served', async () => {
    const h = await herald();
    stops.push(h.validator.start(h.publisher, '0 0 1 1 *'));
    await vi.waitFor(() => expect(h.validator.last?.trigger).toBe('start'), { timeout: 10_000 });
    await writeFile(path.join(dir, 'posts/2024-01-03-broken.md'), '---\ntitle: [unclosed\n---\nx');
    await h.publisher.filesChanged(['2024-01-03-broken.md']);
    await vi.waitFor(() => expect(h.validator.last?.trigger).toBe('change'), { timeout: 10_000 });
    const report = (await request(h.handler).get('/validation')).body;
    expect(report.posts).toEqual([{ file: '2024-01-03-broken.md', line: expect.any(Number), reason: expect.stringMatching(/^invalid YAML front matter/) }]);
    expect(report.totals.postsRejected).toBe(1);
    const status = (await request(h.handler).get('/status')).body;
    expect(status.status).toBe('degraded');
    expect(status.reasons).toEqual(['1 post file(s) could not be read']);
    expect((await request(h.handler).get('/feed.xml')).status).toBe(200);
  });

  it('finds a deliberately broken feed among good ones, logs each finding once, and says degraded', async () => {
    const good = await herald();
    const broken = makeRendered('<rss version="2.0"><channel><title>x</title></channel>', 'application/rss+xml; charset=utf-8');
    const store = withFeeds(good, (f) => (f.path === '/feed.xml' ? { ...f, peek: () => broken, peekInSlices: async () => broken, cached: () => true } : f));
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const validator = new SelfValidator(store, () => [], good.scheme, log as never, new Metrics(), { now: () => new Date() });
    await validator.run('schedule');
    await validator.run('schedule');
    const report = validator.last!;
    expect(report.status).toBe('errors');
    const rss = report.documents.find((f) => f.path === '/feed.xml')!;
    expect(rss.status).toBe('errors');
    expect(rss.findings.map((f) => f.rule)).toContain('xml.not-well-formed');
    expect(report.documents.find((f) => f.path === '/' && f.format === 'all')!.findings[0]!.rule).toMatch(/^agreement\./);
    const loggedOnce = log.error.mock.calls.filter(([fields]) => (fields as { document: string }).document === '/feed.xml');
    expect(loggedOnce.length).toBe(rss.findings.filter((f) => f.severity === 'error').length);
    expect(log.info).toHaveBeenCalledTimes(2);
  });

  it('re-validates only the feeds whose bytes changed since the last run', async () => {
    const h = await herald();
    let reads = 0;
    const counting = (rendered: Rendered): Rendered => {
      const identity = { etag: rendered.identity.etag, get body() { reads++; return rendered.identity.body; } };
      return { ...rendered, identity };
    };
    // Count every read of a feed's bytes, and every model built for the checker to render: a feed made
    // from what it was made from in the last run keeps its findings unread.
    const counted = withFeeds(h, (feed) => ({
      ...feed,
      peek: () => counting(feed.peek()),
      peekInSlices: async (slicing) => counting(await feed.peekInSlices(slicing)),
      model: () => {
        reads++;
        return feed.model();
      },
    }));
    const validator = new SelfValidator(counted, () => [], h.scheme, silent, new Metrics(), { now: () => new Date() });
    await validator.run('start');
    const firstReads = reads;
    // One model for the four views of each feed's first page: the site's, category news's, tag x's and the author's.
    expect(firstReads).toBe(4);
    await validator.run('schedule');
    expect(reads).toBe(firstReads);
    await writeFile(path.join(dir, 'posts/2024-01-02-two.md'), '---\ntitle: Two, edited\ntags: [x]\n---\nTwo.');
    await h.publisher.filesChanged(['2024-01-02-two.md']);
    await validator.run('change');
    // The site, tag x and author (the site's, Herald) feeds changed (one model each for the 4 views; the
    // agreement check compares the bytes those checks brought back); category news did not.
    expect(reads - firstReads).toBe(3);
    expect(validator.last?.status).toBe('ok');
  });

  it('keys each verdict by what the document is made from: a run after an unchanged one renders nothing, and an edit re-renders only what shows it', async () => {
    const h = await heraldOn(dir, { itemsPerFeed: 1 });
    const store = h.store;
    const rendered: string[] = [];
    const counting = <T extends { peek: () => unknown; render: () => unknown }>(entry: T & { path?: string; peekInSlices?: () => Promise<unknown>; model?: () => unknown }, path: string): T => ({
      ...entry,
      peek: () => (rendered.push(path), entry.peek()),
      ...(entry.peekInSlices ? { peekInSlices: () => (rendered.push(path), entry.peekInSlices!()) } : {}),
      ...(entry.model ? { model: () => (rendered.push(path), entry.model!()) } : {}),
      render: () => (rendered.push(path), entry.render()),
    });
    const source: DocumentSource = {
      feeds: (where) => store.feeds(where).map((e) => counting(e, e.path)),
      pageSample: (where) => store.pageSample(where).map((e) => counting(e, e.path)),
      archives: (where) => store.archives(where).map((e) => counting(e, e.path)),
      postPages: () => store.postPages().map((e) => counting(e, e.address.path)),
      get: (address) => store.get(address),
    };
    const validator = new SelfValidator(source, () => [], h.scheme, silent, new Metrics(), { now: () => new Date() });
    await validator.run('start');
    const first = validator.last!;
    expect(first.cost.checked).toBe(first.totals.documents);
    // Each feed document's model is built once for its four views (RSS, Atom, JSON, HTML), each post page rendered once.
    const { feed = 0, page = 0, archive = 0, post = 0 } = first.totals.byKind;
    expect(rendered.length).toBe((feed + page + archive) / 4 + post);
    rendered.length = 0;
    await validator.run('schedule');
    expect(rendered).toEqual([]);
    expect(validator.last!.cost.checked).toBe(0);
    expect(validator.last!.documents).toEqual(first.documents);
    await writeFile(path.join(dir, 'posts/2024-01-01-one.md'), '---\ntitle: One, edited\ncategories: [news]\n---\nOne.');
    await h.publisher.filesChanged(['2024-01-01-one.md']);
    rendered.length = 0;
    await validator.run('change');
    // Post one is the site's second page and second archive, category news's first page and archive, and the
    // site author's second page and archive: never tag x's documents.
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.filter((p) => p.startsWith('/tags/'))).toEqual([]);
    expect(rendered.filter((p) => p.startsWith('/categories/news/'))).not.toEqual([]);
  });

  it('leaves the render cache as requests left it: a run keeps only the index and the OPML list', async () => {
    const h = await heraldOn(dir, { itemsPerFeed: 1 });
    expect((await request(h.handler).get('/feed.xml')).status).toBe(200);
    const before = h.store.figures();
    expect(before.entries).toBe(1);
    await h.validator.run('start');
    expect(h.validator.last!.cost.checked).toBeGreaterThan(40);
    const after = h.store.figures();
    expect(after.entries).toBe(3);
    expect(after.bytes - before.bytes).toBeLessThan(2 * 8192);
    expect(after.bytes).toBeLessThanOrEqual(after.maxBytes);
  });

  it('runs on the cron schedule (fake clock)', async () => {
    const h = await herald();
    vi.useFakeTimers({ now: new Date('2024-06-01T00:00:30Z'), toFake: ['setTimeout', 'setInterval', 'Date'] });
    const run = vi.spyOn(h.validator, 'run');
    const stop = h.validator.start(h.publisher, '*/15 * * * *');
    expect(run.mock.calls).toEqual([['start']]);
    await vi.advanceTimersByTimeAsync(14 * 60_000);
    expect(run.mock.calls).toEqual([['start']]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run.mock.calls).toEqual([['start'], ['schedule']]);
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    expect(run.mock.calls).toEqual([['start'], ['schedule'], ['schedule']]);
    stop();
  });

  it('never runs two at once: triggers during a run make one more run after it', async () => {
    const h = await herald();
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const validator = new SelfValidator(h.store, () => [], h.scheme, log as never, new Metrics(), { now: () => new Date() });
    await Promise.all([validator.run('start'), validator.run('change'), validator.run('schedule')]);
    expect(log.info.mock.calls.map(([fields]) => (fields as { trigger: string }).trigger)).toEqual(['start', 'change']);
  });
});

describe('the worker thread', () => {
  it('checks in a worker: the same findings as on the main thread, and the report says what the run cost', async () => {
    const h = await heraldOn(dir, {}, { validation: { worker: true } });
    await h.validator.run('start');
    const inWorker = h.validator.last!;
    const onMain = new SelfValidator(h.store, () => [], h.scheme, silent, new Metrics(), { now: () => new Date() });
    await onMain.run('start');
    expect(inWorker.cost).toMatchObject({ where: 'worker', documents: inWorker.totals.documents, checked: inWorker.totals.documents });
    expect(inWorker.cost.bytes).toBeGreaterThan(10_000);
    expect(inWorker.cost.checkMs).toBeGreaterThan(0);
    expect(onMain.last!.cost.where).toBe('main thread');
    expect(inWorker.documents).toEqual(onMain.last!.documents);
  });

  it('renders the feed documents in the worker from their models: the bytes it checks are the bytes served, and the main thread renders none', async () => {
    await writeFile(path.join(dir, 'posts/2024-01-03-long.md'), `---\ntitle: Long\n---\n${'A long paragraph. '.repeat(500)}`);
    const h = await heraldOn(dir, {}, { validation: { worker: true } });
    const renders = async () => (await h.metrics.registry.getSingleMetric('herald_feed_render_seconds')!.get()).values.find((v) => (v as { metricName?: string }).metricName === 'herald_feed_render_seconds_count')?.value ?? 0;
    await h.validator.run('start');
    expect(h.validator.last!.cost.where).toBe('worker');
    expect(await renders()).toBe(0);
    // Through the worker as a run sends them, a feed's bytes come back (moved, or copied when they lie in
    // Node's shared pool of small Buffers), equal to what a request gets.
    const checker = workerChecker();
    const sizes: number[] = [];
    try {
      for (const entry of h.store.feeds().filter((feed) => feed.folder === '' || feed.folder === '/tags/x')) {
        expect(entry.cached()).toBe(false);
        const result = await checker.feed({ check: 'feed', url: 'https://example.org/', contentType: 'application/xml', view: entry.view, document: entry.document, model: entry.model, keep: true });
        const served = await request(h.handler).get(entry.path).buffer(true).parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
        expect(Buffer.from(result.body!).equals(served.body as Buffer)).toBe(true);
        expect(result.bytes).toBe((served.body as Buffer).length);
        expect(entry.cached()).toBe(true);
        sizes.push(result.bytes);
      }
    } finally {
      await checker.close();
    }
    // The site's feeds carry the long post (their own memory, moved), tag x's do not (in the pool, copied).
    expect(sizes.filter((size) => size > 4096)).toHaveLength(3);
    expect(sizes.filter((size) => size < 4096)).toHaveLength(3);
  });

  it('sends a document its model again after building it failed, never checking another model in its place', async () => {
    const h = await heraldOn(dir);
    const [rss, atom] = h.store.feeds().filter((feed) => feed.folder === '');
    const checker = workerChecker();
    try {
      const job = { check: 'feed', url: 'https://example.org/', contentType: 'application/xml', keep: true } as const;
      await checker.feed({ ...job, view: 'rss', document: 'other', model: () => h.store.feeds().find((feed) => feed.folder === '/tags/x')!.model() });
      await expect(checker.feed({ ...job, view: 'rss', document: rss!.document, model: () => { throw new Error('no model'); } })).rejects.toThrow('no model');
      const result = await checker.feed({ ...job, view: 'atom', document: atom!.document, model: atom!.model });
      expect(Buffer.from(result.body!).equals(atom!.peek().identity.body)).toBe(true);
    } finally {
      await checker.close();
    }
  });

  it('checks at nice 19, so serving gets the cores first, and leaves the main thread as it was', async () => {
    // Each thread's nice value, the 19th field of /proc/self/task/<tid>/stat (Linux keeps one per thread).
    const nices = async () => {
      const tasks = await readdir('/proc/self/task');
      const stats = await Promise.all(tasks.map((tid) => readFile(`/proc/self/task/${tid}/stat`, 'utf8').catch(() => '')));
      return stats.filter(Boolean).map((stat) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    };
    expect(process.platform).toBe('linux');
    const before = (await nices()).filter((nice) => nice === 19).length;
    const checker = workerChecker();
    try {
      // Any answer means the worker has run its module, which lowers its own priority first.
      await checker.agreement({ rss: '', atom: '', json: '' }).catch(() => []);
      expect((await nices()).filter((nice) => nice === 19).length).toBe(before + 1);
      expect(getPriority()).toBe(0);
    } finally {
      await checker.close();
    }
  });

  it('reports a worker that cannot check as a failed run, and the next run starts a new one', async () => {
    const h = await heraldOn(dir);
    let started = 0;
    const failing = (): Checker => {
      started++;
      return { ...inThreadChecker(), document: () => Promise.reject(new Error('worker died')) };
    };
    const validator = new SelfValidator(h.store, () => [], h.scheme, silent, new Metrics(), { now: () => new Date() }, failing);
    await expect(validator.run('start')).rejects.toThrow('worker died');
    await expect(validator.run('schedule')).rejects.toThrow('worker died');
    expect(started).toBe(2);
    expect(validator.last).toBeUndefined();
  });
});

describe('cross-format agreement', () => {
  it('reports formats that show different items', async () => {
    const rss = '<rss version="2.0"><channel><title>t</title><link>https://e.x/</link><description>d</description><item><guid>a</guid><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate></item></channel></rss>';
    const atom = '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>b</id><published>2024-01-01T00:00:00Z</published></entry></feed>';
    const json = JSON.stringify({ items: [{ id: 'a', date_published: '2024-01-02T00:00:00Z' }] });
    const findings = await checkAgreement({ rss, atom, json });
    expect(findings.map((f) => f.rule)).toEqual(['agreement.ids', 'agreement.dates']);
    expect(findings[0]!.message).toBe('the formats disagree on the items and their order: RSS a; Atom b; JSON a');
    // As bytes, as a run sends them (a Buffer, or the Uint8Array a worker receives, a view into a larger buffer): the same findings.
    const padded = (text: string) => {
      const all = Buffer.concat([Buffer.from('xx'), Buffer.from(text), Buffer.from('yy')]);
      return new Uint8Array(all.buffer, all.byteOffset + 2, Buffer.byteLength(text));
    };
    expect(await checkAgreement({ rss: Buffer.from(rss), atom: padded(atom), json: padded(json) })).toEqual(findings);
    const worker = workerChecker();
    try {
      expect(await worker.agreement({ rss: Buffer.from(rss), atom: Buffer.from(atom), json: Buffer.from(json) })).toEqual(findings);
    } finally {
      await worker.close();
    }
  });
});
