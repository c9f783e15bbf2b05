import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { PostsFolderError, type LimitReached, type LoadResult, type PostLibrary } from '../content/post-library.js';
import type { SiteContext } from '../content/parse-post.js';
import type { SiteSettings } from '../feed/build-feed.js';
import type { Author, Post, PostProblem } from '../model/post.js';
import { SITE, type FeedAddress } from '../address/address.js';
import type { FeedStore } from './feed-store.js';
import { buildSnapshot, newestOf, type Snapshot } from './snapshot.js';
import { futureDates, patchSnapshot, type PostDelta } from './patch-snapshot.js';
import { pagesKey, readSavedPages, writeSavedPages } from './saved-pages.js';
import { FORMATS, type Format } from '../model/feed.js';
import { resolveAgain, sameFile } from '../content/image.js';
import { yieldToRequests } from '../schedule/yield-to-requests.js';

/** The clock the publisher reads and the timer it sets: real in production, fake in tests. */
export interface Clock {
  now(): Date;
  setTimeout(callback: () => void, ms: number): { unref?(): unknown };
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** What the last reload found: posts served, files that could not be read, and a folder-level problem. */
export interface ContentStatus {
  readonly loadedAt?: Date;
  readonly posts: number;
  readonly visible: number;
  readonly problems: readonly PostProblem[];
  /** Limits the folder reached (limits.maxPosts): what was left out, oldest first. */
  readonly limitsReached: readonly LimitReached[];
  readonly folderProblem?: string;
  /** How long the last reload took, from reading files to the swap. */
  readonly reloadSeconds?: number;
}

interface Change {
  full: boolean;
  files: Set<string>;
  images: boolean;
  /** Posts were withdrawn because their bodies failed to render: publish what the library holds. */
  bodies: boolean;
}

// setTimeout's largest delay; a reveal further away is re-armed when this one fires.
const MAX_DELAY = 2 ** 31 - 1;

// The site feed's first page in a format.
const firstPage = (view: Format): FeedAddress & { view: Format } => ({ kind: 'feed', scope: SITE, view, page: 1 });

// The site feed's first page, the feed most polled: its bodies render first after a full load.
const FIRST_PAGE = firstPage('rss');

// The index is written this long after a full load, not before its feeds are served: writing it takes this
// thread's time (a chunk of lines per turn of the event loop). Shutdown writes one still waiting (flushIndex).
const INDEX_DELAY_MS = 3_000;

/**
 * Where a publisher keeps the site feed's first pages for the next start (SavedPages), and what else
 * their bytes are made of besides the posts and the site (`settings`: the configuration, the running Herald).
 */
export interface SavedPagesPlace {
  readonly file: string;
  readonly settings: string;
}

/** The feed settings of the site the posts were read in; called again only when its `revision` changes. */
export type SettingsOf = (site: SiteContext) => SiteSettings;

/**
 * Keeps the store in step with posts/: each reload reads the folder, builds a snapshot and swaps it in
 * whole, with the site settings of the same read (`settingsOf`; without it the store keeps its own).
 * A future post is revealed by a timer at its date. Emits 'change' after every swap.
 */
export class Publisher extends EventEmitter<{ change: []; early: [paths: readonly string[]] }> {
  private status: ContentStatus = { posts: 0, visible: 0, problems: [], limitsReached: [] };
  private reveal: unknown;
  private retry: { handle: unknown; at: number } | undefined;
  private retryFiles: readonly string[] = [];
  private running: Promise<void> | undefined;
  private pending: Change = { full: false, files: new Set(), images: false, bodies: false };
  private lastPosts: Parameters<typeof buildSnapshot>[0] = [];
  private settings: { revision: string | undefined; site: SiteSettings } | undefined;
  private lastModified = new Date(0);
  // The snapshot this publisher last built, what it was built with, and its future posts' dates.
  private built: { snapshot: Snapshot; author: Author; showFuture: boolean; future: readonly number[] } | undefined;
  private showFuture = false;
  private reportedProblems = new Set<string>();
  private reportedLimits = '';
  private indexTimer: unknown;
  private indexWrite: Promise<void> = Promise.resolve();
  // The snapshot the last full load published: the one its saved pages are rendered from.
  private loadedSnapshot: Snapshot | undefined;
  // A hash of what this publisher last saved of its pages, which the file holds since.
  private savedPages: string | undefined;

  constructor(
    private readonly library: PostLibrary,
    private readonly store: FeedStore,
    private readonly log: Logger,
    private readonly clock: Clock = systemClock,
    private readonly settingsOf?: SettingsOf,
    private readonly saved?: SavedPagesPlace,
  ) {
    super();
  }

  /** What the last reload found. */
  get contentStatus(): ContentStatus {
    return this.status;
  }

  /** Reads the whole posts folder again. */
  reload(): Promise<void> {
    return this.request({ full: true });
  }

  /** Re-reads the named post files only (what a watcher saw change). */
  filesChanged(files: Iterable<string>): Promise<void> {
    return this.request({ files });
  }

  /** Re-reads image types and lengths after the static folder changed. */
  imagesChanged(): Promise<void> {
    return this.request({ images: true });
  }

  // Requests made while a run is under way are merged and handled by one more run after it.
  private request(change: { full?: boolean; files?: Iterable<string>; images?: boolean; bodies?: boolean }): Promise<void> {
    this.pending.full ||= change.full ?? false;
    this.pending.images ||= change.images ?? false;
    this.pending.bodies ||= change.bodies ?? false;
    for (const file of change.files ?? []) this.pending.files.add(file);
    if (!this.running) {
      // `running` is cleared in the same tick as the last look at `pending`, so no request falls between.
      this.running = (async () => {
        try {
          while (this.pending.full || this.pending.images || this.pending.bodies || this.pending.files.size) {
            const next = this.pending;
            this.pending = { full: false, files: new Set(), images: false, bodies: false };
            await this.reloadOnce(next);
          }
        } finally {
          this.running = undefined;
        }
      })();
    }
    return this.running;
  }

  /**
   * Renders the bodies of `posts` that are not rendered yet, in the render pool within its budget; a body
   * that fails is reported as its file's problem and the content is published again without its post.
   * `background`: for a self-validation run, after the bodies requests wait for.
   */
  async renderBodies(posts: readonly Post[], background = false): Promise<void> {
    if (posts.length && (await this.library.renderServed(posts, background))) await this.request({ bodies: true });
  }

  /** Stops the reveal timer and the retry of files rejected for a passing reason. */
  stop(): void {
    this.clearReveal();
    if (this.retry !== undefined) this.clock.clearTimeout(this.retry.handle);
    this.retry = undefined;
  }

  private clearReveal(): void {
    if (this.reveal !== undefined) this.clock.clearTimeout(this.reveal);
    this.reveal = undefined;
  }

  // Files rejected for a passing reason (a transient read error, still being written) are read again
  // after the library's pause, not only at the next rescan. A timer already set to fire sooner is kept (so
  // a stream of other edits cannot postpone the retry); it reads the files the last reload listed.
  private retryLater(retry: LoadResult['retry']): void {
    this.retryFiles = retry?.files ?? [];
    const at = retry && this.clock.now().getTime() + retry.afterMs;
    if (this.retry !== undefined && at !== undefined && this.retry.at <= at) return;
    if (this.retry !== undefined) this.clock.clearTimeout(this.retry.handle);
    this.retry = undefined;
    if (!retry || at === undefined) return;
    const handle = this.clock.setTimeout(() => {
      this.retry = undefined;
      this.filesChanged(this.retryFiles).catch((error: unknown) => this.log.error({ err: error }, 'reading posts again failed'));
    }, retry.afterMs);
    handle.unref?.();
    this.retry = { handle, at };
  }

  private async reloadOnce(change: Change): Promise<void> {
    const started = performance.now();
    let result;
    try {
      // Only the first load may serve saved pages, and only when some were saved: otherwise no key is made.
      const saved = this.status.loadedAt === undefined && this.saved && existsSync(this.saved.file) ? this.saved : undefined;
      const offer = saved && ((key: string, site: SiteContext) => this.offerSaved(saved, key, site));
      if (change.full) result = await this.library.load((posts, site) => this.renderLikelyFirstPage(posts, site), offer);
      else if (change.files.size) result = await this.library.update(change.files);
      if (change.images) result = this.library.refreshImages();
      result ??= this.library.current();
    } catch (error) {
      if (!(error instanceof PostsFolderError)) throw error;
      this.keepServing(error.message);
      return;
    }
    if (result.posts.length === 0 && result.problems.length === 0 && this.lastPosts.length > 0) {
      this.keepServing('the posts folder is empty');
      return;
    }
    // A full load's snapshot takes a few hundred ms at 100,000 posts: the requests that came first are answered first.
    if (change.full) await yieldToRequests();
    this.lastPosts = result.posts;
    this.takeSettings(result.site);
    this.lastModified = result.modified;
    this.publish(result.delta);
    if (change.full) {
      this.loadedSnapshot = this.store.snapshot;
      this.renderFirstPage();
    }
    this.status = {
      loadedAt: this.clock.now(),
      posts: result.posts.length,
      visible: this.store.snapshot.posts.length,
      problems: result.problems,
      limitsReached: result.limitsReached,
      reloadSeconds: (performance.now() - started) / 1000,
    };
    this.retryLater(result.retry);
    this.reportProblems(result.problems);
    this.reportLimits(result.limitsReached);
    this.log.info({ posts: result.posts.length, visible: this.status.visible, problems: result.problems.length, ms: Math.round(performance.now() - started) }, 'posts loaded');
    this.emit('change');
    // After a full reload only: an edit between two is found again by its file's identity and hash.
    if (change.full) this.saveIndexLater();
  }

  // The bodies of the site feed's first page (the feed most polled) render in the pool while this thread
  // finishes the reload and the server starts listening: the first request finds them rendered.
  private renderFirstPage(): void {
    const posts = this.store.unrendered(FIRST_PAGE);
    this.renderBodies(posts).catch((error: unknown) => this.log.error({ err: error }, 'rendering the first feed page failed'));
  }

  // Sooner still, once a full load has read every file: the bodies of the newest visible posts read, the
  // page's most likely posts, render while this thread makes the load's result and the snapshot (0.4 s at
  // 100,000 posts; the page's 50 bodies take 0.3 s to render). renderFirstPage then renders what the page
  // does show that is not rendered yet: nothing when the guess was right.
  private renderLikelyFirstPage(posts: readonly Post[], site: SiteContext): void {
    const failed = (error: unknown) => this.log.error({ err: error }, 'rendering the first feed page failed');
    // Never a reason for the load to fail: renderFirstPage renders the page after it.
    try {
      const nowMs = this.clock.now().getTime();
      const visible = (post: Post) => post.published && (site.future === true || post.date.getTime() <= nowMs);
      this.renderBodies(newestOf(posts, this.store.pageSize(FIRST_PAGE), visible)).catch(failed);
    } catch (error) {
      failed(error);
    }
  }

  private saveIndexLater(): void {
    if (this.indexTimer !== undefined) return;
    const handle = this.clock.setTimeout(() => void this.flushIndex(), INDEX_DELAY_MS);
    handle.unref?.();
    this.indexTimer = handle;
  }

  /** Writes the post index now if a full load left it to write; resolves once no write is under way. */
  flushIndex(): Promise<void> {
    if (this.indexTimer !== undefined) {
      this.clock.clearTimeout(this.indexTimer);
      this.indexTimer = undefined;
      // The pages first: a few hundred kilobytes, where the index of 100,000 posts takes seconds.
      this.indexWrite = this.indexWrite
        .then(() => this.savePages())
        .catch((error: unknown) => this.log.warn({ err: error }, 'the first pages could not be saved; the next start serves them after its load'))
        .then(() => this.library.saveIndex())
        .catch((error: unknown) => this.log.warn({ err: error }, 'the post index could not be written; the next start parses every post'));
    }
    return this.indexWrite;
  }

  // The first start of a publisher whose files look as they did when its pages were saved (the same key),
  // with no post come into view since and the pages' images as they were: the store serves the saved
  // pages until the load is over, and 'early' says where.
  private offerSaved(saved: SavedPagesPlace, filesKey: string, site: SiteContext): void {
    try {
      const pages = readSavedPages(saved.file, pagesKey(filesKey, saved.settings));
      if (!pages || (pages.until !== undefined && this.clock.now().getTime() >= pages.until)) return;
      if (!pages.images.every((image) => sameFile(resolveAgain(image, site.url, site.staticDir), image))) return;
      const documents = pages.pages.map(({ view, contentType, text }) => ({ address: firstPage(view), contentType, text }));
      if (this.store.preload(documents, new Date(pages.modified))) this.emit('early', documents.map(({ address }) => this.store.pathOf(address)));
    } catch (error) {
      this.log.warn({ err: error }, 'the saved first pages could not be served; they are served after the load');
    }
  }

  // With the index, when the content served is still the last full load's, it read every file as it is
  // (PostLibrary.loadedKey) and the pages' bodies are rendered: the site feed's first page in each format,
  // for the next start.
  private async savePages(): Promise<void> {
    const saved = this.saved;
    const snapshot = this.loadedSnapshot;
    if (!saved || !snapshot || snapshot !== this.store.snapshot) return;
    const filesKey = this.library.loadedKey();
    if (filesKey === undefined) return;
    const addresses = FORMATS.map(firstPage);
    // Their bodies rendered (renderFirstPage renders them after every full load): saving renders none.
    if (addresses.some((address) => this.store.unrendered(address).length > 0)) return;
    const pages = addresses.map((address) => {
      const rendered = this.store.get(address);
      return { view: address.view, contentType: rendered.contentType, text: rendered.identity.body.toString('utf8') };
    });
    const shown = snapshot.posts.slice(0, Math.max(...addresses.map((address) => this.store.pageSize(address))));
    const images = shown.flatMap((post) => (post.image ? [post.image] : []));
    const until = snapshot.nextReveal?.getTime();
    const record = { key: pagesKey(filesKey, saved.settings), modified: snapshot.modified.getTime(), ...(until === undefined ? {} : { until }), images, pages };
    // Not again when the file holds these pages already (a rescan that found nothing changed).
    const written = createHash('sha256').update(JSON.stringify(record)).digest('hex');
    if (written === this.savedPages) return;
    await writeSavedPages(saved.file, record);
    this.savedPages = written;
  }

  // The settings of the read the posts came from, made again only when the site's revision changed.
  private takeSettings(site: SiteContext): void {
    this.showFuture = site.future === true;
    if (!this.settingsOf || (this.settings && this.settings.revision === site.revision)) return;
    this.settings = { revision: site.revision, site: this.settingsOf(site) };
  }

  // A change of a few files patches the snapshot served (when this publisher built it with the same
  // author and future setting); anything else builds it from every post.
  private publish(delta?: PostDelta): void {
    const site = this.settings?.site ?? this.store.site;
    const now = this.clock.now();
    const built = this.built;
    const patchable = delta && built && built.snapshot === this.store.snapshot && built.author === site.author && built.showFuture === this.showFuture;
    const inputs = { now, siteAuthor: site.author, filesModified: this.lastModified, showFuture: this.showFuture };
    const patched = patchable ? patchSnapshot(built.snapshot, { ...inputs, delta, future: built.future }) : undefined;
    const snapshot = patched?.snapshot ?? buildSnapshot(this.lastPosts, now, site.author, this.lastModified, this.showFuture);
    const future = patched?.future ?? futureDates(this.lastPosts, now, this.showFuture);
    this.built = { snapshot, author: site.author, showFuture: this.showFuture, future };
    this.store.swap(snapshot, site);
    this.clearReveal();
    if (snapshot.nextReveal) {
      const delay = Math.min(MAX_DELAY, Math.max(0, snapshot.nextReveal.getTime() - this.clock.now().getTime()));
      const handle = this.clock.setTimeout(() => {
        this.publish();
        const { reloadSeconds: _, ...rest } = this.status;
        this.status = { ...rest, visible: this.store.snapshot.posts.length };
        this.log.info({ visible: this.status.visible }, 'scheduled post revealed');
        this.emit('change');
      }, delay);
      handle.unref?.();
      this.reveal = handle;
    }
  }

  private keepServing(reason: string): void {
    this.status = { ...this.status, folderProblem: `${reason}; still serving the last ${this.lastPosts.length} posts read` };
    this.log.error({ reason }, 'posts folder problem; serving the last good version');
  }

  // A limit reached is logged when it is first reached and again when what it leaves out changes.
  private reportLimits(limits: readonly LimitReached[]): void {
    const key = JSON.stringify(limits);
    if (key === this.reportedLimits) return;
    this.reportedLimits = key;
    for (const limit of limits) this.log.warn(limit, `${limitMessage(limit)}; raise ${limit.key} to serve them`);
  }

  // Each problem is logged once, when it first appears, not on every reload.
  private reportProblems(problems: readonly PostProblem[]): void {
    const current = new Set<string>();
    for (const problem of problems) {
      const key = `${problem.file}\u0000${problem.reason}`;
      current.add(key);
      if (!this.reportedProblems.has(key)) this.log.warn({ file: problem.file, line: problem.line, reason: problem.reason }, 'post rejected');
    }
    this.reportedProblems = current;
  }
}

/** One line saying what a limit left out, for the log and /status. */
export function limitMessage(limit: LimitReached): string {
  return `${limit.key} (${limit.limit}) reached: ${limit.leftOut} of ${limit.found} post files left out, the oldest, up to ${limit.newestLeftOut}`;
}
