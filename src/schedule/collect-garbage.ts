import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// The collector once found; null when this Node gives none (then a run ends without a collection).
let collect: (() => void) | null | undefined;

/**
 * A full garbage collection of this thread's heap, now, and how long it took (ms); undefined when this
 * Node does not give one. V8 gives the heap's empty pages back after one; left to itself after a burst of
 * work it may keep them committed for long. `--expose-gc` set at run time (`v8.setFlagsFromString`) puts a
 * `gc` global in contexts made afterwards, here one made for it (and in workers started later, where
 * nothing calls it).
 */
export function collectGarbage(): number | undefined {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const found: unknown = runInNewContext('typeof gc === "function" ? gc : null');
      collect = typeof found === 'function' ? (found as () => void) : null;
    } catch {
      collect = null;
    }
  }
  if (!collect) return undefined;
  const started = performance.now();
  collect();
  return performance.now() - started;
}

/** When a collection waits for this thread to be quiet, and what it tells when it has run. */
export interface QuietCollection {
  /** How long the event loop must have been all but idle (under 5 % busy in each look). */
  readonly quietMs: number;
  /** How often it looks. */
  readonly everyMs: number;
  /** After this long without such a stretch it gives up (the thread stayed busy: serving keeps its heap in use). */
  readonly giveUpMs: number;
  /** Called with the collection's ms once it has run. */
  readonly onCollect?: (ms: number) => void;
}

const QUIET_DEFAULTS: QuietCollection = { quietMs: 6_000, everyMs: 1_000, giveUpMs: 600_000 };

/**
 * One more full collection once this thread has been quiet for `quietMs`; returns a function that cancels
 * it. A collection made while the thread is still allocating leaves V8's young generation at its largest
 * (32 MiB in Node 20) and the old space as large as the burst made it; one made after five seconds or so
 * of little allocation shrinks both, as V8's memory reducer would, but at a known time: after a
 * self-validation run at 10,000 posts the reducer came 9 s, 15-20 s, or more than 30 s after the run's
 * end (docs/performance.md). While requests keep the thread busy, nothing runs: that heap is in use.
 */
export function collectWhenQuiet(options: Partial<QuietCollection> = {}): () => void {
  const { quietMs, everyMs, giveUpMs, onCollect } = { ...QUIET_DEFAULTS, ...options };
  const started = performance.now();
  let last = performance.eventLoopUtilization();
  let quietSince = started;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    const at = performance.now();
    if (busy >= 0.05) quietSince = at;
    if (at - quietSince >= quietMs) {
      clearInterval(timer);
      const ms = collectGarbage();
      if (ms !== undefined) onCollect?.(ms);
    } else if (at - started >= giveUpMs) clearInterval(timer);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
