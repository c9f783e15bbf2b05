import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/**
 * A full garbage collection of this thread's heap, now, and how long it took (ms). V8 gives the heap's
 * empty pages back after one; left to itself after a burst of work it may keep them committed for long.
 * `--expose-gc` set at run time (`v8.setFlagsFromString`) puts a `gc` global in contexts made afterwards,
 * here one made for it (and in workers started later, where nothing calls it).
 */
export function collectGarbage(): number {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  const started = performance.now();
  collect();
  return performance.now() - started;
}
