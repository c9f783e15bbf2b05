import { readFileSync } from 'node:fs';
import { writeJsonAtomic } from '../data/atomic-json.js';
import path from 'node:path';

// Bumped whenever the file's shape changes; a file of another format is read as empty.
const FORMAT = 1;

/** The ids Herald has published: each post's source file (relative to its folder) to its item id. */
export type PublishedIds = ReadonlyMap<string, string>;

/** The published-ids file of a data folder. */
export function publishedIdsFile(dataDir: string): string {
  return path.join(dataDir, 'ids', 'published.json');
}

/** The ids kept at `file`; a missing, unreadable or corrupted file holds none (entries of the wrong shape are dropped). */
export function readPublishedIds(file: string): Map<string, string> {
  const ids = new Map<string, string>();
  let stored: unknown;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return ids;
  }
  const { format, ids: entries } = (stored ?? {}) as { format?: unknown; ids?: unknown };
  if (format !== FORMAT || !entries || typeof entries !== 'object') return ids;
  // for…in, not Object.entries: no array made per entry (100,000 of them at 100,000 posts).
  const byFile = entries as Record<string, unknown>;
  for (const key in byFile) {
    const id = byFile[key];
    if (typeof id === 'string' && Object.hasOwn(byFile, key)) ids.set(key, id);
  }
  return ids;
}

/**
 * Adds `ids` to those at `file` (the file's own entries kept: replicas sharing it keep the union) and writes
 * the result to a temporary file renamed over the last, so a reader never sees half of one.
 */
export async function writePublishedIds(file: string, ids: PublishedIds): Promise<void> {
  const merged = new Map([...ids, ...readPublishedIds(file)]);
  await writeJsonAtomic(file, { format: FORMAT, ids: Object.fromEntries([...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) });
}
