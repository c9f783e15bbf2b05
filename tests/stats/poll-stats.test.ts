import { beforeAll, describe, expect, it } from 'vitest';
import { KeyRing } from '../../src/stats/key-ring.js';
import { PollStats } from '../../src/stats/poll-stats.js';
import { Stats } from '../../src/stats/stats.js';
import { buildReport, type ReaderFigures, type StatsReport } from '../../src/stats/stats-report.js';
import { FakeClock, silent } from '../helpers.js';
import { cast, EXPECTED, WEEK } from './cast.js';
import { replay, type Replay, type SimClient } from './traffic.js';

const HERALD_ETAG = /^"[A-Za-z0-9_-]{27}(-gz|-br)?"$/;
const SITE = { key: 'site', label: 'Everything', path: '/feed.html' };
const TAG = { key: 'tag:maps', label: 'Tag: maps', path: '/tags/maps/feed.html' };
const PATHS = { rss: '/feed.xml', atom: '/atom.xml', json: '/feed.json', tag: '/tags/maps/feed.xml' };
const seeded = (seed: number) => () => new Uint8Array(16).fill(seed);

function setUp(politePolling = false, start = '2024-06-03T00:00:00Z') {
  const clock = new FakeClock(new Date(start));
  const stats = new Stats({ instance: 'test', hintSeconds: 300, politePolling, saveSeconds: 60, issuedEtag: (tag) => HERALD_ETAG.test(tag), clock, log: silent, random: seeded(1) });
  const documentOf = (path: string) => stats.polls.document(path === PATHS.tag ? TAG : SITE, path, 300);
  const families = new Map<string, Map<number, number>>();
  const poll = (client: SimClient, inm: string | undefined, etag: string) => {
    const notModified = inm === etag;
    const retry = stats.polls.poll(documentOf(client.path), {}, client.ua, client.address, inm, undefined, notModified);
    const status = retry ? 429 : notModified ? 304 : 200;
    const byStatus = families.get(client.ua) ?? new Map<number, number>();
    families.set(client.ua, byStatus.set(status, (byStatus.get(status) ?? 0) + 1));
    return retry ? { status: 429 as const, retryAfter: retry } : status;
  };
  return { clock, stats, poll, families };
}

const byReader = (feed: { byReader: ReadonlyArray<{ reader: string; subscribers: number }> } | undefined) =>
  Object.fromEntries((feed?.byReader ?? []).map((count) => [count.reader, count.subscribers]));

describe('a week of realistic polling', () => {
  const { clock, stats, poll } = setUp();
  let run: Replay;
  let report: StatsReport;
  let readers: Map<string, ReaderFigures>;
  beforeAll(async () => {
    // Ends a minute before midnight, so that the first day is still in the window.
    run = await replay(clock, cast(PATHS), WEEK - 60, poll);
    report = stats.report();
    readers = new Map(report.readers.map((reader) => [reader.reader, reader]));
  });

  it('counts subscribers per feed (all formats as one) and per reader: latest reported counts plus distinct other clients', async () => {
    const site = report.feeds.find((feed) => feed.key === 'site');
    const tag = report.feeds.find((feed) => feed.key === 'tag:maps');
    expect(byReader(site)).toEqual(EXPECTED.site);
    expect(byReader(tag)).toEqual(EXPECTED.tag);
    expect(site!.subscribers).toBe(158);
    expect(site!.reported).toBe(151);
    expect(site!.clients).toBe(7);
    expect(report.totals.subscriptions).toBe(162);
  });

  it('does not count browsers or bots, but shows their polls', async () => {
    expect(readers.get('browser')).toMatchObject({ counted: false, subscribers: 0, polls: 28 });
    expect(readers.get('bot')).toMatchObject({ counted: false, subscribers: 0, polls: 28 + 14 });
  });

  it('gives each reader family its polls, conditional and 304 shares, median interval against the hint and invalid validators', async () => {
    expect(report.totals.polls).toBe(run.polls);
    const nnw = readers.get('netnewswire')!;
    expect(nnw.polls).toBe(3 * 7 * 48);
    // Each client's first poll has no ETag to send yet.
    expect(nnw.conditionalShare).toBe((nnw.polls - 3) / nnw.polls);
    expect(nnw.notModifiedShare).toBeCloseTo(11 / 12, 2);
    expect(nnw.medianIntervalSeconds! / 1800).toBeGreaterThan(0.85);
    expect(nnw.medianIntervalSeconds! / 1800).toBeLessThan(1.15);
    const newsboat = readers.get('newsboat')!;
    expect(newsboat).toMatchObject({ conditionalShare: 0, notModifiedShare: 0, invalidValidators: 0 });
    expect(newsboat.intervalToHint).toBeGreaterThan(2.5);
    const poller = readers.get('other')!;
    expect(poller.polls).toBe(720);
    expect(poller.intervalToHint).toBeLessThan(0.05);
    const vienna = readers.get('vienna')!;
    expect(vienna).toMatchObject({ polls: 168, conditionalShare: 1, notModifiedShare: 0, invalidValidators: 168 });
    expect(readers.get('feedly')!.notModifiedShare).toBeGreaterThan(0.7);
  });

  it('keeps no address: the saved state holds no client address or User-Agent', async () => {
    const saved = JSON.stringify(stats.polls.state);
    for (const text of ['198.51.100', '203.0.113', '2001:db8', 'NetNewsWire', 'python']) expect(saved).not.toContain(text);
  });

  it('drops what leaves the window: a week later only the clients still polling count', async () => {
    stats.start();
    const later = await replay(clock, cast(PATHS).filter((client) => client.ua.startsWith('Newsboat')), 8 * 86_400, poll);
    expect(later.polls).toBeGreaterThan(0);
    const after = stats.report();
    expect(byReader(after.feeds.find((feed) => feed.key === 'site'))).toEqual({ newsboat: 2 });
    expect(after.feeds.find((feed) => feed.key === 'tag:maps')?.subscribers ?? 0).toBe(0);
    const history = after.feeds.find((feed) => feed.key === 'site')!.history;
    expect(history.length).toBeGreaterThan(7);
    expect(Math.max(...history.map((day) => day.subscribers))).toBe(158);
  });
});

describe('polite polling', () => {
  it('answers 429 with Retry-After to unconditional polls faster than the hint, never to conditional ones', async () => {
    const { clock, stats, poll, families } = setUp(true);
    const clients: SimClient[] = [
      { ua: 'python-requests/2.31.0', address: '203.0.113.9', path: '/feed.xml', everySeconds: 10, conditional: false },
      { ua: 'NetNewsWire (RSS Reader; https://netnewswire.com/)', address: '198.51.100.1', path: '/feed.xml', everySeconds: 10, conditional: true },
      { ua: 'Newsboat/2.33 (Linux x86_64)', address: '198.51.100.20', path: '/atom.xml', everySeconds: 300, conditional: false },
    ];
    const run = await replay(clock, clients, 3600, poll);
    const python = families.get(clients[0]!.ua)!;
    // Every 270 s (the hint less 10 % slack) one poll gets through; the 26 between get 429.
    expect(python.get(200)).toBe(14);
    expect(python.get(429)).toBe(360 - 14);
    expect(families.get(clients[1]!.ua)!.get(429)).toBeUndefined();
    expect(families.get(clients[2]!.ua)!.get(429)).toBeUndefined();
    expect(Math.max(...run.retryAfter)).toBe(290);
    expect(Math.min(...run.retryAfter)).toBe(40);
    const report = stats.report();
    expect(report.totals.throttled).toBe(360 - 14);
    expect(report.readers.find((reader) => reader.reader === 'other')).toMatchObject({ throttled: 346, subscribers: 1 });
  });

  it('is off by default', async () => {
    const { clock, poll, families } = setUp(false);
    await replay(clock, [{ ua: 'python-requests/2.31.0', address: '203.0.113.9', path: '/feed.xml', everySeconds: 10, conditional: false }], 600, poll);
    expect([...families.values()][0]!.get(429)).toBeUndefined();
  });
});

describe('key rotation', () => {
  it('counts a daily client once in every window across a change of key', async () => {
    // 2024-06-06 is day 19880, the first day of key epoch 2840.
    const { clock, stats, poll } = setUp(false, '2024-06-01T00:00:00Z');
    const clients = [1, 2, 3, 4, 5].map((n) => ({ ua: 'Newsboat/2.33 (Linux x86_64)', address: `198.51.100.${n}`, path: '/atom.xml', everySeconds: 6 * 3600, conditional: true }));
    for (let day = 0; day < 12; day++) {
      await replay(clock, clients, 86_400, poll);
      expect(stats.report().feeds[0]!.subscribers).toBe(5);
    }
  });
});

describe('one connection', () => {
  it('remembers its client only while the User-Agent and address stay the same', () => {
    const clock = new FakeClock(new Date('2024-06-03T12:00:00Z'));
    const polls = new PollStats('test', { clock, issuedEtag: () => true, keys: new KeyRing(undefined, seeded(5)) });
    const document = polls.document(SITE, '/feed.xml', 300);
    const socket = {};
    for (const [ua, address] of [['Newsboat/2.33', '10.0.0.1'], ['Newsboat/2.33', '10.0.0.1'], ['Newsboat/2.33', '10.0.0.2'], ['Newsboat/2.34', '10.0.0.2'], ['Miniflux/2.1', '10.0.0.2']]) {
      polls.poll(document, socket, ua, address, undefined, undefined, false);
    }
    const counts = buildReport([polls.state], clock.now(), { hintSeconds: 300, politePolling: false }).feeds[0]!.byReader;
    expect(Object.fromEntries(counts.map((count) => [count.reader, count.subscribers]))).toEqual({ newsboat: 3, miniflux: 1 });
  });
});

describe('bounded memory', () => {
  it('holds a million distinct clients in a fixed poll table and 2 KiB sketches, counting them within three standard errors', async () => {
    const clock = new FakeClock(new Date('2024-06-03T12:00:00Z'));
    const polls = new PollStats('test', { clock, issuedEtag: () => true, keys: new KeyRing(undefined, seeded(5)) });
    const document = polls.document(SITE, '/feed.xml', 300);
    const before = polls.bytes();
    const tableBytes = polls.table.bytes();
    for (let i = 0; i < 1_000_000; i++) {
      polls.poll(document, {}, `Newsboat/2.${i % 1000}`, `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, undefined, undefined, false);
    }
    expect(polls.table.bytes()).toBe(tableBytes);
    expect(tableBytes).toBeLessThanOrEqual(1.25 * 1024 * 1024);
    // One feed, one family, one day: one sketch per key in use (two while the next key is also in use).
    expect(polls.bytes() - before).toBeLessThanOrEqual(2 * 2048);
    for (let i = 0; i < 10_000; i++) polls.poll(document, {}, `Reader/${i}`, '192.0.2.1', undefined, undefined, false);
    expect(polls.rememberedUserAgents).toBe(4096);
    const counted = buildReport([polls.state], clock.now(), { hintSeconds: 300, politePolling: false }).feeds[0]!.byReader.find((count) => count.reader === 'newsboat')!.subscribers;
    // The dense sketch's standard error is 1.04 / sqrt(2048) = 2.3 %.
    expect(Math.abs(counted - 1_000_000) / 1_000_000).toBeLessThan(3 * 0.023);
  });
});
