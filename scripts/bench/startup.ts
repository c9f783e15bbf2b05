import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { heraldPlace, loadMsFromLog, startHerald, type HeraldPlace } from '../lib/herald.js';
import { memoryMiB } from '../lib/proc.js';
import { median } from '../lib/table.js';

/** Medians over the runs of one posts folder's start-up. */
export interface StartupFigures {
  /** Spawn until GET /feed.xml first answers 200. */
  readonly firstFeedMs?: number;
  /** Herald's own "posts loaded" ms, from its log. */
  readonly loadMs?: number;
  /** VmHWM read right after the first 200. */
  readonly peakRssMiB?: number;
  /** The same, on a restart with the data folder (DATA_DIR) the first start left: an unchanged index. */
  readonly restartFirstFeedMs?: number;
  readonly restartPeakRssMiB?: number;
  /** Spawn until every document is served on a restart (GET /feeds.opml, not among the saved first pages). */
  readonly restartAllMs?: number;
  /** Herald's own "posts loaded" ms on the restart. */
  readonly restartLoadMs?: number;
  readonly failures: number;
}

interface Run {
  readonly ms: number;
  /** Spawn until GET /feeds.opml answers 200 (after the first feed). */
  readonly allMs?: number;
  readonly rssMiB?: number;
  readonly loadMs?: number;
}

// One start on `postsDir` with DATA_DIR=`dataDir`, until the first feed; undefined when it does not come.
async function startOnce(postsDir: string, dataDir: string, place: HeraldPlace, label: string, log: (line: string) => void): Promise<Run | undefined> {
  const herald = await startHerald(postsDir, { ITEMS_PER_FEED: '50', DATA_DIR: dataDir }, [], place);
  try {
    const ms = await herald.waitForFeed(180_000);
    const all = ms === undefined ? undefined : await herald.waitFor('/feeds.opml', 180_000);
    // Once every document is served: a restart serves its first feed before its load is over.
    const rss = memoryMiB(herald.child.pid, 'VmHWM');
    if (ms === undefined) {
      log(`start-up: ${label} failed:\n${herald.child.output().slice(-2000)}`);
      return undefined;
    }
    const loaded = loadMsFromLog(herald.child.output());
    log(`start-up: ${label}: first feed after ${Math.round(ms)} ms, posts loaded in ${loaded ?? '?'} ms, peak RSS ${rss?.toFixed(0) ?? '?'} MiB`);
    return { ms, ...(all === undefined ? {} : { allMs: all }), ...(rss === undefined ? {} : { rssMiB: rss }), ...(loaded === undefined ? {} : { loadMs: loaded }) };
  } finally {
    await herald.stop();
  }
}

/**
 * Starts Herald `runs` times on `postsDir`, each time with a new data folder and then once more on the
 * folder that start left (a restart with an unchanged index), timing spawn → first feed and reading peak RSS.
 */
export async function measureStartup(postsDir: string, runs: number, log: (line: string) => void): Promise<StartupFigures> {
  const cold: Run[] = [];
  const warm: Run[] = [];
  let failures = 0;
  for (let run = 0; run < runs; run++) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'herald-bench-data-'));
    // The restart is on the same config, static folder and port, as a deployment's is.
    const place = await heraldPlace();
    try {
      const first = await startOnce(postsDir, dataDir, place, `run ${run + 1}/${runs}`, log);
      const again = first && (await startOnce(postsDir, dataDir, place, `restart ${run + 1}/${runs}`, log));
      if (first) cold.push(first);
      if (again) warm.push(again);
      if (!first || !again) failures++;
    } finally {
      await rm(dataDir, { recursive: true, force: true });
      await rm(place.dir, { recursive: true, force: true });
    }
  }
  const figures = {
    firstFeedMs: median(cold.map((r) => r.ms)),
    loadMs: median(cold.flatMap((r) => (r.loadMs === undefined ? [] : [r.loadMs]))),
    peakRssMiB: median(cold.flatMap((r) => (r.rssMiB === undefined ? [] : [r.rssMiB]))),
    restartFirstFeedMs: median(warm.map((r) => r.ms)),
    restartPeakRssMiB: median(warm.flatMap((r) => (r.rssMiB === undefined ? [] : [r.rssMiB]))),
    restartAllMs: median(warm.flatMap((r) => (r.allMs === undefined ? [] : [r.allMs]))),
    restartLoadMs: median(warm.flatMap((r) => (r.loadMs === undefined ? [] : [r.loadMs]))),
  };
  return { ...Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined)), failures };
}
