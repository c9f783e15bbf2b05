import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeJsonAtomic } from '../data/atomic-json.js';
import type { Post, PostContent } from '../model/post.js';
import { isPreparable, type OffThread, type PreparedContent } from './render-task.js';

// Bumped whenever what a parse produces changes shape, so an index of an older Herald is ignored.
const FORMAT = 1;

/** A parsed post as the index keeps it: the file's identity and hash, and the post without its body. */
export interface IndexedPost {
  /** Inode, size, modification and change times (ns) of the file when it was parsed. */
  readonly version: string;
  /** SHA-1 of the file's bytes. */
  readonly hash: string;
  readonly post: Post;
}

type StoredPost = Omit<Post, 'content' | 'date' | 'modified'> & { date: string; modified?: string };
interface Stored {
  readonly format: number;
  readonly key: string;
  readonly entries: Record<string, { version: string; hash: string; post: StoredPost }>;
}

/** The index file of a data folder, where parsed posts are kept across restarts. */
export function indexFile(dataDir: string): string {
  return path.join(dataDir, 'index', 'posts.json');
}

/** A key that changes with the site settings a parse reads: an index made under other settings is ignored. */
export function indexKey(siteKey: string): string {
  return createHash('sha256').update(`${FORMAT}\u0000${siteKey}`).digest('hex');
}

const isText = (value: unknown): value is string => typeof value === 'string';

// Only an entry of the right shape is kept; anything else in the file is dropped, not trusted.
function restore(name: string, entry: unknown, body: (post: Post, hash: string) => PostContent): IndexedPost | undefined {
  if (!entry || typeof entry !== 'object') return undefined;
  const { version, hash, post } = entry as { version?: unknown; hash?: unknown; post?: Partial<StoredPost> };
  if (!isText(version) || !isText(hash) || !post || typeof post !== 'object') return undefined;
  if (post.file !== name || !isText(post.id) || !isText(post.url) || !isText(post.title) || !isText(post.slug) || !isText(post.date)) return undefined;
  if (!Array.isArray(post.categories) || !Array.isArray(post.tags) || typeof post.published !== 'boolean') return undefined;
  const date = new Date(post.date);
  const modified = post.modified === undefined ? undefined : new Date(post.modified);
  if (Number.isNaN(date.getTime()) || (modified && Number.isNaN(modified.getTime()))) return undefined;
  const restored = { ...(post as StoredPost), date, ...(modified ? { modified } : {}) } as unknown as Post & { content?: PostContent };
  Object.defineProperty(restored, 'content', { value: body(restored, hash), enumerable: true });
  return { version, hash, post: restored };
}

/**
 * Reads the index at `file` made under `key`; an index that is missing, unreadable, corrupted or made
 * under another key is empty. `body` makes a restored post's content from the post and its file's hash (read again from its file on use).
 */
export function readIndex(file: string, key: string, body: (post: Post, hash: string) => PostContent): Map<string, IndexedPost> {
  const entries = new Map<string, IndexedPost>();
  let stored: Stored;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
  } catch {
    return entries;
  }
  if (!stored || stored.format !== FORMAT || stored.key !== key || !stored.entries || typeof stored.entries !== 'object') return entries;
  for (const [name, entry] of Object.entries(stored.entries)) {
    const restored = restore(name, entry, body);
    if (restored) entries.set(name, restored);
  }
  return entries;
}

/** Writes the index (to a temporary file renamed over the last, so a reader never sees half of one). */
export async function writeIndex(file: string, key: string, entries: ReadonlyMap<string, IndexedPost>): Promise<void> {
  const stored: Record<string, { version: string; hash: string; post: StoredPost }> = {};
  for (const [name, { version, hash, post }] of entries) {
    const { content: _, ...rest } = post;
    stored[name] = { version, hash, post: rest as unknown as StoredPost };
  }
  await writeJsonAtomic(file, { format: FORMAT, key, entries: stored });
}

/**
 * A restored post's content, made on first use by `make` (its file read and parsed again). When `make`
 * throws (the file changed, or cannot be read), `prepare` rejects with its error and the body is empty.
 */
export class DeferredContent implements PostContent, PreparedContent {
  #content: PostContent | undefined;
  #error: Error | undefined;

  constructor(private readonly make: () => PostContent) {}

  private made(): PostContent | undefined {
    if (this.#content || this.#error) return this.#content;
    try {
      return (this.#content = this.make());
    } catch (error) {
      this.#error = error instanceof Error ? error : new Error(String(error));
      return undefined;
    }
  }

  get ready(): boolean {
    const content = this.#content;
    return this.#error !== undefined || (content !== undefined && (!isPreparable(content) || content.ready));
  }

  /** Makes the content and renders it with `offThread`, as a post parsed afresh is. */
  async prepare(offThread: OffThread, background = false): Promise<void> {
    const content = this.made();
    if (!content) throw this.#error!;
    if (isPreparable(content)) await content.prepare(offThread, background);
  }

  get html(): string {
    return this.made()?.html ?? '';
  }

  get summary(): string {
    return this.made()?.summary ?? '';
  }
}
