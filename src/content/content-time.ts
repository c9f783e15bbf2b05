import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

// Deep enough for any _data or _includes tree; deeper folders are not looked into.
const MAX_DEPTH = 16;

/**
 * The newest modification time (ms since the epoch, 0 for none) of the files and folders named and, with
 * `inside`, of everything within the folders among them. A missing path counts for nothing. A folder's
 * own time moves when an entry is added, removed or renamed in it, so a deletion is seen as well as an edit.
 */
export function newestModification(paths: Iterable<string>, inside = true): number {
  let newest = 0;
  for (const file of paths) newest = Math.max(newest, modifiedWithin(file, inside ? 0 : MAX_DEPTH));
  return newest;
}

function modifiedWithin(file: string, depth: number): number {
  let newest: number;
  let folder: boolean;
  try {
    const stat = statSync(file);
    newest = stat.mtimeMs;
    folder = stat.isDirectory();
  } catch {
    return 0;
  }
  if (!folder || depth >= MAX_DEPTH) return newest;
  let names: string[];
  try {
    names = readdirSync(file);
  } catch {
    return newest;
  }
  for (const name of names) newest = Math.max(newest, modifiedWithin(path.join(file, name), depth + 1));
  return newest;
}
