import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { get } from '../lib/http-get.js';
import { startReadyHerald, type HeraldServer } from '../lib/herald.js';
import { cpuMs, memoryMiB } from '../lib/proc.js';
import { cannon, cannonUntilStopped } from './cannon.js';

/** One self-validation run measured from outside; every figure is optional because the report's shape is not fixed. */
export interface ValidationFigures {
  /** Why nothing was measured, when nothing was. */
  readonly absent?: string;
  /** The run's duration as the report states it, else the wall time from trigger to new report. */
  readonly runMs?: number;
  readonly runMsSource?: 'report' | 'observed';
  /** Herald's CPU time (user + system) while the run went on, with no other load. */
  readonly cpuMs?: number;
  readonly p99IdleMs?: number;
  readonly p99DuringMs?: number;
  readonly maxDuringMs?: number;
  readonly trigger?: 'POST /validation' | 'schedule';
  /** Resident set (VmRSS) right after the first run, and the peak (VmHWM) so far. */
  readonly rssAfterMiB?: number;
  readonly peakRssMiB?: number;
}

const WAIT_MS = 75_000;
// Runs at :00 and :30, leaving a quiet half-minute after each run for the baseline.
const SCHEDULE = '*/30 * * * * *';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The report's run stamp: a "…At"/"…Time" value naming when the run happened, else a hash of the stable fields. */
export function runStamp(report: Json): string {
  const stamps: string[] = [];
  const stable = (node: Json, key = ''): Json => {
    if (Array.isArray(node)) return node.map((item) => stable(item));
    if (node === null || typeof node !== 'object') {
      if (/(finish|complet|end|check|ran|run|validat|generat|start)\w*(at|time|stamp)$/i.test(key) && node !== null) stamps.push(String(node));
      return node;
    }
    const entries = Object.entries(node).filter(([k]) => !/^(now|age|uptime|next\w*)$/i.test(k));
    return Object.fromEntries(entries.map(([k, v]) => [k, stable(v, k)]));
  };
  const rest = stable(report);
  return stamps.length ? stamps.join(' ') : createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}

/** The first numeric duration-like field of the report, in ms. */
export function reportedDurationMs(report: Json): number | undefined {
  if (Array.isArray(report)) return report.map(reportedDurationMs).find((v) => v !== undefined);
  if (report === null || typeof report !== 'object') return undefined;
  for (const [key, value] of Object.entries(report)) {
    if (typeof value === 'number' && /(duration|elapsed|took|runtime)/i.test(key)) return /(sec|seconds|_s)$/i.test(key) ? value * 1000 : value;
  }
  return Object.values(report).map(reportedDurationMs).find((v) => v !== undefined);
}

async function report(herald: HeraldServer): Promise<{ status: number; json?: Json; text: string }> {
  const response = await get(`${herald.baseUrl}/validation`, { accept: 'application/json' });
  const text = response.body.toString('utf8');
  try {
    return { status: response.status, json: JSON.parse(text) as Json, text };
  } catch {
    return { status: response.status, text };
  }
}

function post(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent: false, timeout: 10_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

/** Asks for a run (POST /validation) or leaves it to the schedule; resolves with the new report, or undefined after WAIT_MS. */
async function oneRun(herald: HeraldServer, before: string): Promise<{ json: Json; ms: number; trigger: ValidationFigures['trigger'] } | undefined> {
  const started = performance.now();
  const status = await post(`${herald.baseUrl}/validation`);
  const trigger = status >= 200 && status < 300 ? 'POST /validation' : 'schedule';
  while (performance.now() - started < WAIT_MS && !herald.child.exited()) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = await report(herald).catch(() => undefined);
    if (now?.json !== undefined && now.status !== 404 && runStamp(now.json) !== before) return { json: now.json, ms: performance.now() - started, trigger };
  }
  return undefined;
}

/** One self-validation run on `postsDir`: its time, Herald's CPU for it, and /feed.xml p99 while it runs. */
export async function measureValidation(postsDir: string, seconds: number, log: (line: string) => void): Promise<ValidationFigures> {
  const herald = await startReadyHerald(postsDir, { ITEMS_PER_FEED: '50', LOG_LEVEL: 'warn', VALIDATION_ENABLED: 'true', VALIDATION_SCHEDULE: SCHEDULE });
  try {
    const first = await report(herald);
    if (first.status === 404 && first.text.includes('nothing at')) return { absent: 'no /validation endpoint' };
    const stampOf = (r: typeof first) => (r.json === undefined || r.status === 404 ? '' : runStamp(r.json));
    const cpuBefore = cpuMs(herald.child.pid);
    const run = await oneRun(herald, stampOf(first));
    const cpuAfter = cpuMs(herald.child.pid);
    const rssAfter = memoryMiB(herald.child.pid, 'VmRSS');
    const peak = memoryMiB(herald.child.pid, 'VmHWM');
    if (!run) return { absent: `no new report within ${WAIT_MS / 1000} s` };
    const stated = reportedDurationMs(run.json);
    log(`validation: run seen after ${Math.round(run.ms)} ms (${run.trigger}); report says ${stated ?? '?'} ms`);
    const url = `${herald.baseUrl}/feed.xml`;
    const idle = await cannon({ url, seconds, connections: 10, expectStatus: 200 });
    const load = cannonUntilStopped({ url, connections: 10, expectStatus: 200, maxSeconds: WAIT_MS / 1000 });
    const during = await oneRun(herald, runStamp(run.json));
    const busy = await load.stop();
    return {
      runMs: stated ?? (run.trigger === 'POST /validation' ? run.ms : undefined),
      runMsSource: stated !== undefined ? 'report' : 'observed',
      ...(cpuBefore !== undefined && cpuAfter !== undefined ? { cpuMs: cpuAfter - cpuBefore } : {}),
      p99IdleMs: idle.p99,
      ...(during ? { p99DuringMs: busy.p99, maxDuringMs: busy.max } : {}),
      trigger: run.trigger,
      ...(rssAfter === undefined ? {} : { rssAfterMiB: rssAfter }),
      ...(peak === undefined ? {} : { peakRssMiB: peak }),
    };
  } finally {
    await herald.stop();
  }
}
