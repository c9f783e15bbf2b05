// `npm run bench [-- --quick] [--posts N] [--only serving,cost,...]`: Herald's serving, start-up, change and validation figures as tables.
// It prints figures; nothing here passes or fails on a number.
import { parseArgs } from 'node:util';
import { measureChange } from './bench/change.js';
import { COST_PER_ROUND, COST_ROUNDS, measureHandlerCost } from './bench/handler-cost.js';
import { measureServing, type ServingRow } from './bench/serving.js';
import { measureStartup, type StartupFigures } from './bench/startup.js';
import { measureHostileBodies } from './bench/hostile-bodies.js';
import { measureValidation, type ValidationFigures } from './bench/validation.js';
import { measureColdRun, type ColdRunFigures } from './bench/cold-run.js';
import { describeMachine, loadAverage } from './lib/machine.js';
import { cachedPosts } from './lib/posts-cache.js';
import { fixed, formatTable } from './lib/table.js';

const SECTIONS = ['serving', 'cost', 'startup', 'change', 'validation', 'coldrun', 'hostile'] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    seconds: { type: 'string' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    posts: { type: 'string' },
  },
});
const quick = values.quick;
// --posts N: start-up, change and validation at N posts (one start and one restart), in place of 1,000 and 10,000.
const posts = values.posts === undefined ? undefined : Number(values.posts);
if (posts !== undefined && !(Number.isInteger(posts) && posts > 0)) {
  process.stderr.write(`--posts wants a whole number of posts, not ${JSON.stringify(values.posts)}\n`);
  process.exit(2);
}
const settings = {
  rounds: Number(values.rounds ?? (quick ? 1 : 3)),
  seconds: Number(values.seconds ?? (quick ? 2 : 5)),
  connections: Number(values.connections),
  servingPosts: 60,
  startupCounts: posts ? [posts] : quick ? [1000] : [1000, 10_000],
  startupRuns: quick || posts ? 1 : 3,
  bigCount: posts ?? (quick ? 1000 : 10_000),
};
const only = new Set((values.only?.split(',') ?? SECTIONS).filter((s): s is Section => (SECTIONS as readonly string[]).includes(s)));
const log = (line: string) => {
  if (values.verbose) process.stderr.write(`  ${line}\n`);
};
const out = (text = '') => process.stdout.write(`${text}\n`);

function servingTable(rows: readonly ServingRow[]): string {
  const body = rows.map((row) => [
    row.name,
    fixed(row.herald.rps),
    fixed(row.statsOff.rps),
    fixed(row.bare.rps),
    fixed(row.herald.rps / row.bare.rps, 2),
    fixed(row.herald.p99),
    fixed(row.statsOff.p99),
    fixed(row.bare.p99),
    fixed(row.herald.cpuUsPerRequest, 1),
    fixed(row.statsOff.cpuUsPerRequest, 1),
    fixed(row.bare.cpuUsPerRequest, 1),
    fixed((row.herald.cpuUsPerRequest ?? NaN) / (row.statsOff.cpuUsPerRequest ?? NaN), 3),
    fixed((row.bare.cpuUsPerRequest ?? NaN) / (row.herald.cpuUsPerRequest ?? NaN), 2),
    `${row.herald.errors + row.herald.unexpected}/${row.statsOff.errors + row.statsOff.unexpected}/${row.bare.errors + row.bare.unexpected}`,
  ]);
  return formatTable(
    ['case', 'Herald req/s', 'stats off req/s', 'bare req/s', 'Herald/bare', 'Herald p99 ms', 'off p99 ms', 'bare p99 ms', 'Herald CPU µs/req', 'off CPU µs/req', 'bare CPU µs/req', 'CPU on/off', 'CPU bare/Herald', 'errors H/off/b'],
    body,
  );
}

function startupTable(rows: ReadonlyArray<{ count: number; figures: StartupFigures }>): string {
  const body = rows.map(({ count, figures }) => [
    String(count),
    fixed(figures.firstFeedMs),
    fixed(figures.loadMs),
    fixed(figures.peakRssMiB),
    fixed(figures.restartFirstFeedMs),
    fixed(figures.restartPeakRssMiB),
    fixed(figures.restartAllMs),
    fixed(figures.restartLoadMs),
    String(figures.failures),
  ]);
  return formatTable(['posts', 'spawn → first feed ms', 'posts loaded ms (Herald log)', 'peak RSS MiB', 'restart → first feed ms', 'restart peak RSS MiB', 'restart → every feed ms', 'restart posts loaded ms', 'failed'], body);
}

function validationLines(v: ValidationFigures): string {
  if (v.absent) return `n/a (${v.absent})`;
  return formatTable(
    ['figure', 'value'],
    [
      [`run time ms (${v.runMsSource === 'report' ? 'from the report' : 'observed'})`, fixed(v.runMs)],
      ['Herald CPU ms during the run', fixed(v.cpuMs)],
      ['/feed.xml p99 ms, no run', fixed(v.p99IdleMs)],
      ['/feed.xml p99 ms, during a run', fixed(v.p99DuringMs)],
      ['/feed.xml max ms, during a run', fixed(v.maxDuringMs)],
      ['run started by', v.trigger ?? 'n/a'],
      ['RSS MiB after the first run (VmRSS)', fixed(v.rssAfterMiB)],
      ['peak RSS MiB by then (VmHWM)', fixed(v.peakRssMiB)],
    ],
  );
}

function coldRunLines(v: ColdRunFigures): string {
  if (v.absent) return `n/a (${v.absent})`;
  const cost = v.cost ?? {};
  const num = (key: string) => (typeof cost[key] === 'number' ? (cost[key] as number) : undefined);
  return formatTable(
    ['figure', 'value'],
    [
      ['RSS MiB when the first feed answered (run begun)', fixed(v.rssBeforeMiB)],
      ['RSS MiB 3 s after the run', fixed(v.rssAfterMiB)],
      ['RSS growth MiB', fixed((v.rssAfterMiB ?? NaN) - (v.rssBeforeMiB ?? NaN))],
      ['RSS MiB 10 s after the run (after the 5 s below)', fixed(v.rssLaterMiB)],
      ['RSS growth MiB at 10 s', fixed((v.rssLaterMiB ?? NaN) - (v.rssBeforeMiB ?? NaN))],
      ['RSS MiB 30 s after the run (quiet since 10 s)', fixed(v.rssSettledMiB)],
      ['RSS growth MiB at 30 s', fixed((v.rssSettledMiB ?? NaN) - (v.rssBeforeMiB ?? NaN))],
      ['/feed.xml p99 ms during the cold run', fixed(v.p99DuringMs)],
      ['/feed.xml p99 ms after the run (same load, 5 s)', fixed(v.p99AfterMs)],
      ['/feed.xml max ms during the cold run', fixed(v.maxDuringMs)],
      ['requests served during the run', String(v.requestsDuring ?? 'n/a')],
      ['report read: the run started by', v.trigger ?? 'n/a'],
      ['run time ms (report)', fixed(v.runMs)],
      ['process CPU ms during the run (report, all threads)', fixed(num('cpuMs'))],
      ['main-thread ms (report)', fixed(num('mainThreadMs'))],
      [`check ms (report, ${String(cost.where ?? '?')})`, fixed(num('checkMs'))],
      ['documents read / checked', `${num('documents') ?? '?'} / ${num('checked') ?? '?'}`],
      ['bytes checked', String(num('bytes') ?? 'n/a')],
    ],
  );
}

async function section(name: Section, title: string, body: () => Promise<string>): Promise<void> {
  if (!only.has(name)) return;
  out(title);
  const started = performance.now();
  try {
    out(await body());
  } catch (error) {
    out(`error: ${(error as Error).message}`);
    process.exitCode = 1;
  }
  log(`${name} took ${Math.round((performance.now() - started) / 1000)} s`);
  out();
}

out(`Herald benchmark${quick ? ' (--quick)' : ''} on ${describeMachine()}`);
out(`before: ${loadAverage()}`);
out();
await section(
  'serving',
  `Serving /feed.xml (${settings.servingPosts} posts, ITEMS_PER_FEED=50, polls as a feed reader): Herald, Herald with STATS_ENABLED=false and a bare server, ${settings.connections} connections, ${settings.rounds} round(s) × ${settings.seconds} s per case per server, medians`,
  async () => {
    const { dir } = await cachedPosts(settings.servingPosts);
    const rows = await measureServing({ postsDir: dir, rounds: settings.rounds, seconds: settings.seconds, connections: settings.connections, log });
    const notes = rows.flatMap((row) => row.notes.map((note) => `note: ${row.name}: Herald and bare answers differ: ${note}`));
    return [servingTable(rows), ...notes].join('\n');
  },
);
await section(
  'cost',
  `Cost of counting: Herald's handler called in this process on a 304 of /feed.xml (${settings.servingPosts} posts), stats on and off, CPU per request, median of ${COST_ROUNDS} alternating rounds of ${COST_PER_ROUND.toLocaleString('en')}`,
  async () => {
    const { dir } = await cachedPosts(settings.servingPosts);
    const rows = await measureHandlerCost(dir);
    return formatTable(
      ['case', 'stats on ns/req', 'stats off ns/req', 'counting adds ns/req'],
      rows.map((row) => [row.name, fixed(row.onNs), fixed(row.offNs), fixed(row.onNs - row.offNs)]),
    );
  },
);
await section('startup', `Start-up: spawn of node dist/main.js until GET /feed.xml answers 200, then a restart on the data folder, config and port it left (median of ${settings.startupRuns})`, async () => {
  const rows = [];
  for (const count of settings.startupCounts) {
    const { dir } = await cachedPosts(count);
    rows.push({ count, figures: await measureStartup(dir, settings.startupRuns, log) });
  }
  return startupTable(rows);
});
await section('change', `Change: one post's title rewritten on disk until /feed.xml shows it (${settings.bigCount} posts)`, async () => {
  const ms = await measureChange(settings.bigCount, quick ? 1 : 3, log);
  return ms === undefined ? 'n/a (no watcher: the change did not show within 10 s)' : `${fixed(ms)} ms (median)`;
});
await section('validation', `Validation: one self-validation run (GET /validation) at ${settings.bigCount} posts`, async () => {
  const { dir } = await cachedPosts(settings.bigCount);
  return validationLines(await measureValidation(dir, settings.seconds, log));
});
await section('coldrun', `Cold run: the start-up self-validation at ${settings.bigCount} posts while /feed.xml is polled (10 connections)`, async () => {
  const { dir } = await cachedPosts(settings.bigCount);
  return coldRunLines(await measureColdRun(dir, log));
});
await section('hostile', 'Hostile bodies: sanitising unclosed nested tags (best of 3)', async () => {
  const rows = measureHostileBodies(quick ? [100, 1024] : [100, 600, 1024], 3);
  return formatTable(['body', 'KiB', 'sanitise ms'], rows.map((row) => [row.name, String(row.kib), fixed(row.ms)]));
});
out(`after: ${loadAverage()}`);
