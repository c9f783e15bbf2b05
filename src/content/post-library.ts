import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import * as nodeFs from 'node:fs';
import path from 'node:path';
import { loadHtmlLibraries } from './lazy-modules.js';
import type { Post, PostContent, PostProblem } from '../model/post.js';
import { PostError } from './post-error.js';
import { ServedPosts } from './served-posts.js';
import type { PostDelta } from '../store/patch-snapshot.js';
import { resolveAgain, sameFile, StaticListing } from './image.js';
import { assemblePost, parsePost, type ParsedPost, type PostLocation, type SiteContext } from './parse-post.js';
import { failureError, parseFile, type ParseJob, type ParseOutcome, type ReadFs } from './parse-file.js';
import { parsesOffThread, type ParseOffThread } from './parse-pool.js';
import type { ReadAhead } from './read-ahead.js';
import { lookAt, looksOf, type FileStatus, type LookAhead, type Looks } from './look-ahead.js';
import { postsFolder, type PostLister } from '../site/post-files.js';
import { decodeText } from './decode-text.js';
import { isPreparable, type OffThread } from './render-task.js';
import { yieldToRequests } from '../schedule/yield-to-requests.js';
import { newestModification } from './content-time.js';
import { DeferredContent, indexKey, readIndex, writeIndex } from './post-index.js';
import type { BodyCache } from './body-cache.js';
import { CachedContent } from './cached-content.js';
import { largest, smallest } from '../extremes.js';
import { SharedTerms } from './shared-terms.js';
import { changedWithin, fileVersion, READ_TRIES, readBackoffMs, retryAfterMs, SETTLE_ROUNDS, settleRemainingMs, transientReason } from './read-faults.js';

/** Limits on what the library reads. */
export interface LibraryLimits {
  readonly maxPostBytes: number;
  readonly maxPosts: number;
  /** Categories and tags one post may have; each is a feed carrying the post with all of them. */
  readonly maxTermsPerPost: number;
}

// What a failed system call means to a publisher; the code stays for the unusual ones.
const ERRNO_REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied: Herald may not read it',
  EPERM: 'permission denied: Herald may not read it',
  ELOOP: 'symbolic link loop: the link leads back to itself',
  ENAMETOOLONG: 'the file name is too long to open',
};

/** The file-system calls the library makes: node:fs's, replaced in tests to inject faults. */
export type LibraryFs = ReadFs & Pick<typeof nodeFs, 'lstatSync' | 'statSync' | 'readFileSync' | 'realpathSync' | 'readdirSync'>;

/** How the library meets the file system and time; every part has a default. */
export interface LibraryIo {
  readonly fs: LibraryFs;
  /** Resolves after `ms` (the pauses between tries of a read and between settle checks). */
  readonly wait: (ms: number) => Promise<void>;
  /** The wall clock in ms, compared with the files' modification and change times. */
  readonly now: () => number;
  /**
   * A file changed less than this long ago is read only once it stays unchanged (inode, size, modification
   * and change times) across this long (`watch.settleMs`); 0 reads every file at once.
   */
  readonly settleMs: number;
  /** Reads and parses the files of a full load in worker threads (with node:fs only); on this thread without it. */
  readonly parse?: ParseOffThread;
  /** Reads the files of a full load into memory ahead of the parse (with node:fs only). */
  readonly readAhead?: ReadAhead;
  /** Looks at (lstat) the files of a full load on another thread while this one reads the post index (with node:fs only). */
  readonly lookAhead?: LookAhead;
  /**
   * Where rendered bodies are kept (`cache.bodyBytes`): a post then keeps no source, and its body is read
   * again from its file (its hash checked) to render once more after eviction. Without it each post keeps its own.
   */
  readonly bodies?: BodyCache;
}

/** The files a load looks at before it hands their parse to the pool. */
const LOOK_CHUNK = 512;

/** The fewest files a load reads ahead, or looks at ahead: fewer are read as fast one by one. */
const READ_AHEAD_FILES = 256;
// The part of a look this thread takes when the first response waits for it (lookShared): the other
// thread's part includes starting it, and being sent the paths.
const HERE_SHARE = 0.5;
// A long read of files without a parse worker gives the requests that came a turn this often (files).
const YIELD_EVERY = 4096;

const DEFAULT_IO: LibraryIo = {
  fs: nodeFs,
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
  settleMs: 0,
};

/** A limit the folder reached: which key, its value, and what was left out because of it. */
export interface LimitReached {
  readonly key: 'limits.maxPosts';
  readonly limit: number;
  /** Post files found in the folder. */
  readonly found: number;
  /** Files left out (the oldest, by the date their names start with). */
  readonly leftOut: number;
  /** The newest of the files left out. */
  readonly newestLeftOut: string;
}

/** The posts read from the folder, the files that could not be, the limits reached, and the site they were read with. */
export interface LoadResult {
  readonly posts: readonly Post[];
  /** The site context the posts were read in (the last good one when the site could not be read again). */
  readonly site: SiteContext;
  readonly problems: readonly PostProblem[];
  readonly limitsReached: readonly LimitReached[];
  /**
   * Files rejected for a passing reason (a transient read error, still being written), to read again in
   * `afterMs` rather than at the next rescan.
   */
  readonly retry?: { readonly files: readonly string[]; readonly afterMs: number };
  /** The served posts that left and came since the result before, when only named files were read again (update). */
  readonly delta?: PostDelta;
  /**
   * The newest modification time among every post file read (drafts, future and broken ones too), the
   * folders that hold them (an addition, removal or rename moves a folder's time) and the site's own
   * files (`SiteContext.sources`): what a Last-Modified derived from the files themselves is made of.
   */
  readonly modified: Date;
}

/** The folder itself could not be read; the caller keeps what it had. */
export class PostsFolderError extends Error {
  override name = 'PostsFolderError';
}

interface Cached {
  readonly hash: string;
  /** Inode, size, modification and change times when last read. */
  readonly version: string;
  readonly post: Post;
}

interface Entry {
  readonly post?: Post;
  readonly problem?: PostProblem;
}

/**
 * A read: the entry, and for a post parsed afresh, what the cache held before (to fall back to). A read
 * that met a transient error holds its code instead; one of a file that changed within `settleMs`, the
 * file's version then, to compare after a pause.
 */
interface Read extends Entry {
  readonly fresh?: { readonly previous: Cached | undefined };
  readonly transient?: string;
  readonly unsettled?: string;
  /** For an unsettled read: the ms until its file has stayed unchanged `settleMs` (all of it when unknown). */
  readonly settleIn?: number;
}

/** A read that has looked at its file and is to read and parse its bytes: the job, and what the cache held. */
interface Started {
  readonly job: ParseJob;
  readonly previous: Cached | undefined;
  /** Whether the post keeps the source it was read with until it is rendered (a watcher's read: rendered soon). */
  readonly keepSource: boolean;
}

/**
 * Called by a full load once it has looked at every file (before reading them), with the key loadedKey
 * gives for files of these names and identities, and the site they are read in.
 */
export type OnLooked = (key: string, site: SiteContext) => void;

/** Whether a read checks that its file has settled: `true` looks at the file's times, a version is the one seen `settleMs` before. */
type Settle = boolean | string;

// A file listed but not read (it was over limits.maxPosts); read when it comes under the limit.
const UNREAD: Entry = Object.freeze({});

/**
 * Reads posts/ into Posts. Each file's parse is cached by the hash of its bytes, so a reload parses only
 * what changed; a file that breaks keeps its last good version (reported), until it is fixed or removed.
 */
export class PostLibrary {
  private readonly cache = new Map<string, Cached>();
  // One object for each distinct category, tag and author of the posts read or restored since the last
  // full load (made anew at each, so terms no post has any longer are not kept for good).
  private terms = new SharedTerms();
  private entries = new Map<string, Entry>();
  private site: SiteContext | undefined;
  private siteKey = '';
  // The site key without the static folder (images are resolved again on restore) and the paths of the
  // site's own files (only their times count, in Last-Modified): a restart from another folder keeps it.
  private indexSiteKey = '';
  // Files whose body failed to render when first served, by the hash of the bytes that failed.
  private readonly failedBodies = new Map<string, { readonly hash: string; readonly reason: string }>();
  // The version of each file whose bytes its last read parsed and rejected (a PostError, which the same
  // bytes meet again under the same settings): what loadedKey keys such a file by.
  private readonly rejectedVersions = new Map<string, string>();
  private siteProblem: PostProblem | undefined;
  // The index key the cache was last read from or written to, and whether it changed since.
  private indexedKey: string | undefined;
  private indexDirty = false;

  /**
   * `site` is read again on every full load (a change to the author file re-reads every post). With
   * `indexPath`, parses are kept in that file across restarts (see saveIndex).
   */
  constructor(
    private readonly dir: string,
    private readonly siteOf: SiteContext | (() => SiteContext),
    private readonly limits: LibraryLimits,
    private readonly lister: PostLister = postsFolder,
    private readonly indexPath?: string,
    /** Renders each post parsed afresh before it is served, off this thread; bodies render on first use without it. */
    private readonly offThread?: OffThread,
    io: Partial<LibraryIo> = {},
  ) {
    this.io = { ...DEFAULT_IO, ...io };
  }

  private readonly io: LibraryIo;
  /** Files rejected for a passing reason, and how many times in a row. */
  private readonly retries = new Map<string, number>();

  private readonly locations = new Map<string, PostLocation>();
  /** Each listed file's modification time (ms) when last looked at, and the newest of them. */
  private readonly mtimes = new Map<string, number>();
  private newestFile: number | undefined;
  /** The folders `lister.folders` listed at the last full result, or since (relative to the folder). */
  private folders: Set<string> | undefined;
  /** The served posts and problems, kept file by file between full results; none while a limit is reached. */
  private served: ServedPosts | undefined;
  // Whether a full load is under way (its caller, the publisher, makes one at a time), and the bodies that
  // failed meanwhile (an early render, a request's), withdrawn once its entries are in: withdrawn from the
  // entries before them, they would be served again.
  private loading = false;
  private readonly failedWhileLoading: (readonly [Post, string])[] = [];
  // Whether anything was read, withdrawn or resolved again since the last full load's result.
  private changedSinceLoad = true;

  // The site context for this load; a context that changed invalidates every cached parse.
  private refreshSite(): SiteContext {
    try {
      const site = typeof this.siteOf === 'function' ? this.siteOf() : this.siteOf;
      this.siteProblem = undefined;
      const key = JSON.stringify(site) + (site.revision ?? '');
      if (key !== this.siteKey) {
        this.cache.clear();
        this.indexDirty = true;
      }
      this.siteKey = key;
      this.indexSiteKey = JSON.stringify({ ...site, staticDir: undefined, sources: undefined }) + (site.revision ?? '');
      this.site = site;
    } catch (error) {
      if (!this.site) throw new PostsFolderError((error as Error).message);
      this.siteProblem = { file: '(site)', reason: `${(error as Error).message}; using the last good site settings` };
    }
    return this.site!;
  }

  /**
   * Reads the whole folder; throws PostsFolderError when the folder itself cannot be listed. `onRead` is
   * given the posts read, once every file is (before they are sorted out into the result), and the site
   * they were read in: what a caller may start on while the result is made.
   */
  async load(onRead?: (posts: readonly Post[], site: SiteContext) => void, onLooked?: OnLooked): Promise<LoadResult> {
    this.loading = true;
    let folders: string[];
    try {
      folders = await this.readFolder(onRead, onLooked);
      this.changedSinceLoad = false;
    } finally {
      // Its entries are in (or it failed): the bodies that failed meanwhile are withdrawn now.
      this.loading = false;
      for (const [post, reason] of this.failedWhileLoading.splice(0)) this.withdraw(post, reason);
    }
    await yieldToRequests();
    return this.result(new Set(folders));
  }

  /**
   * The files of the last full load as a key (filesKey: their names and identities, the times of their
   * folders and of the site's files, the site settings), while what it read is served unchanged: no read,
   * withdrawal or image since, no file rejected or left out, none to read again. Undefined otherwise. A
   * load whose look at the files gives the same key (`onLooked`) reads the same posts.
   */
  loadedKey(): string | undefined {
    if (this.changedSinceLoad || this.loading || this.siteProblem || this.failedBodies.size || this.retries.size || !this.site || !this.folders) return undefined;
    const names = [...this.entries.keys()];
    const versions: string[] = [];
    for (const name of names) {
      const entry = this.entries.get(name)!;
      const rejected = entry.problem && !entry.post ? this.rejectedVersions.get(name) : undefined;
      if (rejected !== undefined) {
        versions.push(rejected);
        continue;
      }
      const cached = this.cache.get(name);
      if (entry.problem || !entry.post || cached?.post !== entry.post) return undefined;
      versions.push(cached.version);
    }
    return this.filesKey(names, (at) => versions[at], [...this.folders], this.site);
  }

  // What loadedKey and onLooked compare: the site key, each file's name and version, the folders' and the site files' times.
  private filesKey(names: readonly string[], versionAt: (at: number) => string | undefined, folders: readonly string[], site: SiteContext): string | undefined {
    const hash = createHash('sha256').update(this.siteKey).update('\u0000');
    for (const [at, name] of names.entries()) {
      const version = versionAt(at);
      if (version === undefined) return undefined;
      hash.update(`${name}\u0000${version}\n`);
    }
    const times = [newestModification(folders.map((folder) => path.join(this.dir, folder)), false), newestModification(site.sources ?? [])];
    return hash.update(times.join(' ')).digest('hex');
  }

  // A full load up to its result: every file read and its entry in; the folders the listing walked.
  private async readFolder(onRead?: (posts: readonly Post[], site: SiteContext) => void, onLooked?: OnLooked): Promise<string[]> {
    const site = this.refreshSite();
    this.terms = new SharedTerms();
    let names: string[];
    // The folders the listing walked: the result times them, and need not walk them again.
    const folders: string[] = [];
    try {
      const found = this.lister.list(this.dir, site, folders);
      this.locations.clear();
      for (const location of found) this.locations.set(location.file, location);
      names = found.map((location) => location.file);
    } catch (error) {
      throw new PostsFolderError(`cannot read the posts folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    // Over limits.maxPosts the oldest files (by the date their names start with) are listed, reported
    // by result() as a limit reached, and not read: the newest posts are the ones a feed shows.
    const kept = names.length > this.limits.maxPosts ? new Set(oldestFirst(names).slice(-this.limits.maxPosts)) : undefined;
    const toRead = kept ? names.filter((name) => kept.has(name)) : names;
    // Looked at on another thread while this one reads the index, or, on a rescan, while it serves; a look
    // that may serve saved pages is shared with this thread (lookShared). A first load without an index
    // parses every file: each is looked at here as its parse is handed out.
    const known = this.cache.size > 0 || this.seeds();
    const looking = known ? (onLooked ? this.lookShared(toRead) : this.lookAhead(toRead)) : undefined;
    // What the files look like, as soon as the other thread has looked (the index is read meanwhile).
    let told = false;
    // Never a reason for the load to fail, nor a rejection no one hears: without a key it goes on as before.
    const tell = (looks: Looks | undefined) => {
      if (told || !onLooked || !looks || toRead.length !== names.length) return;
      told = true;
      try {
        const key = this.filesKey(names, (at) => { const status = looks(at); return status && fileVersion(status); }, folders, site);
        if (key !== undefined) onLooked(key, site);
      } catch {
        // no key: nothing is served before the load is over
      }
    };
    void looking?.then(tell);
    await this.seedFromIndex(site);
    // Too few files for the other thread: a load that says what it looked at looks here, once for its reads too.
    const looks = (await looking) ?? (known && onLooked ? this.looksHere(toRead) : undefined);
    tell(looks);
    // Between the parts of a load (each a few hundred ms at 100,000 posts), the requests that came meanwhile.
    await yieldToRequests();
    const read = await this.readAll(toRead, true, looks);
    await yieldToRequests();
    if (onRead) {
      const posts: Post[] = [];
      for (const { post } of read.values()) if (post) posts.push(post);
      onRead(posts, site);
    }
    const results = await this.prepare(names.map((name) => read.get(name) ?? UNREAD));
    await yieldToRequests();
    this.entries = new Map(names.map((name, index) => [name, results[index]!]));
    const live = new Set(names);
    for (const name of this.cache.keys()) if (!live.has(name) && this.cache.delete(name)) this.indexDirty = true;
    for (const name of this.mtimes.keys()) if (!live.has(name)) this.mtimes.delete(name);
    for (const name of this.failedBodies.keys()) if (!live.has(name)) this.failedBodies.delete(name);
    for (const name of this.retries.keys()) if (!live.has(name)) this.retries.delete(name);
    for (const name of this.rejectedVersions.keys()) if (!live.has(name)) this.rejectedVersions.delete(name);
    return folders;
  }

  /**
   * Writes the parses to the index file when they changed since it was read or written; resolves
   * without writing when there is no index file. A restart reads it back (seedFromIndex).
   */
  async saveIndex(): Promise<void> {
    if (this.indexPath === undefined || !this.indexDirty) return;
    const key = indexKey(this.indexSiteKey);
    this.indexDirty = false;
    this.indexedKey = key;
    await writeIndex(this.indexPath, key, this.cache);
  }

  // Whether seedFromIndex will read an index file.
  private seeds(): boolean {
    return this.indexPath !== undefined && indexKey(this.indexSiteKey) !== this.indexedKey && nodeFs.existsSync(this.indexPath);
  }

  // Once per site key, before the first read: the parses the index holds for these settings. Each is
  // used only when its file's identity or hash still matches (read()), else the file is parsed again.
  // A restored post is registered with the site's rendering at once; its body is read again on first use.
  private async seedFromIndex(site: SiteContext): Promise<void> {
    if (this.indexPath === undefined) return;
    const key = indexKey(this.indexSiteKey);
    if (key === this.indexedKey) return;
    this.indexedKey = key;
    const indexed = await readIndex(this.indexPath, key, (post, hash) => this.restoredContent(post, hash, site), this.terms);
    const listing = new StaticListing();
    // The index holds these parses: it is written again only when a read or a removal changes them.
    if (indexed.size > 0 && this.cache.size === 0) this.indexDirty = false;
    let seeded = 0;
    for (const [name, entry] of indexed) {
      if (++seeded % YIELD_EVERY === 0) await yieldToRequests();
      if (this.cache.has(name)) continue;
      const image = entry.post.image && resolveAgain(entry.post.image, site.url, site.staticDir, listing);
      // In place: the post was made by this read of the index, and its content was made with it.
      if (image) Object.assign(entry.post, { image });
      this.cache.set(name, entry);
    }
  }

  // The content of a post whose body is read again from its file on first use (restored from the index, or
  // parsed at a full load with a bodies cache), listed at once where the site's rendering keeps its posts.
  private restoredContent(post: Pick<Post, 'file' | 'date' | 'published'>, hash: string, site: SiteContext): PostContent {
    const make = this.reread(post.file, hash, site, true);
    const where = this.locations.get(post.file);
    const listed = site.restore?.({ path: where?.sitePath ?? post.file, date: post.date, published: post.published }, make);
    const bodies = this.io.bodies;
    if (bodies) return new CachedContent(bodies, this.reread(post.file, hash, site, false));
    return listed ?? new DeferredContent(make);
  }

  // Reads a post's file again and makes its content (throws when its bytes are not those of `hash`);
  // `list` lists the post again where the rendering keeps the site's posts (its front matter is wanted).
  private reread(file: string, hash: string, site: SiteContext, list: boolean): () => PostContent {
    return () => {
      const bytes = this.io.fs.readFileSync(path.join(this.dir, file));
      if (createHash('sha1').update(bytes).digest('hex') !== hash) throw new Error('the file changed since it was read; it is read again at the next reload');
      const context = list || !site.rerender ? site : { ...site, render: site.rerender };
      return parsePost(this.locations.get(file) ?? file, decodeText(bytes), context).content;
    };
  }

  /**
   * Re-reads only the named files (added, edited, renamed or deleted); the rest keep their last read. The
   * result says which served posts left and came (`delta`) when nothing but these files changed what is served.
   */
  async update(names: Iterable<string>): Promise<LoadResult> {
    this.changedSinceLoad = true;
    const site = this.site ?? this.refreshSite();
    const changed = [...new Set(names)].filter((name) => {
      const location = this.lister.locate(name, site, this.dir);
      if (location) this.locations.set(name, location);
      return location !== undefined;
    });
    const before = changed.map((name) => [this.entries.get(name), this.mtimes.get(name)] as const);
    const read = await this.readAll(changed, false);
    const results = await this.prepare(changed.map((name) => read.get(name)!));
    for (const [index, name] of changed.entries()) {
      const result = results[index]!;
      if (result.post || result.problem) this.entries.set(name, result);
      else {
        this.entries.delete(name);
        if (this.cache.delete(name)) this.indexDirty = true;
        this.mtimes.delete(name);
        this.failedBodies.delete(name);
        this.retries.delete(name);
        this.rejectedVersions.delete(name);
      }
    }
    const served = this.served;
    if (!served || this.entries.size > this.limits.maxPosts) return this.result();
    const delta = served.apply(changed.map((name, index) => [name, before[index]![0], this.entries.get(name)] as const));
    this.newestFile = this.newestAfter(changed, before.map(([, time]) => time));
    return this.resultOf(served.served(), served.reported(), [], changed, delta);
  }

  // The newest file time after `changed` were read, from the last (found again only when its file went or went back).
  private newestAfter(changed: readonly string[], before: ReadonlyArray<number | undefined>): number {
    let newest = this.newestFile ?? 0;
    const older = changed.some((name, index) => before[index] === newest && (this.mtimes.get(name) ?? 0) < newest);
    if (older) return largest(this.mtimes.values(), 0);
    for (const name of changed) newest = Math.max(newest, this.mtimes.get(name) ?? 0);
    return newest;
  }

  /** Re-reads the type and length of images whose file in the static folder changed. */
  refreshImages(): LoadResult {
    this.changedSinceLoad = true;
    for (const [name, entry] of this.entries) {
      const image = entry.post?.image;
      if (!image) continue;
      const site = this.site!;
      const fresh = resolveAgain(image, site.url, site.staticDir);
      if (!sameFile(fresh, image)) {
        const post = { ...entry.post, image: fresh };
        this.entries.set(name, { ...entry, post });
        const cached = this.cache.get(name);
        if (cached) this.cache.set(name, { ...cached, post });
      }
    }
    return this.result();
  }

  // Reads the named files. A read that meets a transient error is tried again after a pause (READ_TRIES in
  // all); a file changed within settleMs is read once it has stayed unchanged that long (SETTLE_ROUNDS
  // checks at most). A file still failing or changing after that is rejected for now and listed to retry.
  private async readAll(names: readonly string[], trustStat: boolean, looked?: Looks): Promise<Map<string, Read>> {
    const reads = await this.readFirst(names, trustStat, looked);
    for (let attempt = 1; attempt < READ_TRIES; attempt++) {
      const again = [...reads].filter(([, read]) => read.transient).map(([name]) => name);
      if (!again.length) break;
      await this.io.wait(readBackoffMs(attempt));
      for (const name of again) reads.set(name, this.read(name, trustStat, true));
    }
    for (let round = 0; round < SETTLE_ROUNDS; round++) {
      const waiting = [...reads].filter(([, read]) => read.unsettled);
      if (!waiting.length) break;
      // Until every waiting file has stayed unchanged settleMs since its last change, not settleMs more.
      await this.io.wait(largest(waiting.map(([, read]) => read.settleIn ?? this.io.settleMs)));
      for (const [name, read] of waiting) reads.set(name, this.read(name, false, read.unsettled!));
    }
    for (const [name, read] of reads) reads.set(name, this.settled(name, read));
    return reads;
  }

  // The first read of each file; with a parse pool, the files are read and parsed in its workers as they
  // are looked at, a chunk at a time, while this thread finishes each read as its batch comes back.
  private async readFirst(names: readonly string[], trustStat: boolean, looked: Looks | undefined): Promise<Map<string, Read>> {
    const reads = new Map<string, Read>();
    const started: [string, Started][] = [];
    const stopReadAhead = this.startReadAhead(names, trustStat);
    const site = this.site!;
    const finish = (name: string, start: Started, outcome: ParseOutcome) => {
      try {
        reads.set(name, this.readDone(name, start, outcome));
      } catch (error) {
        reads.set(name, this.readFailed(name, error));
      }
    };
    const offThread = this.io.parse && this.io.fs === nodeFs && parsesOffThread(site) ? this.io.parse : undefined;
    const session = offThread?.(site, (index, outcome) => finish(...started[index]!, outcome));
    let handed = 0;
    try {
      for (const [at, name] of names.entries()) {
        try {
          const read = this.readStart(name, trustStat, true, looked?.(at));
          if ('job' in read) started.push([name, read]);
          else reads.set(name, read);
        } catch (error) {
          reads.set(name, this.readFailed(name, error));
        }
        if (session && (started.length - handed >= LOOK_CHUNK || at === names.length - 1)) {
          session.add(started.slice(handed).map(([, start]) => start.job));
          handed = started.length;
          // The workers' answers come in, and they are sent more, between two chunks.
          await yieldToRequests();
        } else if (at % YIELD_EVERY === YIELD_EVERY - 1) await yieldToRequests();
      }
    } finally {
      // Even when a look at a file threw: the workers end, and so does the read-ahead.
      await session?.done();
      stopReadAhead?.();
    }
    // Whatever no worker parsed (none ran, or one failed) is parsed here, in the order listed.
    for (const [name, start] of started) if (!reads.has(name)) finish(name, start, parseFile(start.job, site, this.io.fs));
    return new Map(names.map((name) => [name, reads.get(name)!]));
  }

  // The status of each of many files (by position), looked at on another thread while the index is read here.
  private async lookAhead(names: readonly string[]): Promise<Looks | undefined> {
    if (!this.io.lookAhead || this.io.fs !== nodeFs || names.length < READ_AHEAD_FILES) return undefined;
    return this.io.lookAhead(names.map((name) => path.join(this.dir, name)));
  }

  // A look whose key may serve saved pages (onLooked) is what the first response waits for: this thread
  // looks at part of the files while the other looks at the rest, and reads the index after its part.
  private async lookShared(names: readonly string[]): Promise<Looks | undefined> {
    const split = Math.floor(names.length * (1 - HERE_SHARE));
    const there = split >= READ_AHEAD_FILES ? this.lookAhead(names.slice(0, split)) : undefined;
    if (!there) return this.lookAhead(names);
    const here = this.looksHere(names.slice(split));
    const away = (await there) ?? this.looksHere(names.slice(0, split));
    return (at) => (at < split ? away(at) : here(at - split));
  }

  // lstat of each file on this thread, kept as the look-ahead worker sends its looks (five integers a file).
  private looksHere(names: readonly string[]): Looks {
    return looksOf(lookAt(names.map((name) => path.join(this.dir, name)), this.io.fs.lstatSync), names.length)!;
  }

  // Reads ahead the files a load of many will parse: all of them, or with `trustStat` those not known yet.
  private startReadAhead(names: readonly string[], trustStat: boolean): (() => void) | undefined {
    const toRead = trustStat ? names.filter((name) => !this.cache.has(name)) : names;
    if (!this.io.readAhead || this.io.fs !== nodeFs || toRead.length < READ_AHEAD_FILES) return undefined;
    return this.io.readAhead(toRead.map((name) => path.join(this.dir, name)));
  }

  // A read as it will be served: one still failing for a passing reason becomes a rejection to retry.
  private settled(name: string, read: Read): Read {
    const why = read.transient ? `cannot read: ${read.transient} (${transientReason(read.transient)}), ${READ_TRIES} tries` : read.unsettled ? `still being written: it changed in each of ${SETTLE_ROUNDS} checks ${this.io.settleMs} ms apart` : undefined;
    if (why === undefined) {
      this.retries.delete(name);
      return read;
    }
    const times = (this.retries.get(name) ?? 0) + 1;
    this.retries.set(name, times);
    return this.rejected(name, `${why}; reading it again in ${retryAfterMs(times) / 1000} s`);
  }

  // Renders the bodies of edited posts (parsed afresh, with a last good version) in the render pool; a
  // body over its budget (or failing) is reported, and its file keeps its last good version. New posts
  // render when first served (renderServed), so a start-up reads front matter only.
  private async prepare(reads: readonly Read[]): Promise<Entry[]> {
    const offThread = this.offThread;
    const entries: Entry[] = [...reads];
    if (!offThread) return entries;
    // A promise for each of the few posts to prepare only (not one for each of 100,000 read).
    const preparing: Promise<void>[] = [];
    for (const [at, read] of reads.entries()) {
      const content = read.post?.content;
      if (!read.fresh?.previous || !read.post || !content || !isPreparable(content)) continue;
      const { previous } = read.fresh;
      const file = read.post.file;
      preparing.push(content.prepare(offThread).catch((error: unknown) => {
        this.cache.set(file, previous);
        entries[at] = { post: previous.post, problem: { file, reason: `${(error as Error).message}; serving its last good version` } };
      }));
    }
    await Promise.all(preparing);
    return entries;
  }

  /**
   * Renders, in the render pool within its budget, the bodies of `posts` not rendered yet (a feed is about
   * to show them). A body that fails is reported as its file's problem and its post is no longer served,
   * until the file changes; resolves true when one did (the caller publishes again without it).
   * `background` bodies (a self-validation run's) are rendered after every body a request waits for.
   */
  async renderServed(posts: readonly Post[], background = false): Promise<boolean> {
    const pool = this.offThread;
    if (!pool) return false;
    const offThread: OffThread = background ? (task) => pool(task, true) : pool;
    const rendering = posts.map(async (post) => {
      const content = post.content;
      if (!isPreparable(content) || content.ready) return false;
      try {
        await content.prepare(offThread, background);
        return false;
      } catch (error) {
        return this.withdraw(post, (error as Error).message);
      }
    });
    // The bodies are on their way to the render workers: what their summaries may need here (the HTML
    // libraries, loaded on first use) loads while they render rather than after.
    loadHtmlLibraries();
    const failures = await Promise.all(rendering);
    return failures.includes(true);
  }

  // A served post whose body failed: reported in its place, and not served again until its file changes.
  // While a full load is under way it is withdrawn once the load's entries are in, and left out of its
  // result (false here: there is nothing to publish again).
  private withdraw(post: Post, reason: string): boolean {
    if (this.loading) {
      this.failedWhileLoading.push([post, reason]);
      return false;
    }
    const name = post.file;
    if (this.entries.get(name)?.post !== post) return false;
    this.changedSinceLoad = true;
    const cached = this.cache.get(name);
    if (cached?.post === post) this.failedBodies.set(name, { hash: cached.hash, reason });
    if (this.cache.delete(name)) this.indexDirty = true;
    this.entries.set(name, { problem: { file: name, reason } });
    this.served = undefined;
    return true;
  }

  /** The posts and problems as last read, without reading anything. */
  current(): LoadResult {
    return this.result();
  }

  // With `folders`, those the listing walked; else they are walked again.
  private result(folders?: Set<string>): LoadResult {
    const names = [...this.entries.keys()].sort();
    const ordered = names.length > this.limits.maxPosts ? oldestFirst(names) : [];
    const leftOut = ordered.slice(0, Math.max(0, ordered.length - this.limits.maxPosts));
    const dropped = new Set(leftOut);
    for (const name of names) {
      if (!dropped.has(name) && this.entries.get(name) === UNREAD) this.entries.set(name, this.settled(name, this.read(name, true, true)));
    }
    let newest = 0;
    for (const name of names) newest = Math.max(newest, this.mtimes.get(name) ?? 0);
    this.newestFile = newest;
    this.folders = folders;
    // Kept up to date file by file from here, until a limit is reached; what it serves is the result.
    this.served = leftOut.length ? undefined : new ServedPosts(this.entries);
    if (this.served) return this.resultOf(this.served.served(), this.served.reported(), [], names);
    const problems: PostProblem[] = this.siteProblem ? [this.siteProblem] : [];
    const posts: Post[] = [];
    for (const name of names) {
      if (dropped.has(name)) continue;
      const entry = this.entries.get(name)!;
      if (entry.problem) problems.push(entry.problem);
      if (entry.post) posts.push(entry.post);
    }
    const limitReached: LimitReached = { key: 'limits.maxPosts', limit: this.limits.maxPosts, found: names.length, leftOut: leftOut.length, newestLeftOut: leftOut.at(-1)! };
    return this.resultOf(dropDuplicateIds(posts, problems), problems, [limitReached], names);
  }

  private resultOf(posts: readonly Post[], problems: readonly PostProblem[], limitsReached: readonly LimitReached[], changed: readonly string[], delta?: PostDelta): LoadResult {
    const retry = [...this.retries].filter(([name]) => this.entries.get(name) !== UNREAD && this.entries.has(name));
    return {
      posts,
      site: this.site!,
      problems: this.siteProblem && problems[0] !== this.siteProblem ? [this.siteProblem, ...problems] : problems,
      limitsReached,
      ...(retry.length ? { retry: { files: retry.map(([name]) => name), afterMs: smallest(retry.map(([, times]) => retryAfterMs(times))) } } : {}),
      modified: this.modified(changed),
      ...(delta ? { delta } : {}),
    };
  }

  // Files are timed when read; the folders (listed again when a file is in a folder not listed) and the
  // site files are looked at again on every reload.
  private modified(changed: readonly string[]): Date {
    const site = this.site;
    const folderOf = (name: string) => name.slice(0, Math.max(0, name.lastIndexOf('/')));
    if (!this.folders || changed.some((name) => !this.folders!.has(folderOf(name)))) this.folders = new Set(site ? this.lister.folders(this.dir, site) : ['']);
    const folders = [...this.folders].map((folder) => path.join(this.dir, folder));
    return new Date(Math.max(this.newestFile ?? 0, newestModification(folders, false), newestModification(site?.sources ?? [])));
  }

  // The file's last good version if it has one, with the reason it cannot be served as it is now.
  private rejected(name: string, reason: string, line?: number): Entry {
    const previous = this.cache.get(name);
    const kept = previous ? '; serving its last good version' : '';
    return {
      ...(previous ? { post: previous.post } : {}),
      problem: { file: name, ...(line ? { line } : {}), reason: `${reason}${kept}` },
    };
  }

  // Synchronous on purpose: ten thousand small reads run several times faster in a loop than as promises
  // through the thread pool. `trustStat` lets a full rescan skip files whose size, inode and
  // modification time (in nanoseconds) are unchanged; a watcher's named files are always read. With
  // `settle` (and settleMs), a file changed within settleMs, or since the version `settle` names, is not
  // taken: the read says so (unsettled), and so does one whose file changed while it was read.
  private read(name: string, trustStat: boolean, settle: Settle = false): Read {
    try {
      const started = this.readStart(name, trustStat, settle);
      return 'job' in started ? this.readDone(name, started, parseFile(started.job, this.site!, this.io.fs)) : started;
    } catch (error) {
      return this.readFailed(name, error);
    }
  }

  // A read up to the file's bytes: what it came to without them, or the job that reads and parses them.
  private readStart(name: string, trustStat: boolean, settle: Settle, looked?: FileStatus): Read | Started {
    this.rejectedVersions.delete(name);
    const previous = this.cache.get(name);
    const fail = (reason: string) => this.rejected(name, reason);
    const { fs } = this.io;
    const file = path.join(this.dir, name);
    let stat: FileStatus = looked ?? fs.lstatSync(file, { bigint: true });
    if (stat.isSymbolicLink()) {
      const target = this.linkTarget(file);
      if (target === undefined) return fail('symbolic link leads to nothing: its target does not exist');
      if (!target.startsWith(fs.realpathSync(this.dir) + path.sep)) return fail('symbolic link leads outside the posts folder');
      stat = fs.statSync(file, { bigint: true });
    }
    this.mtimes.set(name, Number(stat.mtimeNs / 1_000_000n));
    if (stat.isDirectory()) return fail('a folder, not a file: a post must be a file');
    if (!stat.isFile()) return fail('not a regular file (a pipe, socket or device): a post must be a file');
    if (stat.size > this.limits.maxPostBytes) return fail(`larger than ${this.limits.maxPostBytes} bytes (limits.maxPostBytes)`);
    const version = fileVersion(stat);
    if (trustStat && previous?.version === version) return { post: previous.post };
    const settling = settle !== false && this.io.settleMs > 0;
    if (settling && (typeof settle === 'string' ? settle !== version : changedWithin(stat, this.io.now(), this.io.settleMs))) {
      return { unsettled: version, settleIn: settleRemainingMs(stat, this.io.now(), this.io.settleMs) };
    }
    const skip = [previous?.hash, this.failedBodies.get(name)?.hash].filter((hash) => hash !== undefined);
    const keepSource = !trustStat;
    // Unless the post is listed as a restored one, it keeps the content its parse made, source and page.
    const source = !this.lists(keepSource);
    return { previous, keepSource, job: { path: file, location: this.locations.get(name) ?? { file: name }, version, size: Number(stat.size), settle: settling, maxBytes: this.limits.maxPostBytes, skip, source } };
  }

  // The rest of a read once its file was read and parsed (here or in a parse worker); throws what the read met.
  private readDone(name: string, { previous, job, keepSource }: Started, outcome: ParseOutcome): Read {
    if (outcome.unsettled !== undefined) return { unsettled: outcome.unsettled };
    const { hash, failure } = outcome;
    if (hash === undefined) throw failureError(failure!);
    const fail = (reason: string) => this.rejected(name, reason);
    this.indexDirty = true;
    const failed = this.failedBodies.get(name);
    if (failed?.hash === hash) return fail(failed.reason);
    this.failedBodies.delete(name);
    if (previous?.hash === hash) {
      this.cache.set(name, { ...previous, version: job.version });
      return { post: previous.post };
    }
    if (failure) {
      if (failure.post && !previous) this.rejectedVersions.set(name, job.version);
      throw failureError(failure);
    }
    const post = this.lists(keepSource) ? this.listed(name, hash, outcome.parsed!) : this.assembled(name, hash, outcome.parsed!, keepSource);
    const terms = post.categories.length + post.tags.length;
    const maxTerms = this.limits.maxTermsPerPost;
    if (terms > maxTerms) return fail(`has ${terms} categories and tags, more than ${maxTerms} (limits.maxTermsPerPost)`);
    this.cache.set(name, { hash, version: job.version, post });
    return { post, fresh: { previous } };
  }

  // Whether a post parsed afresh is listed for the site's rendering as a restored post is (its front
  // matter read again when a template asks for it): when its body is read again to render anyway.
  private lists(keepSource: boolean): boolean {
    return !keepSource && this.io.bodies !== undefined && this.site?.restore !== undefined;
  }

  // A post parsed afresh, listed as a restored post is: its parse's body and page are not kept (a parse
  // worker does not send them, see withoutSource), and at 100,000 posts no page a post stays on this heap.
  // The post is the object the parse's fields were copied to, given the rest with Object.assign: in
  // Node 20's V8 an object spread into a literal that adds a key of its own gets a hidden class of its
  // own, one per post (README, Large archives), where these share theirs.
  private listed(name: string, hash: string, parsed: ParsedPost): Post {
    const { body: _, image, ...fields } = parsed;
    const content = this.restoredContent({ file: name, date: fields.date, published: fields.published }, hash, this.site!);
    return Object.assign(fields, image ? { image } : {}, this.terms.fields(fields), { content });
  }

  // A post parsed afresh, its content made by the site's rendering (which lists it with its page); made
  // as `listed` makes one, with Object.assign.
  private assembled(name: string, hash: string, parsed: ParsedPost, keepSource: boolean): Post {
    const assembled = assemblePost(parsed, this.site!);
    const bodies = this.io.bodies;
    const content = bodies && new CachedContent(bodies, this.reread(name, hash, this.site!, false), keepSource ? assembled.content : undefined);
    return Object.assign(assembled, this.terms.fields(assembled), content ? { content } : {});
  }

  // What an error met by a read means: a rejection with its reason, a transient failure, or a file that is gone.
  private readFailed(name: string, error: unknown): Read {
    const fail = (reason: string, line?: number) => this.rejected(name, reason, line);
    if (error instanceof PostError) return fail(error.message, error.line);
    const code = (error as NodeJS.ErrnoException).code;
    if (transientReason(code)) return { transient: code! };
    if (code === 'ENOENT') return this.hasUndecodableName(name) ? fail('the file name is not UTF-8: rename it') : {};
    return fail(ERRNO_REASONS[code ?? ''] ?? `cannot read: ${code ?? (error as Error).message}`);
  }

  // The real path of a link's target, or undefined when the target does not exist.
  private linkTarget(file: string): string | undefined {
    try {
      return this.io.fs.realpathSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  // A name that is not UTF-8 is listed with U+FFFD in place of its bad bytes, and cannot be opened by it.
  private hasUndecodableName(name: string): boolean {
    if (!name.includes('\uFFFD')) return false;
    return this.io.fs.readdirSync(this.dir, { encoding: 'buffer' }).some((raw) => !isUtf8(raw) && raw.toString('utf8') === name);
  }
}

// File names start with their date, so ordering by the name (without folders) orders by date.
function oldestFirst(names: readonly string[]): string[] {
  const base = (name: string) => name.slice(name.lastIndexOf('/') + 1);
  return [...names].sort((a, b) => (base(a) < base(b) ? -1 : base(a) > base(b) ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

// Two posts with one id would give duplicate guids; the first by file name keeps it, the other is reported.
function dropDuplicateIds(posts: readonly Post[], problems: PostProblem[]): Post[] {
  const seen = new Map<string, string>();
  const kept: Post[] = [];
  for (const post of posts) {
    const owner = seen.get(post.id);
    if (owner) {
      problems.push({ file: post.file, reason: `has the same id (${post.id}) as ${owner}; set a distinct id, slug or date` });
      continue;
    }
    seen.set(post.id, post.file);
    kept.push(post);
  }
  return kept;
}
