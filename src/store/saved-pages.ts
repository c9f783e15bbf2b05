import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeJsonAtomic } from '../data/atomic-json.js';
import type { Image } from '../model/post.js';
import { FORMATS, type Format } from '../model/feed.js';

/**
 * The site feed's first page in each format as a full load served it, kept in the data folder beside the
 * post index so that a restart can answer it before its own load is over. It is served only when the
 * restart's look at the files gives the key it was saved under (the same files, settings and Herald), no
 * post has come into view since (`until`) and its posts' images resolve as they did (`images`).
 */
export interface SavedPages {
  readonly key: string;
  /** The Last-Modified the pages were served with (ms). */
  readonly modified: number;
  /** When the next future-dated post comes into view (ms), after which the pages are out of date. */
  readonly until?: number;
  /** The images of the pages' posts, as they resolved. */
  readonly images: readonly Image[];
  readonly pages: readonly SavedPage[];
}

export interface SavedPage {
  readonly view: Format;
  readonly contentType: string;
  readonly text: string;
}

// Bumped when what the file holds changes shape.
const FORMAT = 1;

/** The file of a data folder's saved first pages. */
export function savedPagesFile(dataDir: string): string {
  return path.join(dataDir, 'index', 'first-pages.json');
}

/**
 * The key pages are saved under: the files' key (PostLibrary.loadedKey) with what else the bytes are made
 * of (`settings`: the configuration and the running Herald).
 */
export function pagesKey(filesKey: string, settings: string): string {
  return createHash('sha256').update(`${FORMAT}\u0000${settings}\u0000${filesKey}`).digest('hex');
}

/** Writes the pages atomically (a reader never sees half of the file). */
export async function writeSavedPages(file: string, pages: SavedPages): Promise<void> {
  await writeJsonAtomic(file, { format: FORMAT, ...pages });
}

const isText = (value: unknown): value is string => typeof value === 'string';
const isImage = (value: unknown): value is Image => {
  const { url, alt, mimeType, length } = (value ?? {}) as Partial<Image>;
  return isText(url) && (alt === undefined || isText(alt)) && (mimeType === undefined || isText(mimeType)) && (length === undefined || typeof length === 'number');
};
const isPage = (value: unknown): value is SavedPage => {
  const { view, contentType, text } = (value ?? {}) as Partial<SavedPage>;
  return FORMATS.includes(view as Format) && isText(contentType) && isText(text);
};

/** The pages saved under `key`; undefined when the file is missing, unreadable, of another shape or key. */
export function readSavedPages(file: string, key: string): SavedPages | undefined {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const saved = (value ?? {}) as Partial<SavedPages> & { format?: unknown };
  if (saved.format !== FORMAT || saved.key !== key || typeof saved.modified !== 'number') return undefined;
  if (saved.until !== undefined && typeof saved.until !== 'number') return undefined;
  if (!Array.isArray(saved.images) || !saved.images.every(isImage) || !Array.isArray(saved.pages) || !saved.pages.every(isPage)) return undefined;
  return { key, modified: saved.modified, ...(saved.until === undefined ? {} : { until: saved.until }), images: saved.images, pages: saved.pages };
}
