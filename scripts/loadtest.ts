// `npm run loadtest [-- --duration 30]`: polls Herald's feeds on loopback while posts change under it, and
// checks every body against its ETag. Exits 1 on any error or torn response.
// `npm run loadtest -- --hostile [--duration 10]`: the request-side attacks instead (scripts/loadtest/hostile.ts),
// each for --duration seconds, while /healthz is polled and Herald's memory sampled.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { get } from './lib/http-get.js';
import { startReadyHerald, type HeraldServer } from './lib/herald.js';
import { describeMachine, loadAverage } from './lib/machine.js';
import { copyOfPosts } from './lib/posts-cache.js';
import { Random } from './lib/random.js';
import { fixed, formatTable } from './lib/table.js';
import { runPollers, type PollStats } from './loadtest/pollers.js';
import { runWriter, type WriterStats } from './loadtest/writer.js';
import { runHostile } from './loadtest/hostile.js';
import { countedPolls, expectedSubscribers, identityOf, statsReport } from './loadtest/identities.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string' },
    workers: { type: 'string', default: '8' },
    posts: { type: 'string' },
    'write-interval': { type: 'string', default: '25' },
    seed: { type: 'string', default: '7' },
    hostile: { type: 'boolean', default: false },
    tags: { type: 'string', default: '3000' },
    flooders: { type: 'string', default: '16' },
    slow: { type: 'string', default: '100' },
    'hub-delay': { type: 'string', default: '0' },
    'hub-fail-every': { type: 'string', default: '0' },
  },
});
const hostile = values.hostile;
const durationS = Number(values.duration ?? (hostile ? '10' : '30'));
const workers = Number(values.workers);
const count = Number(values.posts ?? (hostile ? '1000' : '200'));
const writeIntervalMs = Number(values['write-interval']);
const hostileOptions = {
  phaseSeconds: durationS,
  posts: count,
  tags: Number(values.tags),
  flooders: Number(values.flooders),
  slow: Number(values.slow),
  hubDelayMs: Number(values['hub-delay']),
  hubFailEvery: Number(values['hub-fail-every']),
  seed: Number(values.seed),
};
const inRange = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;
const badHostile = hostile && !(inRange(hostileOptions.tags, 0, 100_000) && inRange(hostileOptions.flooders, 1, 256) && inRange(hostileOptions.slow, 0, 2000) && inRange(hostileOptions.hubDelayMs, 0, 60_000) && inRange(hostileOptions.hubFailEvery, 0, 1_000_000));
if (!(durationS > 0 && durationS <= 3600) || !(workers >= 1 && workers <= 256) || !(count >= 10) || !(writeIntervalMs >= 1) || badHostile) {
  process.stderr.write('usage: loadtest [--duration 1..3600 s] [--workers 1..256] [--posts N>=10] [--write-interval ms] [--seed S]\n');
  process.stderr.write('       loadtest --hostile [--duration s per attack] [--posts N] [--tags 0..100000] [--flooders 1..256] [--slow 0..2000] [--hub-delay ms] [--hub-fail-every n]\n');
  process.exit(2);
}

/** The site feed and the first few category and tag feeds named in /feeds.opml, in all three formats. */
async function feedUrls(herald: HeraldServer): Promise<string[]> {
  const opml = (await get(`${herald.baseUrl}/feeds.opml`)).body.toString('utf8');
  const rss = [...opml.matchAll(/xmlUrl="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  const pick = (part: string) => rss.filter((url) => url.includes(part)).slice(0, 4);
  const chosen = [`${herald.baseUrl}/feed.xml`, ...pick('/categories/'), ...pick('/tags/')];
  return chosen.flatMap((url) => [url, url.replace(/feed\.xml$/, 'atom.xml'), url.replace(/feed\.xml$/, 'feed.json')]);
}

function percentile(sorted: readonly number[], p: number): number | undefined {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : undefined;
}

function report(stats: PollStats, writes: WriterStats, urls: readonly string[], seconds: number, heraldDied: boolean, siteUrl: string): string {
  const sorted = [...stats.latenciesMs].sort((a, b) => a - b);
  const count = (test: (status: number) => boolean) => [...stats.statuses].filter(([s]) => test(s)).reduce((sum, [, n]) => sum + n, 0);
  const other = count((s) => !(s >= 200 && s < 300) && s !== 304);
  const rows: string[][] = [
    ['requests', String(stats.requests)],
    ['requests/s', fixed(stats.requests / seconds)],
    ['200 responses', String(count((s) => s === 200))],
    ['304 responses', String(count((s) => s === 304))],
    ['non-2xx/304 responses', String(other)],
    ['errors (network, time-out, 5xx)', String(stats.errors + (heraldDied ? 1 : 0))],
    ['torn (body does not hash to its ETag)', String(stats.torn)],
    ['304 with another ETag than asked', String(stats.wrong304)],
    ['200 that could have been 304', String(stats.missed304)],
    ['latency p50 / p99 / max ms', `${fixed(percentile(sorted, 50), 1)} / ${fixed(percentile(sorted, 99), 1)} / ${fixed(sorted.at(-1), 1)}`],
    ['feeds polled (URLs)', String(urls.length)],
    ['versions of /feed.xml seen', String(stats.versions.get(siteUrl)?.size ?? 0)],
    ['posts edits (retitle/add/delete)', `${writes.retitled}/${writes.added}/${writes.deleted}`],
    ['broken posts (new/removed, existing/repaired)', `${writes.brokeNew}/${writes.removedBroken}, ${writes.brokeExisting}/${writes.repaired}`],
  ];
  return formatTable(['figure', 'value'], rows);
}

async function hostileMain(): Promise<number> {
  process.stdout.write(`Herald hostile load test on ${describeMachine()}\n`);
  const o = hostileOptions;
  process.stdout.write(
    `${durationS} s per attack, ${count} posts + ${o.tags} fan-out tags, ${o.flooders} flood loops, ${o.slow} slow readers + ${o.slow} slowloris, hub delay ${o.hubDelayMs} ms${o.hubFailEvery ? `, every ${o.hubFailEvery}th ping failed` : ''}; ${loadAverage()}\n\n`,
  );
  const dir = await mkdtemp(path.join(tmpdir(), 'herald-hostile-'));
  try {
    return await runHostile(dir, hostileOptions);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  process.stdout.write(`Herald load test on ${describeMachine()}\n`);
  process.stdout.write(`${durationS} s, ${workers} pollers, ${count} posts, an edit every ${writeIntervalMs} ms; ${loadAverage()}\n\n`);
  const dir = await mkdtemp(path.join(tmpdir(), 'herald-loadtest-'));
  let herald: HeraldServer | undefined;
  try {
    const { manifest } = await copyOfPosts(count, path.join(dir, 'posts'));
    // Each poller is a feed reader at an address of its own, told to Herald by X-Forwarded-For.
    herald = await startReadyHerald(path.join(dir, 'posts'), { ITEMS_PER_FEED: '20', LOG_LEVEL: 'warn', STATS_FORWARDED_FOR: 'true' });
    const server = herald;
    const urls = await feedUrls(server);
    const before = await countedPolls(server.baseUrl);
    const started = performance.now();
    const deadline = started + durationS * 1000;
    const [stats, writes] = await Promise.all([
      runPollers(urls, workers, deadline, () => !server.child.exited(), identityOf),
      runWriter(path.join(dir, 'posts'), manifest, new Random(Number(values.seed)), deadline, writeIntervalMs),
    ]);
    const seconds = (performance.now() - started) / 1000;
    const died = server.child.exited();
    process.stdout.write(`${report(stats, writes, urls, seconds, died, urls[0]!)}\n`);
    if (died) process.stdout.write(`\nHerald exited during the run; its last output:\n${server.child.output().slice(-3000)}\n`);
    const counted = died ? undefined : await statsReport(server.baseUrl, urls.length / 3, expectedSubscribers(workers, 3), stats.byReader, before);
    if (counted) process.stdout.write(`\n${counted.table}\n`);
    for (const problem of counted?.problems ?? []) process.stdout.write(`stats: ${problem}\n`);
    if (stats.samples.length) process.stdout.write(`\nfirst problems:\n${stats.samples.map((s) => `  ${s}`).join('\n')}\n`);
    if ((stats.versions.get(urls[0]!)?.size ?? 0) <= 1) {
      process.stdout.write('\nnote: /feed.xml never changed during the run, so Herald did not pick up the edits (no file watcher?)\n');
    }
    const miscounted = counted?.problems.length ?? 0;
    const failed = stats.torn > 0 || stats.errors > 0 || stats.wrong304 > 0 || died || miscounted > 0;
    process.stdout.write(`\n${failed ? 'FAIL' : 'PASS'}: ${stats.errors} errors, ${stats.torn} torn, ${stats.wrong304} wrong 304, ${miscounted} stats miscounted\n`);
    return failed ? 1 : 0;
  } finally {
    await herald?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

process.exitCode = await (hostile ? hostileMain() : main());
