import { existsSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/** What a watcher saw: the file names that changed, or `null` when it cannot tell which. */
export type FolderChange = ReadonlySet<string> | null;

export interface WatchOptions {
  readonly debounceMs: number;
  readonly recursive?: boolean;
  /** How long to wait before watching again after the folder vanished or the watch failed. */
  readonly retryMs?: number;
}

/**
 * Watches a folder and calls `onChange` at most once per `debounceMs` window, with the names that
 * changed. If the folder disappears the watch is re-established when it comes back. Returns a stop
 * function.
 */
export function watchFolder(dir: string, onChange: (change: FolderChange) => void, options: WatchOptions): () => void {
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;
  let names: Set<string> | null = new Set();
  let stopped = false;
  let lost = false;

  const flush = () => {
    timer = undefined;
    const change = names;
    names = new Set();
    onChange(change);
  };
  const note = (name: string | null) => {
    if (name === null) names = null;
    else names?.add(name);
    // One flush per window from the first event, so a steady stream of writes cannot postpone it forever.
    timer ??= setTimeout(flush, options.debounceMs);
  };
  const start = () => {
    retry = undefined;
    if (stopped) return;
    try {
      watcher = watch(dir, { persistent: false, recursive: options.recursive ?? false }, (_event, name) => {
        // Linux reports the watched folder's own removal as a rename of its name, then goes quiet.
        if (name === self && !existsSync(dir)) restart();
        else note(name === null ? null : String(name));
      });
      watcher.on('error', restart);
      if (lost) note(null);
      lost = false;
    } catch {
      restart();
    }
  };
  const restart = () => {
    if (watcher) {
      watcher.close();
      watcher = undefined;
      lost = true;
      note(null);
    }
    if (!stopped && !retry) retry = setTimeout(start, options.retryMs ?? 2000);
  };
  const self = path.basename(dir);
  start();
  return () => {
    stopped = true;
    watcher?.close();
    if (timer) clearTimeout(timer);
    if (retry) clearTimeout(retry);
  };
}
