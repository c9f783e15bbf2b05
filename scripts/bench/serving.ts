import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { get, type RawResponse } from '../lib/http-get.js';
import { ROOT, startReadyHerald } from '../lib/herald.js';
import { cpuMs } from '../lib/proc.js';
import { startChild, type Child } from '../lib/processes.js';
import { median } from '../lib/table.js';
import type { BareData, BareVariant } from './bare-server.js';
import { cannon, type CannonFigures } from './cannon.js';

const BARE_SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bare-server.ts');
const READER = 'NetNewsWire (RSS Reader; https://netnewswire.com/)';
// Headers that belong to the connection or the moment, not to the feed.
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

export interface ServingOptions {
  readonly postsDir: string;
  readonly rounds: number;
  readonly seconds: number;
  readonly connections: number;
  readonly log: (line: string) => void;
}

/** Medians of req/s, p99 latency (ms) and server CPU per request (µs); sums of errors and unexpected statuses. */
export interface ServerFigures {
  readonly rps: number;
  readonly p99: number;
  readonly cpuUsPerRequest?: number;
  readonly errors: number;
  readonly unexpected: number;
}

/** Median figures of one case on one server across the rounds. */
export interface ServingRow {
  readonly name: string;
  /** Herald as it runs by default: every poll counted in its stats. */
  readonly herald: ServerFigures;
  /** Herald with `STATS_ENABLED=false`: its serving cost before the stats existed. */
  readonly statsOff: ServerFigures;
  readonly bare: ServerFigures;
  /** Differences between Herald's and the bare server's answers, if any (they should be none). */
  readonly notes: readonly string[];
}

function feedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !PER_RESPONSE.has(name)) kept[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
}

async function variantOf(url: string, acceptEncoding: Record<string, string>): Promise<BareVariant> {
  const full = await get(url, acceptEncoding);
  const etag = full.headers.etag;
  if (full.status !== 200 || !etag) throw new Error(`Herald answered ${full.status} without ETag for ${url}`);
  const notModified = await get(url, { ...acceptEncoding, 'if-none-match': etag });
  if (notModified.status !== 304) throw new Error(`Herald answered ${notModified.status}, not 304, to If-None-Match ${etag}`);
  return { etag, headers200: feedHeaders(full.headers), headers304: feedHeaders(notModified.headers), body: full.body.toString('base64') };
}

async function startBare(data: BareData): Promise<{ child: Child; url: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'herald-bare-'));
  const file = path.join(dir, 'feed.json');
  await writeFile(file, JSON.stringify(data));
  const child = startChild(process.execPath, ['--import', 'tsx', BARE_SERVER, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const timeout = AbortSignal.timeout(30_000);
  try {
    const [message] = (await once(child.process, 'message', { signal: timeout })) as [{ port: number }];
    return { child, url: `http://127.0.0.1:${message.port}/feed.xml`, cleanup: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await child.stop();
    await rm(dir, { recursive: true, force: true });
    throw new Error(`the bare server did not start: ${(error as Error).message}\n${child.output()}`);
  }
}

function differences(a: RawResponse, b: RawResponse): string[] {
  const notes: string[] = [];
  if (a.status !== b.status) notes.push(`status ${a.status} vs ${b.status}`);
  if (!a.body.equals(b.body)) notes.push('bodies differ');
  const ha = feedHeaders(a.headers);
  const hb = feedHeaders(b.headers);
  for (const name of new Set([...Object.keys(ha), ...Object.keys(hb)])) if (ha[name] !== hb[name]) notes.push(`header ${name}: ${ha[name]} vs ${hb[name]}`);
  return notes;
}

const SERVERS = ['herald', 'statsOff', 'bare'] as const;
type Server = (typeof SERVERS)[number];
type Measured = CannonFigures & { cpuUs?: number };

function summary(list: readonly Measured[]): ServerFigures {
  return {
    rps: median(list.map((f) => f.rps)) ?? 0,
    ...(list.length > 0 && list.every((f) => f.cpuUs !== undefined) ? { cpuUsPerRequest: median(list.map((f) => f.cpuUs!)) } : {}),
    p99: median(list.map((f) => f.p99)) ?? 0,
    errors: list.reduce((sum, f) => sum + f.errors, 0),
    unexpected: list.reduce((sum, f) => sum + f.unexpected, 0),
  };
}

async function measureOnce(server: Server, url: string, pid: number, c: Case, options: ServingOptions): Promise<Measured> {
  const cpuBefore = cpuMs(pid);
  const measured = await cannon({ url, headers: c.headers(server), seconds: options.seconds, connections: options.connections, expectStatus: c.expectStatus });
  const cpuAfter = cpuMs(pid);
  const cpuUs = cpuBefore === undefined || cpuAfter === undefined ? undefined : ((cpuAfter - cpuBefore) * 1000) / Math.max(1, measured.requests);
  return { ...measured, ...(cpuUs === undefined ? {} : { cpuUs }) };
}

interface Case {
  readonly name: string;
  /** The request headers for `server`: each Herald has its own public URL, so its own bytes and ETag. */
  readonly headers: (server: Server) => Record<string, string>;
  readonly expectStatus: number;
}

/**
 * Herald's /feed.xml (stats on, as by default, and off, as before they existed) against a bare node:http
 * server holding the same bytes and headers: a plain 200, a gzip 200 and a 304, each measured on the
 * three servers in turn (the order rotates each round) for `rounds` rounds of `seconds`.
 */
export async function measureServing(options: ServingOptions): Promise<ServingRow[]> {
  const env = { ITEMS_PER_FEED: '50', LOG_LEVEL: 'warn' };
  const herald = await startReadyHerald(options.postsDir, { ...env, STATS_ENABLED: 'true' });
  const statsOff = await startReadyHerald(options.postsDir, { ...env, STATS_ENABLED: 'false' }).catch(async (error: unknown) => {
    await herald.stop();
    throw error;
  });
  let bare: Awaited<ReturnType<typeof startBare>> | undefined;
  try {
    const heraldUrl = `${herald.baseUrl}/feed.xml`;
    const data: BareData = { identity: await variantOf(heraldUrl, {}), gzip: await variantOf(heraldUrl, { 'accept-encoding': 'gzip' }) };
    bare = await startBare(data);
    // Every request names a feed reader, as real polls do: Herald counts it in its stats.
    const reader = { 'user-agent': READER };
    // The bare server answers Herald's bytes, so Herald's ETag; the second Herald has its own.
    const etags: Record<Server, string> = { herald: data.identity.etag, bare: data.identity.etag, statsOff: (await variantOf(`${statsOff.baseUrl}/feed.xml`, {})).etag };
    const cases: readonly Case[] = [
      { name: '200 identity', headers: () => ({ ...reader }), expectStatus: 200 },
      { name: '200 gzip', headers: () => ({ ...reader, 'accept-encoding': 'gzip' }), expectStatus: 200 },
      { name: '304 If-None-Match', headers: (server) => ({ ...reader, 'if-none-match': etags[server] }), expectStatus: 304 },
    ];
    options.log(`serving: /feed.xml is ${Buffer.from(data.identity.body, 'base64').length} bytes, gzip ${Buffer.from(data.gzip.body, 'base64').length}`);
    const urls: Record<Server, string> = { herald: heraldUrl, statsOff: `${statsOff.baseUrl}/feed.xml`, bare: bare.url };
    const pids: Record<Server, number> = { herald: herald.child.pid, statsOff: statsOff.child.pid, bare: bare.child.pid };
    const runs = new Map<string, Measured[]>();
    const notes = new Map<string, string[]>();
    for (const c of cases) {
      notes.set(c.name, differences(await get(heraldUrl, c.headers('herald')), await get(bare.url, c.headers('bare'))));
      for (const server of SERVERS) await cannon({ url: urls[server], headers: c.headers(server), seconds: 1, connections: options.connections, expectStatus: c.expectStatus });
    }
    for (let round = 0; round < options.rounds; round++) {
      for (const c of cases) {
        for (let turn = 0; turn < SERVERS.length; turn++) {
          const server = SERVERS[(round + turn) % SERVERS.length]!;
          const figures = await measureOnce(server, urls[server], pids[server], c, options);
          runs.set(`${c.name} ${server}`, [...(runs.get(`${c.name} ${server}`) ?? []), figures]);
          options.log(`serving: round ${round + 1}/${options.rounds} ${c.name} ${server}: ${Math.round(figures.rps)} req/s, p99 ${figures.p99} ms, ${figures.cpuUs?.toFixed(0) ?? '?'} µs CPU/request`);
        }
      }
    }
    const of = (c: Case, server: Server) => summary(runs.get(`${c.name} ${server}`) ?? []);
    return cases.map((c) => ({ name: c.name, herald: of(c, 'herald'), statsOff: of(c, 'statsOff'), bare: of(c, 'bare'), notes: notes.get(c.name) ?? [] }));
  } finally {
    await bare?.child.stop();
    await bare?.cleanup();
    await statsOff.stop();
    await herald.stop();
  }
}
