import { get } from '../lib/http-get.js';
import { startReadyHerald } from '../lib/herald.js';
import { memoryMiB } from '../lib/proc.js';
import { cannon, cannonUntilStopped } from './cannon.js';

/** The start-up run measured from outside: memory before and after it, serving while it runs, and its stated cost. */
export interface ColdRunFigures {
  readonly absent?: string;
  /** VmRSS when the first feed answered (the start-up run has just begun) and 3 s after the run's report appeared. */
  readonly rssBeforeMiB?: number;
  readonly rssAfterMiB?: number;
  /** RSS 10 s after the report, once the ended workers' memory has gone and the after-load has run. */
  readonly rssLaterMiB?: number;
  /**
   * RSS 30 s after the report, without load since the 10 s reading: what the run leaves behind once the
   * server has been quiet a while (Herald collects again then, and V8's own memory reducer may have run).
   */
  readonly rssSettledMiB?: number;
  readonly p99DuringMs?: number;
  readonly maxDuringMs?: number;
  /** /feed.xml p99 under the same load once the run is over and RSS has been read: the figure to compare with. */
  readonly p99AfterMs?: number;
  readonly requestsDuring?: number;
  /** `cost` of the report: CPU ms, main-thread ms, checker ms, documents, bytes. */
  readonly cost?: Record<string, number | string>;
  readonly runMs?: number;
  /**
   * What started the run whose report was read: `start` for the start-up run. `change` means a load
   * during the start-up run (the rescan every `watch.rescanSeconds`, 300 s by default, when the run takes
   * longer) asked for one more run right after it, whose report replaced the start-up run's: the cost is
   * that run's, while RSS and p99 still span the start-up run.
   */
  readonly trigger?: string;
}

const WAIT_MS = 1_200_000;
const AFTER_SECONDS = 5;
const SETTLED_MS = 30_000;

/** Starts Herald on `postsDir` with self-validation on and polls /feed.xml until the start-up run's report is out. */
export async function measureColdRun(postsDir: string, log: (line: string) => void): Promise<ColdRunFigures> {
  const herald = await startReadyHerald(postsDir, { ITEMS_PER_FEED: '50', LOG_LEVEL: 'warn', VALIDATION_ENABLED: 'true', VALIDATION_SCHEDULE: '0 0 1 1 *' });
  try {
    const pid = herald.child.pid;
    const rssBeforeMiB = memoryMiB(pid, 'VmRSS');
    const load = cannonUntilStopped({ url: `${herald.baseUrl}/feed.xml`, connections: 10, expectStatus: 200, maxSeconds: WAIT_MS / 1000 });
    const started = performance.now();
    let report: { durationMs?: number; cost?: Record<string, number | string>; trigger?: string } | undefined;
    while (!report && performance.now() - started < WAIT_MS && !herald.child.exited()) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const response = await get(`${herald.baseUrl}/validation`, { accept: 'application/json' }).catch(() => undefined);
      if (response?.status === 200) report = JSON.parse(response.body.toString('utf8')) as typeof report;
    }
    const busy = await load.stop();
    if (!report) return { absent: `no report within ${WAIT_MS / 1000} s` };
    const reported = performance.now();
    log(`cold run: report after ${Math.round(reported - started)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const rssAfterMiB = memoryMiB(pid, 'VmRSS');
    const after = await cannon({ url: `${herald.baseUrl}/feed.xml`, connections: 10, expectStatus: 200, seconds: AFTER_SECONDS });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 10_000 - (performance.now() - reported))));
    const rssLaterMiB = memoryMiB(pid, 'VmRSS');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, SETTLED_MS - (performance.now() - reported))));
    const rssSettledMiB = memoryMiB(pid, 'VmRSS');
    return {
      ...(rssBeforeMiB === undefined ? {} : { rssBeforeMiB }),
      ...(rssAfterMiB === undefined ? {} : { rssAfterMiB }),
      ...(rssLaterMiB === undefined ? {} : { rssLaterMiB }),
      ...(rssSettledMiB === undefined ? {} : { rssSettledMiB }),
      p99AfterMs: after.p99,
      p99DuringMs: busy.p99,
      maxDuringMs: busy.max,
      requestsDuring: busy.requests,
      ...(report.cost ? { cost: report.cost } : {}),
      ...(report.durationMs === undefined ? {} : { runMs: report.durationMs }),
      ...(report.trigger === undefined ? {} : { trigger: report.trigger }),
    };
  } finally {
    await herald.stop();
  }
}
