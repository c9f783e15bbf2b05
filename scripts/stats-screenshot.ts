// `npm run stats-screenshot [-- --out docs/stats-page.png]`: four weeks of simulated polling of the sample
// posts' feeds (hosted readers with subscriber counts, desktop readers, a misbehaving poller, browsers
// and bots) written to a stats folder, then /stats.html of a Herald that reads it, in headless Chromium.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { Stats, statsDir } from '../src/stats/stats.js';
import { isHeraldEtag } from '../src/store/rendered.js';
import { chromium, startHerald } from './lib/chromium.js';

const { values } = parseArgs({ options: { out: { type: 'string', default: path.join(os.tmpdir(), 'herald-stats-page.png') } } });
const DAYS = 28;
const HOUR = 3_600_000;

interface Client {
  readonly ua: (day: number) => string;
  readonly address: string;
  readonly path: string;
  readonly feed: { key: string; label: string; path: string };
  readonly everyMs: number;
  readonly conditional: boolean;
  readonly fromDay?: number;
  readonly validator?: string;
}

const SITE = { key: 'site', label: 'Everything', path: '/feed.html' };
const NEWS = { key: 'category:news', label: 'Category: News', path: '/categories/news/feed.html' };
const MAPS = { key: 'tag:maps', label: 'Tag: maps', path: '/tags/maps/feed.html' };
const FINANCE = { key: 'tag:finance', label: 'Tag: finance', path: '/tags/finance/feed.html' };
const fixed = (ua: string) => () => ua;
const CLIENTS: Client[] = [
  { ua: (d) => `Feedly/1.0 (+http://www.feedly.com/fetcher.html; ${80 + 2 * d} subscribers; feed-id=s1)`, address: '', path: '/feed.xml', feed: SITE, everyMs: HOUR, conditional: true },
  { ua: (d) => `Mozilla/5.0 (compatible; Inoreader/1.0; +https://www.inoreader.com; ${20 + Math.floor(d / 2)} subscribers)`, address: '', path: '/atom.xml', feed: SITE, everyMs: HOUR / 2, conditional: true },
  { ua: fixed('NewsBlur Feed Fetcher - 9 subscribers - https://www.newsblur.com/site/6004/herald (Mozilla/5.0)'), address: '', path: '/feed.xml', feed: SITE, everyMs: 2 * HOUR, conditional: true },
  { ua: (d) => `Feedbin feed-id:77 - ${3 + Math.floor(d / 7)} subscribers`, address: '', path: '/categories/news/feed.xml', feed: NEWS, everyMs: HOUR, conditional: true },
  { ua: (d) => `Feedly/1.0 (+http://www.feedly.com/fetcher.html; ${5 + Math.floor(d / 3)} subscribers; feed-id=m1)`, address: '', path: '/tags/maps/atom.xml', feed: MAPS, everyMs: 3 * HOUR, conditional: true },
  { ua: fixed('Mozilla/5.0 (compatible; theoldreader.com; 4 subscribers; feed-id=f9)'), address: '', path: '/tags/finance/feed.xml', feed: FINANCE, everyMs: 2 * HOUR, conditional: true },
  ...Array.from({ length: 9 }, (_, j): Client => ({ ua: fixed('NetNewsWire (RSS Reader; https://netnewswire.com/)'), address: `198.51.100.${j + 1}`, path: '/feed.xml', feed: SITE, everyMs: HOUR / 2, conditional: true, fromDay: 3 * j })),
  ...Array.from({ length: 4 }, (_, j): Client => ({ ua: fixed('Newsboat/2.33 (Linux x86_64)'), address: `198.51.100.${20 + j}`, path: j < 2 ? '/atom.xml' : '/categories/news/atom.xml', feed: j < 2 ? SITE : NEWS, everyMs: HOUR / 4, conditional: false })),
  ...Array.from({ length: 3 }, (_, j): Client => ({ ua: fixed('Mozilla/5.0 (compatible; Miniflux/2.1.0; +https://miniflux.app)'), address: `192.0.2.${50 + j}`, path: '/tags/maps/feed.xml', feed: MAPS, everyMs: HOUR, conditional: true, fromDay: 7 * j })),
  { ua: fixed('Vienna/3.8.7'), address: '192.0.2.77', path: '/feed.json', feed: SITE, everyMs: HOUR, conditional: true, validator: '"not-one-of-ours"' },
  { ua: fixed('python-requests/2.31.0'), address: '203.0.113.9', path: '/feed.xml', feed: SITE, everyMs: 60_000, conditional: false, fromDay: DAYS - 1 },
  ...[1, 2, 3].map((n): Client => ({ ua: fixed('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'), address: `192.0.2.${100 + n}`, path: '/feed.xml', feed: SITE, everyMs: 24 * HOUR, conditional: false })),
  { ua: fixed('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'), address: '66.249.66.1', path: '/feed.xml', feed: SITE, everyMs: 6 * HOUR, conditional: false },
];

// The polls of `CLIENTS` over the DAYS before now, in time order; the content changes every 6 hours.
async function simulate(dir: string): Promise<void> {
  const end = Date.now();
  let now = end - DAYS * 24 * HOUR;
  const clock = { now: () => new Date(now), setTimeout: () => ({}), clearTimeout: () => {} };
  const stats = new Stats({ instance: 'demo', dir, hintSeconds: 300, politePolling: true, saveSeconds: 60, issuedEtag: isHeraldEtag, clock, log: pino({ level: 'silent' }) });
  const start = now;
  const next = CLIENTS.map((client, i) => start + (client.fromDay ?? 0) * 24 * HOUR + ((i * 7919 * 1000) % client.everyMs));
  const held = CLIENTS.map((): string | undefined => undefined);
  let day = -1;
  for (;;) {
    let i = -1;
    for (let j = 0; j < CLIENTS.length; j++) if (next[j]! < end && (i < 0 || next[j]! < next[i]!)) i = j;
    if (i < 0) break;
    now = next[i]!;
    const today = Math.floor((now - start) / (24 * HOUR));
    if (today !== day) {
      day = today;
      stats.report(); // records yesterday's subscribers, as the save timer does
    }
    const client = CLIENTS[i]!;
    const etag = `"${Buffer.from(`${client.path}#${Math.floor(now / (6 * HOUR))}`).toString('base64url').padEnd(27, 'x').slice(0, 27)}"`;
    const inm = client.validator ?? (client.conditional ? held[i] : undefined);
    const document = stats.polls.document(client.feed, client.path, 300);
    const retry = stats.polls.poll(document, {}, client.ua(today), client.address, inm, undefined, inm === etag);
    if (!retry && inm !== etag) held[i] = etag;
    next[i]! += client.everyMs;
  }
  now = end;
  await stats.flush();
}

const data = mkdtempSync(path.join(os.tmpdir(), 'herald-stats-demo-'));
try {
  await simulate(statsDir(data));
  const herald = await startHerald({ DATA_DIR: data, STATS_INSTANCE: 'demo', POLITE_POLLING: 'true' });
  try {
    const dom = chromium(['--dump-dom', `${herald.url}/stats.html`]);
    for (const needle of ['<h1>Subscribers and readers</h1>', 'Tag: maps', '<polyline', 'NetNewsWire']) if (!dom.includes(needle)) throw new Error(`/stats.html does not show ${needle}`);
    chromium(['--window-size=1100,1500', '--hide-scrollbars', `--screenshot=${path.resolve(values.out)}`, `${herald.url}/stats.html`]);
    console.log(`stats page: ${path.resolve(values.out)}`);
  } finally {
    herald.stop();
  }
} finally {
  rmSync(data, { recursive: true, force: true });
}
