import { get } from '../lib/http-get.js';
import { formatTable } from '../lib/table.js';

/** Who one poller says it is: its User-Agent, its address (sent as X-Forwarded-For), its reader family and what it adds to each feed. */
export interface Identity {
  readonly ua: string;
  readonly address: string;
  readonly reader: string;
  /** Subscribers it adds to a feed per format it polls (a hosted reader's reported count), or 1 per feed, or 0. */
  readonly perFormat?: number;
  readonly perFeed: 0 | 1;
}

const CAST: readonly Omit<Identity, 'address'>[] = [
  { ua: 'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 25 subscribers)', reader: 'feedly', perFormat: 25, perFeed: 0 },
  { ua: 'Mozilla/5.0 (compatible; Inoreader/1.0; +https://www.inoreader.com; 10 subscribers)', reader: 'inoreader', perFormat: 10, perFeed: 0 },
  { ua: 'NetNewsWire (RSS Reader; https://netnewswire.com/)', reader: 'netnewswire', perFeed: 1 },
  { ua: 'NetNewsWire (RSS Reader; https://netnewswire.com/)', reader: 'netnewswire', perFeed: 1 },
  { ua: 'Newsboat/2.33 (Linux x86_64)', reader: 'newsboat', perFeed: 1 },
  { ua: 'Mozilla/5.0 (compatible; Miniflux/2.1.0; +https://miniflux.app)', reader: 'miniflux', perFeed: 1 },
  { ua: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36', reader: 'browser', perFeed: 0 },
  { ua: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', reader: 'bot', perFeed: 0 },
];

/** The identity of poller `index`: the cast in turn, each with an address of its own. */
export function identityOf(index: number): Identity {
  return { ...CAST[index % CAST.length]!, address: `198.51.100.${1 + index}` };
}

/** Subscribers a feed polled in `formats` formats by every poller must have. */
export function expectedSubscribers(workers: number, formats: number): number {
  let total = 0;
  const hosted = new Set<string>();
  for (let index = 0; index < workers; index++) {
    const identity = identityOf(index);
    // Pollers with the same hosted User-Agent are one subscription per format: its latest count.
    if (identity.perFormat !== undefined && !hosted.has(identity.ua)) {
      hosted.add(identity.ua);
      total += identity.perFormat * formats;
    }
    total += identity.perFeed;
  }
  return total;
}

interface StatsJson {
  feeds: Array<{ key: string; subscribers: number; path: string }>;
  readers: Array<{ reader: string; polls: number; subscribers: number; conditionalShare: number | null; notModifiedShare: number | null }>;
}

/** Polls per reader family Herald has counted so far (the harness's own requests before the run, say). */
export async function countedPolls(baseUrl: string): Promise<Map<string, number>> {
  const stats = JSON.parse((await get(`${baseUrl}/stats`)).body.toString('utf8')) as StatsJson;
  return new Map(stats.readers.map((reader) => [reader.reader, reader.polls]));
}

/** Herald's /stats after the run beside what the pollers did (less what was counted `before`): a table, and the mismatches. */
export async function statsReport(baseUrl: string, feeds: number, expected: number, pollsByReader: ReadonlyMap<string, number>, before: ReadonlyMap<string, number>): Promise<{ table: string; problems: string[] }> {
  const started = performance.now();
  const response = await get(`${baseUrl}/stats`);
  const ms = performance.now() - started;
  const stats = JSON.parse(response.body.toString('utf8')) as StatsJson;
  const problems: string[] = [];
  const wrong = stats.feeds.filter((feed) => feed.subscribers !== expected);
  if (stats.feeds.length !== feeds) problems.push(`/stats lists ${stats.feeds.length} feeds, ${feeds} were polled`);
  for (const feed of wrong.slice(0, 5)) problems.push(`${feed.key}: ${feed.subscribers} subscribers counted, ${expected} expected`);
  const rows = [...pollsByReader].map(([reader, sent]) => {
    const counted = stats.readers.find((entry) => entry.reader === reader);
    const polls = (counted?.polls ?? 0) - (before.get(reader) ?? 0);
    if (polls !== sent) problems.push(`${reader}: ${polls} polls counted, ${sent} sent`);
    const share = (value: number | null | undefined) => (value === null || value === undefined ? '–' : `${Math.round(value * 100)} %`);
    return [reader, String(sent), String(polls), String(counted?.subscribers ?? 0), share(counted?.conditionalShare), share(counted?.notModifiedShare)];
  });
  const table = [
    `Stats under load (GET /stats answered in ${ms.toFixed(0)} ms): ${stats.feeds.length} feeds, each counted ${[...new Set(stats.feeds.map((feed) => feed.subscribers))].join(', ')} subscribers (expected ${expected})`,
    formatTable(['reader', 'polls sent', 'polls counted', 'subscribers', 'conditional', 'answered 304'], rows),
  ].join('\n');
  return { table, problems };
}
