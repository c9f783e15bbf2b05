import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Metrics } from '../../src/metrics/metrics.js';
import { checkAgreement } from '../../src/selfcheck/cross-format.js';
import { SelfValidator } from '../../src/selfcheck/self-validator.js';
import { makeRendered } from '../../src/store/rendered.js';
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

describe('self-validation of the served bytes', () => {
  it('runs at start, reports every feed and the formats agreeing, served at /validation, status ok', async () => {
    const h = await herald();
    stops.push(h.validator.start(h.publisher, '0 0 1 1 *'));
    await vi.waitFor(() => expect(h.validator.last).toBeDefined());
    const res = await request(h.handler).get('/validation');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ trigger: 'start', status: 'ok', totals: { feeds: 12, errors: 0, warnings: 0, postsRejected: 0 } });
    expect(res.body.feeds.map((f: { path: string }) => f.path)).toContain('/categories/news/atom.xml');
    expect(res.body.feeds.filter((f: { format: string }) => f.format === 'all')).toHaveLength(4);
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
    await vi.waitFor(() => expect(h.validator.last?.trigger).toBe('start'));
    await writeFile(path.join(dir, 'posts/2024-01-03-broken.md'), '---\ntitle: [unclosed\n---\nx');
    await h.publisher.filesChanged(['2024-01-03-broken.md']);
    await vi.waitFor(() => expect(h.validator.last?.trigger).toBe('change'));
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
    const store = { feeds: () => good.store.feeds().map((f) => (f.path === '/feed.xml' ? { ...f, render: () => broken } : f)) };
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const validator = new SelfValidator(store, () => [], 'https://example.com', log as never, new Metrics(), { now: () => new Date() });
    await validator.run('schedule');
    await validator.run('schedule');
    const report = validator.last!;
    expect(report.status).toBe('errors');
    const rss = report.feeds.find((f) => f.path === '/feed.xml')!;
    expect(rss.status).toBe('errors');
    expect(rss.findings.map((f) => f.rule)).toContain('xml.not-well-formed');
    expect(report.feeds.find((f) => f.path === '/' && f.format === 'all')!.findings[0]!.rule).toMatch(/^agreement\./);
    const loggedOnce = log.error.mock.calls.filter(([fields]) => (fields as { feed: string }).feed === '/feed.xml');
    expect(loggedOnce.length).toBe(rss.findings.filter((f) => f.severity === 'error').length);
    expect(log.info).toHaveBeenCalledTimes(2);
  });

  it('re-validates only the feeds whose bytes changed since the last run', async () => {
    const h = await herald();
    let reads = 0;
    // Count every read of a feed's bytes: a feed whose ETag is unchanged keeps its findings unread.
    const counted = {
      feeds: () =>
        h.store.feeds().map((feed) => ({
          ...feed,
          render: () => {
            const rendered = feed.render();
            const identity = { etag: rendered.identity.etag, get body() { reads++; return rendered.identity.body; } };
            return { ...rendered, identity };
          },
        })),
    };
    const validator = new SelfValidator(counted, () => [], 'https://example.com', silent, new Metrics(), { now: () => new Date() });
    await validator.run('start');
    const firstReads = reads;
    expect(firstReads).toBeGreaterThanOrEqual(9);
    await validator.run('schedule');
    expect(reads).toBe(firstReads);
    await writeFile(path.join(dir, 'posts/2024-01-02-two.md'), '---\ntitle: Two, edited\ntags: [x]\n---\nTwo.');
    await h.publisher.filesChanged(['2024-01-02-two.md']);
    await validator.run('change');
    // The site, tag x and author (the site's, Herald) feeds changed (3 formats each, read to validate and for
    // the agreement check); category news did not.
    expect(reads - firstReads).toBe(18);
    expect(validator.last?.status).toBe('ok');
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
    const validator = new SelfValidator(h.store, () => [], 'https://example.com', log as never, new Metrics(), { now: () => new Date() });
    await Promise.all([validator.run('start'), validator.run('change'), validator.run('schedule')]);
    expect(log.info.mock.calls.map(([fields]) => (fields as { trigger: string }).trigger)).toEqual(['start', 'change']);
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
  });
});
