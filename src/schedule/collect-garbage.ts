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
