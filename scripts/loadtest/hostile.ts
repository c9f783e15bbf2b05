// `npm run loadtest -- --hostile`: the request-side attacks of issue 15 replayed against one Herald while
// /healthz and /feed.xml are polled and Herald's RSS is sampled.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { get } from '../lib/http-get.js';
import { startReadyHerald, type HeraldServer } from '../lib/herald.js';
import { loadAverage } from '../lib/machine.js';
import { memoryMiB } from '../lib/proc.js';
import { copyOfPosts } from '../lib/posts-cache.js';
import { Random } from '../lib/random.js';
import { fixed, formatTable } from '../lib/table.js';
import { queryFlood, slowConnections, type FloodFigures, type SlowFigures } from './attacks.js';
import { startLocalHub, type HubFigures, type LocalHub } from './local-hub.js';
import { Monitor, percentile, type Window } from './monitor.js';

export interface HostileOptions {
  /** Seconds each attack (and the quiet baseline) lasts. */
  readonly phaseSeconds: number;
  readonly posts: number;
  /** Distinct tags added by the fan-out posts (100 to a post): each is a feed in three formats. */
  readonly tags: number;
  /** Loops of the query-string flood. */
  readonly flooders: number;
  /** Slow readers and slowloris connections, each. */
  readonly slow: number;
  readonly hubDelayMs: number;
  /** Every n-th ping answered 503 (0: none). */
  readonly hubFailEvery: number;
  readonly seed: number;
}

const TAGS_PER_POST = 100;
const MAX_LIMIT = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Posts carrying `tags` distinct tags between them, so the site has that many more feeds.
async function writeFanoutPosts(dir: string, tags: number, title: string): Promise<string[]> {
  const files: string[] = [];
  for (let post = 0; post * TAGS_PER_POST < tags; post++) {
    const names = Array.from({ length: Math.min(TAGS_PER_POST, tags - post * TAGS_PER_POST) }, (_, i) => `fan-${post}-${i}`);
    const file = path.join(dir, `2023-06-${String(1 + (post % 28)).padStart(2, '0')}-fan-out-${post}.md`);
    await writeFile(file, `---\ntitle: "${title} ${post}"\ndate: 2023-06-01T12:00:00\ntags: [${names.join(', ')}]\n---\nA post with ${names.length} tags.\n`);
    files.push(file);
  }
  return files;
}

/** The value of one sample line of Herald's /metrics (`name{labels} value`), or undefined. */
async function metric(baseUrl: string, line: string): Promise<number | undefined> {
  try {
    const text = (await get(`${baseUrl}/metrics`, {}, { timeoutMs: 10_000 })).body.toString('utf8');
    const found = text.split('\n').find((entry) => entry.startsWith(`${line} `));
    return found === undefined ? undefined : Number(found.slice(line.length + 1));
  } catch {
    return undefined;
  }
}

async function websubBacklog(baseUrl: string): Promise<number | undefined> {
  const queued = await metric(baseUrl, 'herald_websub_backlog{state="queued"}');
  const inFlight = await metric(baseUrl, 'herald_websub_backlog{state="in_flight"}');
  return queued === undefined || inFlight === undefined ? undefined : queued + inFlight;
}

// Waits until the hub has had its first ping (Herald renders every feed before it queues any), then heard
// nothing new for 2 s with Herald's backlog empty; false after `timeoutMs`.
async function fanOutSettled(herald: HeraldServer, hub: LocalHub, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  let last = -1;
  let quietSince = performance.now();
  while (performance.now() < deadline && !herald.child.exited()) {
    const pings = hub.figures().pings;
    if (pings === 0) quietSince = performance.now();
    else if (pings !== last) {
      last = pings;
      quietSince = performance.now();
    } else if (performance.now() - quietSince > 2000 && (await websubBacklog(herald.baseUrl)) === 0) return true;
    await sleep(250);
  }
  return false;
}

/** The site feed and the feeds /feeds.opml lists, in all three formats, the site's first. */
async function allFeeds(baseUrl: string): Promise<string[]> {
  const opml = (await get(`${baseUrl}/feeds.opml`, {}, { timeoutMs: 30_000 })).body.toString('utf8');
  const site = `${baseUrl}/feed.xml`;
  const listed = [...opml.matchAll(/xmlUrl="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  const rss = [site, ...listed.filter((url) => url !== site)];
  return rss.flatMap((url) => [url, url.replace(/feed\.xml$/, 'atom.xml'), url.replace(/feed\.xml$/, 'feed.json')]);
}

interface Phase {
  readonly name: string;
  readonly load: string;
  readonly window: Window;
  readonly seconds: number;
}

const ms = (values: number[]) => `${fixed(percentile(values, 50), 1)} / ${fixed(percentile(values, 99), 1)} / ${fixed(values.length ? Math.max(...values) : undefined, 1)}`;

function phaseRow({ name, load, window, seconds }: Phase): string[] {
  const rss = window.rss.map((sample) => sample.mib);
  const failed = (probes: Window['healthz']) => `${probes.filter((probe) => !probe.ok).length}/${probes.length}`;
  return [
    name,
    fixed(seconds, 1),
    load,
    ms(window.healthz.map((probe) => probe.ms)),
    failed(window.healthz),
    ms(window.feed.map((probe) => probe.ms)),
    `${fixed(rss[0])} / ${fixed(rss.length ? Math.max(...rss) : undefined)} / ${fixed(rss.at(-1))}`,
  ];
}

function statusList(statuses: ReadonlyMap<number, number>): string {
  return [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${n}×${status}`).join(', ') || 'none';
}

function detailRows(startup: HubFigures & { seconds: number; settled: boolean }, flood: FloodFigures, cache: { bytes?: number; max?: number; urls?: number }, slow: SlowFigures, fanout: HubFigures & { backlog?: number; edited: number }): string[][] {
  const mib = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${fixed(bytes / 2 ** 20, 1)} MiB`);
  return [
    ['start-up fan-out: pings received / distinct topics', `${startup.pings} / ${startup.topics}`],
    ['start-up fan-out: seconds until the backlog was empty', startup.settled ? fixed(startup.seconds, 1) : `not empty after ${fixed(startup.seconds, 0)} s`],
    ['start-up fan-out: most pings open at once at the hub', String(startup.peakConcurrent)],
    ['flood: requests / distinct targets', `${flood.requests} / ${flood.distinct}`],
    ['flood: answers', statusList(flood.statuses)],
    ['flood: errors (network, time-out, 5xx)', String(flood.errors)],
    ['rendered cache after the flood / its bound', `${mib(cache.bytes)} / ${mib(cache.max)}`],
    ['URL cache after the flood', mib(cache.urls)],
    ['slow readers opened / closed by Herald / read to the end', `${slow.readers} / ${slow.readersClosed} / ${slow.readersDone}`],
    ['slow readers: bytes read in all', `${fixed(slow.readerBytes / 2 ** 20, 1)} MiB`],
    ['slowloris opened / closed by Herald', `${slow.lorises} / ${slow.lorisesClosed}`],
    ['slowloris: closed after (p50 / max s)', `${fixed((percentile(slow.lorisCloseMs, 50) ?? NaN) / 1000, 1)} / ${fixed(slow.lorisCloseMs.length ? Math.max(...slow.lorisCloseMs) / 1000 : undefined, 1)}`],
    ['connections refused or reset', String(slow.refused)],
    [`hub fan-out: posts edited (${TAGS_PER_POST} tags each)`, String(fanout.edited)],
    ['hub fan-out: pings received in the phase / failed on purpose', `${fanout.pings} / ${fanout.failed}`],
    ['hub fan-out: most pings open at once at the hub (whole run)', String(fanout.peakConcurrent)],
    ['hub fan-out: backlog left at the end of the phase', fanout.backlog === undefined ? 'n/a' : String(fanout.backlog)],
  ];
}

/** Runs the hostile load test in `dir`; resolves with the exit code (1 when Herald died or /healthz failed). */
export async function runHostile(dir: string, options: HostileOptions): Promise<number> {
  const random = new Random(options.seed);
  const phaseMs = options.phaseSeconds * 1000;
  const postsDir = path.join(dir, 'posts');
  await copyOfPosts(options.posts, postsDir);
  const fanoutFiles = await writeFanoutPosts(postsDir, options.tags, 'Fan-out');
  const hub = await startLocalHub({ delayMs: options.hubDelayMs, failEvery: options.hubFailEvery });
  let herald: HeraldServer | undefined;
  let monitor: Monitor | undefined;
  try {
    const spawned = performance.now();
    herald = await startReadyHerald(postsDir, { ITEMS_PER_FEED: '20', LOG_LEVEL: 'warn', WEBSUB_HUBS: hub.url });
    const server = herald;
    monitor = new Monitor(server.baseUrl, server.child.pid);
    const phases: Phase[] = [];
    const phase = async <T>(name: string, load: (deadline: number) => Promise<T>, describe: (result: T) => string): Promise<T> => {
      const from = performance.now();
      const result = await load(from + phaseMs);
      const to = performance.now();
      phases.push({ name, load: describe(result), window: monitor!.window(from, to), seconds: (to - from) / 1000 });
      return result;
    };

    const startupFrom = performance.now();
    const settled = await fanOutSettled(server, hub, Math.max(120_000, phaseMs * 4));
    const startup = { ...hub.figures(), seconds: (performance.now() - spawned) / 1000, settled };
    phases.push({ name: 'start-up fan-out', load: `${startup.pings} pings`, window: monitor.window(startupFrom, performance.now()), seconds: (performance.now() - startupFrom) / 1000 });
    const feeds = await allFeeds(server.baseUrl);

    await phase('baseline (quiet)', (deadline) => sleep(deadline - performance.now()), () => 'none');
    const flood = await phase(
      'query-string flood',
      (deadline) => queryFlood(feeds, random, deadline, { concurrency: options.flooders, maxRequests: 1_000_000, maxLimit: MAX_LIMIT }),
      (result) => `${result.requests} GETs, ${options.flooders} loops`,
    );
    const cache = {
      bytes: await metric(server.baseUrl, 'herald_cache_bytes{cache="rendered"}'),
      max: await metric(server.baseUrl, 'herald_cache_max_bytes{cache="rendered"}'),
      urls: await metric(server.baseUrl, 'herald_cache_bytes{cache="urls"}'),
    };
    const bigPages = feeds.filter((url) => !url.includes('/fan-')).slice(0, 30).map((url) => `${new URL(url).pathname}?limit=${MAX_LIMIT}`);
    const slow = await phase(
      'slow readers + slowloris',
      (deadline) => slowConnections('127.0.0.1', server.port, bigPages, deadline, { readers: options.slow, lorises: options.slow, maxOpens: options.slow * 20 }),
      (result) => `${result.readers} readers, ${result.lorises} lorises`,
    );
    const before = hub.figures();
    const fanout = await phase(
      'hub fan-out (edits)',
      async (deadline) => {
        const title = `Edited ${random.hex(6)}`;
        for (const file of fanoutFiles) await writeFile(file, (await readFile(file, 'utf8')).replace(/^title: .*$/m, `title: "${title}"`));
        await sleep(deadline - performance.now());
        const now = hub.figures();
        return { ...now, pings: now.pings - before.pings, failed: now.failed - before.failed, backlog: await websubBacklog(server.baseUrl), edited: fanoutFiles.length };
      },
      (result) => `${result.edited} posts edited, ${result.pings} pings`,
    );
    await monitor.stop();
    const whole = monitor.window(0, Infinity);
    const died = server.child.exited();
    const peak = died ? undefined : memoryMiB(server.child.pid, 'VmHWM');

    const header = ['phase', 's', 'attack', '/healthz p50 / p99 / max ms', '/healthz failed', '/feed.xml p50 / p99 / max ms', 'RSS start / peak / end MiB'];
    process.stdout.write(`${formatTable(header, phases.map(phaseRow))}\n\n`);
    process.stdout.write(`${formatTable(['figure', 'value'], detailRows(startup, flood, cache, slow, fanout))}\n\n`);
    const rss = whole.rss.map((sample) => sample.mib);
    process.stdout.write(`Herald RSS over the run: start ${fixed(rss[0])} MiB, peak ${fixed(Math.max(...rss))} MiB (VmHWM ${fixed(peak)}), end ${fixed(rss.at(-1))} MiB; ${feeds.length} feed URLs; ${loadAverage()}\n`);
    const healthzFailed = whole.healthz.filter((probe) => !probe.ok).length;
    if (died) process.stdout.write(`\nHerald exited during the run; its last output:\n${server.child.output().slice(-3000)}\n`);
    const failed = died || healthzFailed > 0;
    process.stdout.write(`\n${failed ? 'FAIL' : 'PASS'}: Herald ${died ? 'died' : 'ran throughout'}, ${healthzFailed} of ${whole.healthz.length} /healthz probes failed or timed out (10 s)\n`);
    return failed ? 1 : 0;
  } finally {
    await monitor?.stop();
    await herald?.stop();
    await hub.close();
  }
}
