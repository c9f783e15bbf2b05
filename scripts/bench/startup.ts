import { loadMsFromLog, startHerald } from '../lib/herald.js';
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
  readonly failures: number;
}

/** Starts Herald `runs` times on `postsDir`, each time timing spawn → first feed and reading peak RSS. */
export async function measureStartup(postsDir: string, runs: number, log: (line: string) => void): Promise<StartupFigures> {
  const first: number[] = [];
  const load: number[] = [];
  const peak: number[] = [];
  let failures = 0;
  for (let run = 0; run < runs; run++) {
    const herald = await startHerald(postsDir, { ITEMS_PER_FEED: '50' });
    try {
      const ms = await herald.waitForFeed(180_000);
      const rss = memoryMiB(herald.child.pid, 'VmHWM');
      if (ms === undefined) {
        failures++;
        log(`start-up: run ${run + 1} failed:\n${herald.child.output().slice(-2000)}`);
        continue;
      }
      first.push(ms);
      if (rss !== undefined) peak.push(rss);
      const loaded = loadMsFromLog(herald.child.output());
      if (loaded !== undefined) load.push(loaded);
      log(`start-up: run ${run + 1}/${runs}: first feed after ${Math.round(ms)} ms, posts loaded in ${loaded ?? '?'} ms, peak RSS ${rss?.toFixed(0) ?? '?'} MiB`);
    } finally {
      await herald.stop();
    }
  }
  const figures = { firstFeedMs: median(first), loadMs: median(load), peakRssMiB: median(peak) };
  return { ...Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined)), failures };
}
