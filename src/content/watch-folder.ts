import { existsSync, lstatSync, readdirSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/** What a watcher saw: the file names that changed, or `null` when it cannot tell which. */
export type FolderChange = ReadonlySet<string> | null;

export interface WatchOptions {
  readonly debounceMs: number;
  readonly recursive?: boolean;
  /** How long to wait before watching again after the folder vanished or the watch failed. */
  readonly retryMs?: number;
  /** Folders (by name) a recursive watch leaves out with what is under them: nothing there is read. */
  readonly skip?: (name: string) => boolean;
}

// The folders under `dir` (relative to it, `dir` itself as ''), symbolic links not followed, `skip`ped ones left out.
// A folder whose link count is 2 has no folder in it (Unix file systems count each one's `..`; those that
// do not say 1), as GNU find assumes: a flat folder of 100,000 posts is not read (0.2 s) to learn it.
function foldersUnder(dir: string, rel: string, skip: (name: string) => boolean): string[] {
  const found = [rel];
  let entries;
  try {
    if (lstatSync(path.join(dir, rel)).nlink === 2) return found;
    entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) if (entry.isDirectory() && !skip(entry.name)) found.push(...foldersUnder(dir, path.join(rel, entry.name), skip));
  return found;
}

function isFolder(file: string): boolean {
  try {
    return lstatSync(file).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Watches a folder and calls `onChange` at most once per `debounceMs` window, with the names that
 * changed (relative to the folder). If the folder disappears the watch is re-established when it comes
 * back. Returns a stop function.
 *
 * `recursive` watches each folder of the tree with a watch of its own, not with Node's `recursive`
 * option: on Linux that one watches every file and took 0.23 s of the serving thread at 10,000 posts
 * (2.3 s at 100,000), where a watch per folder costs a few. A folder that appears is watched with its
 * subfolders, and reported as `null` (its files are not known one by one); one that goes is reported too.
 */
export function watchFolder(dir: string, onChange: (change: FolderChange) => void, options: WatchOptions): () => void {
  const skip = options.skip ?? (() => false);
  const watchers = new Map<string, FSWatcher>();
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
  const closeAll = () => {
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
  };
  // Stops watching `rel` and the folders under it (it was removed or moved away).
  const forget = (rel: string) => {
    for (const [folder, watcher] of watchers) {
      if (folder === rel || folder.startsWith(`${rel}${path.sep}`)) {
        watcher.close();
        watchers.delete(folder);
      }
    }
  };
  const follow = (rel: string) => {
    if (watchers.has(rel) || stopped) return;
    const watcher = watch(path.join(dir, rel), { persistent: false }, (event, raw) => {
      if (raw === null) return note(null);
      const name = rel ? path.join(rel, String(raw)) : String(raw);
      // Linux reports the watched folder's own removal as a rename of its name, then goes quiet.
      if (rel === '' && name === self && !existsSync(dir)) return restart();
      note(name);
      if (!options.recursive || event !== 'rename') return;
      if (isFolder(path.join(dir, name))) {
        if (watchers.has(name) || skip(path.basename(name))) return;
        for (const folder of foldersUnder(dir, name, skip)) followSafely(folder);
        note(null);
      } else if (watchers.has(name)) {
        forget(name);
        note(null);
      }
    });
    watcher.on('error', () => (rel === '' ? restart() : forget(rel)));
    watchers.set(rel, watcher);
  };
  // A subfolder may be gone again before it is watched: it is then left out.
  const followSafely = (rel: string) => {
    try {
      follow(rel);
    } catch {
      forget(rel);
    }
  };
  const start = () => {
    retry = undefined;
    if (stopped) return;
    try {
      follow('');
      if (options.recursive) for (const folder of foldersUnder(dir, '', skip).slice(1)) followSafely(folder);
      if (lost) note(null);
      lost = false;
    } catch {
      restart();
    }
  };
  const restart = () => {
    if (watchers.size) {
      closeAll();
      lost = true;
      note(null);
    }
    if (!stopped && !retry) retry = setTimeout(start, options.retryMs ?? 2000);
  };
  const self = path.basename(dir);
  start();
  return () => {
    stopped = true;
    closeAll();
    if (timer) clearTimeout(timer);
    if (retry) clearTimeout(retry);
  };
}
