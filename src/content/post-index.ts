import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { writeLinesAtomic } from '../data/atomic-json.js';
import type { Author, Post, PostContent, Term } from '../model/post.js';
import { isPreparable, type OffThread, type PreparedContent } from './render-task.js';
import type { SharedTerms } from './shared-terms.js';
import { yieldToRequests } from '../schedule/yield-to-requests.js';

// Bumped whenever what a parse produces changes shape, or the file's own, so an index of an older Herald is ignored.
// 2: a line of JSON each, a header, an entry a line (`[name, version, hash, post]`), a trailer with the count.
// 3: each distinct category, tag and author written once, on a line of its own (`{"term": …}`, `{"author": …}`)
//    before the first entry that has it, and an entry's post naming them by their number in order of writing.
const FORMAT = 3;

/** A parsed post as the index keeps it: the file's identity and hash, and the post without its body. */
export interface IndexedPost {
  /** Inode, size, modification and change times (ns) of the file when it was parsed. */
  readonly version: string;
  /** SHA-1 of the file's bytes. */
  readonly hash: string;
  readonly post: Post;
}

// A post as an entry holds it: its terms and authors by number, its file the entry's name, its dates as text.
type StoredPost = Omit<Post, 'content' | 'file' | 'date' | 'modified' | 'categories' | 'tags' | 'authors'> & {
  date: string;
  modified?: string;
  categories: number[];
  tags: number[];
  authors?: number[];
};

// A header longer than this is not one of ours (an index of format 1 was one line of the whole file).
const MAX_HEADER = 64 * 1024;
// The file is read, and written, this many bytes at a time: no string or buffer of a whole index of
// 100,000 posts (89 MB) is made, where one JSON document needed both at once.
const CHUNK = 1024 * 1024;

/** The index file of a data folder, where parsed posts are kept across restarts. */
export function indexFile(dataDir: string): string {
  return path.join(dataDir, 'index', 'posts.json');
}

/** A key that changes with the site settings a parse reads: an index made under other settings is ignored. */
export function indexKey(siteKey: string): string {
  return createHash('sha256').update(`${FORMAT}\u0000${siteKey}`).digest('hex');
}

const isText = (value: unknown): value is string => typeof value === 'string';
const isTerm = (value: unknown): value is Term => isText((value as Term | null)?.name) && isText((value as Term).slug);
const isAuthor = (value: unknown): value is Author => {
  const { name, email, uri } = (value ?? {}) as Partial<Author>;
  return isText(name) && (email === undefined || isText(email)) && (uri === undefined || isText(uri));
};

// The terms and authors an index has defined so far, in the order of their lines.
interface Tables {
  readonly terms: Term[];
  readonly authors: Author[];
}

// The objects `numbers` name in `table`, put in its place (no second array a post); undefined unless each
// is a number the table has.
function lookUp<T>(numbers: unknown, table: readonly T[]): T[] | undefined {
  if (!Array.isArray(numbers)) return undefined;
  const found = numbers as unknown[];
  for (let at = 0; at < found.length; at++) {
    const number = found[at];
    const item = typeof number === 'number' ? table[number] : undefined;
    if (item === undefined) return undefined;
    found[at] = item;
  }
  return found as T[];
}

// Only an entry of the right shape is kept; anything else in the file is dropped, not trusted.
function restore(name: string, entry: unknown, body: (post: Post, hash: string) => PostContent, tables: Tables): IndexedPost | undefined {
  if (!entry || typeof entry !== 'object') return undefined;
  const { version, hash, post } = entry as { version?: unknown; hash?: unknown; post?: Partial<StoredPost> };
  if (!isText(version) || !isText(hash) || !post || typeof post !== 'object') return undefined;
  if (!isText(post.id) || !isText(post.url) || !isText(post.title) || !isText(post.slug) || !isText(post.date) || typeof post.published !== 'boolean') return undefined;
  const categories = lookUp(post.categories, tables.terms);
  const tags = lookUp(post.tags, tables.terms);
  const authors = post.authors === undefined ? undefined : lookUp(post.authors, tables.authors);
  if (!categories || !tags || (post.authors !== undefined && !authors)) return undefined;
  const date = new Date(post.date);
  const modified = post.modified === undefined ? undefined : new Date(post.modified);
  if (Number.isNaN(date.getTime()) || (modified && Number.isNaN(modified.getTime()))) return undefined;
  // The parsed object becomes the post in place (a copy of each of 100,000 would be garbage at once).
  // `file` is the entry's name: one string for the post and the library's maps.
  const restored = Object.assign(post, { file: name, date, ...(modified ? { modified } : {}), categories, tags, ...(authors ? { authors } : {}) }) as unknown as Post;
  Object.defineProperty(restored, 'content', { value: body(restored, hash), enumerable: true });
  return { version, hash, post: restored };
}

/**
 * Reads the index at `file` made under `key`; an index that is missing, unreadable, corrupted, cut short or
 * made under another key is empty. `body` makes a restored post's content from the post and its file's
 * hash (read again from its file on use); with `terms`, the posts share their categories, tags and
 * authors with the other posts of the load (among themselves they always do). The file is read a chunk
 * at a time, a line of JSON each.
 */
export async function readIndex(file: string, key: string, body: (post: Post, hash: string) => PostContent, terms?: SharedTerms): Promise<Map<string, IndexedPost>> {
  const entries = new Map<string, IndexedPost>();
  const tables: Tables = { terms: [], authors: [] };
  let header = true;
  let count = 0;
  let complete = false;
  // Each line: the header first, then terms, authors and entries, then the trailer; false when the file is not an index of ours.
  const line = (text: string): boolean => {
    if (complete) return false;
    const value: unknown = JSON.parse(text);
    if (header) {
      header = false;
      const { format, key: made } = (value ?? {}) as { format?: unknown; key?: unknown };
      return format === FORMAT && made === key;
    }
    if (!Array.isArray(value)) {
      const { term, author, entries: written } = (value ?? {}) as { term?: unknown; author?: unknown; entries?: unknown };
      if (term !== undefined) return isTerm(term) && tables.terms.push(terms?.term(term) ?? term) > 0;
      if (author !== undefined) return isAuthor(author) && tables.authors.push(terms?.author(author) ?? author) > 0;
      complete = written === count;
      return complete;
    }
    count++;
    const [name, version, hash, post] = value as unknown[];
    const restored = typeof name === 'string' ? restore(name, { version, hash, post }, body, tables) : undefined;
    if (restored) entries.set(name as string, restored);
    return true;
  };
  try {
    if (!(await eachLine(file, line)) || !complete) entries.clear();
  } catch {
    entries.clear();
  }
  return entries;
}

// Calls `line` with each line of `file` (UTF-8, without its newline) until it returns false; false then.
// The requests that came meanwhile are answered between two chunks (60 of them at 100,000 posts).
async function eachLine(file: string, line: (text: string) => boolean): Promise<boolean> {
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(CHUNK);
    let parts: Buffer[] = [];
    let pending = 0;
    let first = true;
    for (;;) {
      const read = readSync(fd, chunk, 0, CHUNK, null);
      if (read === 0) return pending === 0;
      let start = 0;
      for (let end = chunk.indexOf(10, 0); end >= 0 && end < read; end = chunk.indexOf(10, start)) {
        const text = pending ? Buffer.concat([...parts, chunk.subarray(start, end)]).toString('utf8') : chunk.toString('utf8', start, end);
        parts = [];
        pending = 0;
        start = end + 1;
        first = false;
        if (!line(text)) return false;
      }
      if (start < read) {
        parts.push(Buffer.from(chunk.subarray(start, read)));
        pending += read - start;
        if (first && pending > MAX_HEADER) return false;
      }
      await yieldToRequests();
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes the index (to a temporary file renamed over the last, so a reader never sees half of one), a
 * chunk of lines at a time with a turn of the event loop between chunks.
 */
export async function writeIndex(file: string, key: string, entries: ReadonlyMap<string, IndexedPost>): Promise<void> {
  await writeLinesAtomic(file, indexLines(key, entries), CHUNK);
}

function* indexLines(key: string, entries: ReadonlyMap<string, IndexedPost>): Generator<string> {
  yield JSON.stringify({ format: FORMAT, key });
  const terms = new Numbering<Term>('term', termKey);
  const authors = new Numbering<Author>('author', authorKey);
  let count = 0;
  for (const [name, { version, hash, post }] of entries) {
    const { content: _, file: _file, date, modified, categories, tags, authors: written, ...rest } = post;
    const stored: StoredPost = {
      ...rest,
      date: date.toISOString(),
      ...(modified ? { modified: modified.toISOString() } : {}),
      categories: categories.map((term) => terms.number(term)),
      tags: tags.map((term) => terms.number(term)),
      ...(written ? { authors: written.map((author) => authors.number(author)) } : {}),
    };
    yield* terms.lines();
    yield* authors.lines();
    count++;
    yield JSON.stringify([name, version, hash, stored]);
  }
  yield JSON.stringify({ entries: count });
}

const termKey = (term: Term) => `${term.name}\u0000${term.slug}`;
const authorKey = (author: Author) => `${author.name}\u0000${author.email ?? '\u0001'}\u0000${author.uri ?? '\u0001'}`;

// The numbers an index being written gives its terms (or authors), in the order their lines are written.
class Numbering<T> {
  readonly #numbers = new Map<string, number>();
  #new: T[] = [];

  constructor(
    private readonly kind: 'term' | 'author',
    private readonly key: (item: T) => string,
  ) {}

  number(item: T): number {
    const key = this.key(item);
    let number = this.#numbers.get(key);
    if (number === undefined) {
      this.#numbers.set(key, (number = this.#numbers.size));
      this.#new.push(item);
    }
    return number;
  }

  // The lines of the items numbered since the last call.
  *lines(): Generator<string> {
    const items = this.#new;
    this.#new = [];
    for (const item of items) yield JSON.stringify({ [this.kind]: item });
  }
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
