import { slugify } from '../content/slug.js';
import { addressKey, ownSpelling, TERM_KINDS, UnknownAddressError, type Address, type DocumentAddress, type FeedAddress, type PostAddress, type Scope, type ViewAddress } from '../address/address.js';
import type { PostPaths } from '../address/url-scheme.js';
import { DOCUMENT_SPECS, POST_PAGE, VIEW_SPECS, type ViewSpec } from '../address/views.js';
import { archiveCount, archiveMembers, buildArchive, buildFeed, newestUpdate, pageCount, type SiteSettings } from '../feed/build-feed.js';
import { buildPostPage } from '../feed/build-post-page.js';
import { feedUrls, scopeOf, type Selection } from '../feed/selection.js';
import type { Post } from '../model/post.js';
import { VIEWS, type Feed, type View } from '../model/feed.js';
import { renderIndex, type IndexEntry, type IndexPage } from '../render/render-index.js';
import { renderOpml } from '../render/render-opml.js';
import { renderPost } from '../render/render-post.js';
import { RENDERERS, renderViewInSlices } from '../render/render.js';
import type { Slicing } from '../render/sliced.js';
import { yieldToRequests } from '../schedule/yield-to-requests.js';
import { ByteCache, type Cacheable, type CacheFigures } from './byte-cache.js';
import { makeRendered, type Rendered } from './rendered.js';
import { buildSnapshot, termIndex, type Snapshot } from './snapshot.js';
import { isPreparable } from '../content/render-task.js';

/** How the store pages feeds and how much it may hold. */
export interface StoreSettings {
  /** The default page size. */
  readonly itemsPerFeed: number;
  /** The bound of the rendered-document cache, every variant counted (`cache.renderedBytes`). */
  readonly maxBytes: number;
}

/** One document of one selection's feed in one view, rendered only when `render` is called. */
export interface FeedEntry {
  readonly address: ViewAddress;
  /** Its path on Herald (`/tags/x/atom.xml`). */
  readonly path: string;
  /** The folder of its selection's feeds (`''` for the site, `/tags/x`): the views of one feed share it. */
  readonly folder: string;
  readonly selection: Selection;
  readonly view: View;
  readonly render: () => Rendered;
  /** The same bytes, taken from the cache when they are there but not kept in it otherwise. */
  readonly peek: () => Rendered;
  /** As `peek`, its items rendered a slice at a time between requests (see FeedStore.renderInSlices). */
  readonly peekInSlices: (slicing?: Slicing) => Promise<Rendered>;
  /** Whether `peek` finds its bytes cached and renders nothing. */
  readonly cached: () => boolean;
  /** The feed model `peek` renders (plain data: `RENDERERS[view]` makes the same bytes on another thread). */
  readonly model: () => Feed;
  /** The document it is a view of (its folder, page or archive): every view of one document has the same model. */
  readonly document: string;
  /** What the document is made from, as a string: equal keys (for one path) mean equal bytes, learnt without rendering. */
  readonly key: () => string;
  /** The posts whose bodies rendering it would render now (see FeedStore.unrendered). */
  readonly unrendered: () => Post[];
  /** The date (ms) of the newest post it shows; 0 for none. */
  readonly newest: () => number;
}

/** A post's page in one generation, rendered only when `render` is called. */
export interface PostPageEntry {
  readonly address: PostAddress;
  readonly post: Post;
  readonly render: () => Rendered;
  /** The same bytes, taken from the cache when they are there but not kept in it otherwise. */
  readonly peek: () => Rendered;
  /** What the page is made from, as FeedEntry.key. */
  readonly key: () => string;
  /** The posts whose bodies rendering it would render now. */
  readonly unrendered: () => Post[];
}

/** Which views a listing includes, read from the registry (`spec.validated`, `spec.exported`, …). */
export type ViewFilter = (spec: ViewSpec) => boolean;

/** A document in the cache: its bytes while it is cached, undefined once it has been evicted. Set `used` when serving it. */
export interface CachedDocument extends Cacheable {
  readonly rendered: Rendered | undefined;
}

const subscribable: ViewFilter = (spec) => spec.subscribable;

// What a cached document costs beyond its bytes: its key, its record and the post references it keeps.
const ENTRY_OVERHEAD = 1024;

interface Generation {
  readonly snapshot: Snapshot;
  /** The site settings the snapshot is served with (title, author, …), swapped with it. */
  readonly site: SiteSettings;
  readonly number: number;
}

/** A cached document and what it was rendered from, so that a later content version can reuse it. */
interface Slot extends CachedDocument {
  rendered: Rendered | undefined;
  /** The content version it was last found current in. */
  generation: number;
  readonly items: readonly Post[];
  /** How many posts the selection had: it decides the paging links and the feed's updated date. */
  readonly count: number;
  /** The newest date among them, the feed's `updated`. */
  readonly updated: number;
  /** The selection's name as shown in titles. */
  readonly name: string;
  /** The site settings it was rendered with. */
  readonly site: SiteSettings;
}

/** What a document is rendered from; equal inputs give equal bytes. */
type Inputs = Pick<Slot, 'items' | 'count' | 'updated' | 'name' | 'site'>;

type Build = (made: (bytes: number) => void) => Rendered;

/** What a document is made from and how: in one call, or (feed pages and archives) its text first, in slices. */
interface Making {
  readonly inputs?: Inputs;
  readonly build: Build;
  readonly sliced?: (slicing?: Slicing) => Promise<Build>;
  /** A feed page's or archive's model, which `build` and `sliced` render. */
  readonly model?: () => Feed;
}

/**
 * A cache of rendered documents by address, bounded by bytes (least recently used out). Each document
 * is rendered on first request into bytes with ETags and compressed variants; `swap` makes a new content
 * version current at once, so a response never mixes versions. A document whose inputs did not change
 * keeps its bytes across versions.
 */
export class FeedStore implements PostPaths {
  private generation: Generation;
  /** The URL scheme, fixed for the store's life (every generation's settings share it). */
  private readonly scheme: SiteSettings['scheme'];
  private readonly postIndexes = new WeakMap<Snapshot, ReadonlyMap<string, number>>();
  private readonly cache: ByteCache<string, Slot>;
  // A number for each post object and site settings a key names: a post read again is a new object.
  private readonly serials = new WeakMap<object, number>();
  private nextSerial = 0;

  constructor(
    site: SiteSettings,
    private readonly settings: StoreSettings,
    snapshot: Snapshot,
    private readonly onRender: (seconds: number) => void = () => {},
  ) {
    this.generation = { snapshot, site, number: 0 };
    this.scheme = site.scheme;
    this.cache = new ByteCache(settings.maxBytes, (slot) => (slot.rendered = undefined));
  }

  /** The snapshot being served. */
  get snapshot(): Snapshot {
    return this.generation.snapshot;
  }

  /** The site settings being served. */
  get site(): SiteSettings {
    return this.generation.site;
  }

  /** Whether `path` is a post's page in the content being served: a permalink under Herald's public URL. */
  hasPost(path: string): boolean {
    return this.postIndex(this.generation.snapshot).has(path);
  }

  /** Every post page of one generation (the posts whose permalinks lie under Herald's public URL). */
  postPages(): PostPageEntry[] {
    const generation = this.generation;
    const posts = generation.snapshot.posts;
    return [...this.postIndex(generation.snapshot)].map(([path, index]) => {
      const address = { kind: 'post', path } satisfies PostAddress;
      return {
        address, post: posts[index]!,
        render: () => this.render(generation, address).rendered,
        peek: () => this.render(generation, address, false).rendered,
        key: () => this.inputsKey(generation, address),
        unrendered: () => this.unrenderedIn(generation, address),
      };
    });
  }

  /**
   * Serves `snapshot` with `site` (by default the settings being served) from now on, both at once;
   * documents of earlier versions are reused only where their posts and settings are unchanged. The
   * settings must keep the store's URL scheme.
   */
  swap(snapshot: Snapshot, site: SiteSettings = this.generation.site): void {
    if (site.scheme !== this.scheme) throw new Error('FeedStore.swap: the site settings must keep the URL scheme the store was made with');
    this.generation = { snapshot, site, number: this.generation.number + 1 };
  }

  /**
   * Before the first content version: serves these documents as they were rendered (a restart's saved
   * pages, see Publisher), with `modified` as their Last-Modified, until `swap` brings the content; they
   * are rendered again then, from it. Returns whether it took them (not once content was swapped in).
   */
  preload(documents: ReadonlyArray<{ readonly address: FeedAddress; readonly contentType: string; readonly text: string }>, modified: Date): boolean {
    if (this.generation.number !== 0) return false;
    const generation = { ...this.generation, snapshot: buildSnapshot([], modified, undefined, modified) };
    this.generation = generation;
    for (const { address, contentType, text } of documents) {
      const rendered = makeRendered(text, contentType);
      // No inputs a content version can have (a count of -1): the first swap renders it again.
      const slot: Slot = { rendered, used: false, generation: generation.number, items: [], count: -1, updated: 0, name: '', site: generation.site };
      this.cache.set(addressKey(address), slot, rendered.identity.body.length + ENTRY_OVERHEAD);
    }
    return true;
  }

  /** The path of a document on Herald (`/feed.xml`). */
  pathOf(address: Address): string {
    return this.scheme.addressPath(address);
  }

  /** The cache's bytes, entries, bound and evictions. */
  figures(): CacheFigures {
    return this.cache.figures();
  }

  /**
   * The rendered document at an address, its cache entry (whose `rendered` is dropped when it is
   * evicted) and its Last-Modified (the snapshot's, `Snapshot.modified`); throws UnknownAddressError for
   * an unknown slug, page or archive.
   */
  cached(address: Address): { rendered: Rendered; document: CachedDocument; lastModified: Date } {
    const generation = this.generation;
    return { ...this.render(generation, address), lastModified: generation.snapshot.modified };
  }

  /**
   * Renders the document at `address` into the cache, as `cached` would, unless it is there: a feed page's
   * or archive's items `slicing.size` at a time (50 by default) with a turn of the event loop between
   * slices, so a 1,000-item page does not hold the thread for the whole render. Throws as `cached` does.
   */
  async renderInSlices(address: Address, slicing?: Slicing): Promise<void> {
    await this.renderSliced(this.generation, address, true, slicing);
  }

  /**
   * Whether the document at `address` can be served now without rendering: cached in this content version,
   * or cached from an earlier one with the same inputs. Throws UnknownAddressError as `cached` does.
   */
  isCached(address: Address): boolean {
    return 'hit' in this.lookup(this.generation, address);
  }

  /**
   * The posts whose bodies the document at `address` would render now, before it can be served from
   * prepared bodies (none when it is cached); throws UnknownAddressError as `cached` does.
   */
  unrendered(address: Address): Post[] {
    return this.unrenderedIn(this.generation, address);
  }

  /** How many posts a page of the feed at `address` shows. */
  pageSize(address: FeedAddress): number {
    return address.limit ?? ownSpelling(address)?.pageSize ?? this.settings.itemsPerFeed;
  }

  // A document served from the cache (this version's, or an earlier one's with the same inputs) renders no body.
  private unrenderedIn(generation: Generation, address: Address): Post[] {
    if (address.kind === 'index' || address.kind === 'opml') return [];
    const found = this.lookup(generation, address);
    if ('hit' in found) return [];
    return (found.inputs?.items ?? []).filter((post) => isPreparable(post.content) && !post.content.ready);
  }

  // The inputs of a document as a string (the index and OPML: their generation); throws UnknownAddressError as `cached` does.
  private inputsKey(generation: Generation, address: Address): string {
    const { inputs } = this.inputsOf(generation, address);
    if (!inputs) return `g${generation.number}`;
    const { site, count, updated, name, items } = inputs;
    return `${this.serial(site)} ${count} ${updated} ${items.map((post) => this.serial(post)).join(',')} ${name}`;
  }

  private serial(value: object): number {
    let serial = this.serials.get(value);
    if (serial === undefined) this.serials.set(value, (serial = this.nextSerial++));
    return serial;
  }

  /** The rendered document at an address; throws UnknownAddressError for an unknown slug, page or archive. */
  get(address: Address): Rendered {
    return this.render(this.generation, address).rendered;
  }

  /** Every feed's first page in the views `where` selects (subscribable formats by default), rendered from one generation. */
  renderAll(where: ViewFilter = subscribable): Array<FeedEntry & { rendered: Rendered }> {
    return this.feeds(where).map((feed) => ({ ...feed, rendered: feed.render() }));
  }

  /**
   * Every feed's first page in the views `where` selects, in one generation, each rendered only when
   * `render` is called: a long job (self-validation, WebSub) renders one at a time between requests.
   */
  feeds(where: ViewFilter = subscribable): FeedEntry[] {
    return this.entries(where, () => [{ kind: 'feed', page: 1 }]);
  }

  /** Every feed's pages after the first (RFC 5005 §3, the default page size) in the views `where` selects, in one generation. */
  pages(where: ViewFilter = subscribable): FeedEntry[] {
    return this.laterPages(where, (count) => Array.from({ length: count - 1 }, (_, index) => index + 2));
  }

  /** Every archive document (RFC 5005 §4) of every feed in the views `where` selects, in one generation. */
  archives(where: ViewFilter = subscribable): FeedEntry[] {
    const { snapshot, site } = this.generation;
    return this.entries(where, (selection) => {
      const count = archiveCount(this.postsOf(snapshot, scopeOf(selection)).length, site.archiveSize);
      return Array.from({ length: count }, (_, index) => ({ kind: 'archive', number: index + 1 }));
    });
  }

  /**
   * A sample of every feed's later pages in the views `where` selects: page 2 and the last page, where
   * a feed has them, at the default page size. Rendered only when `render` is called.
   */
  pageSample(where: ViewFilter = subscribable): FeedEntry[] {
    return this.laterPages(where, (count) => [...new Set([2, count])].filter((page) => page > 1 && page <= count));
  }

  // The pages `pick` chooses of each feed's page count, in the views `where` selects, in one generation.
  private laterPages(where: ViewFilter, pick: (count: number) => number[]): FeedEntry[] {
    const snapshot = this.generation.snapshot;
    return this.entries(where, (selection) =>
      pick(pageCount(this.postsOf(snapshot, scopeOf(selection)).length, this.settings.itemsPerFeed)).map((page) => ({ kind: 'feed', page })),
    );
  }

  /** The HTML index or the OPML list of every feed, rendered once per generation. */
  document(kind: DocumentAddress['kind']): Rendered {
    return this.get({ kind });
  }

  private entries(where: ViewFilter, documents: (selection: Selection) => Array<{ kind: 'feed'; page: number } | { kind: 'archive'; number: number }>): FeedEntry[] {
    const generation = this.generation;
    const scheme = this.scheme;
    const views = VIEWS.filter((view) => where(VIEW_SPECS[view]));
    return this.selections(generation.snapshot).flatMap((selection) => {
      const scope = scopeOf(selection);
      const folder = scheme.scopePath(scope);
      return documents(selection).flatMap((document) => {
        const id = `${folder} ${document.kind} ${document.kind === 'feed' ? document.page : document.number}`;
        return views.map((view) => {
          // Not a spread adding keys: in Node 20's V8 that gives each address a hidden class of its own (README, Large archives).
          const address: ViewAddress = Object.assign({}, document, { scope, view });
          const render = (keep: boolean) => () => this.render(generation, address, keep).rendered;
          const peekInSlices = async (slicing?: Slicing) => (await this.renderSliced(generation, address, false, slicing)).rendered;
          const cached = () => 'hit' in this.lookup(generation, address);
          const model = () => this.inputsOf(generation, address).model!();
          const key = () => this.inputsKey(generation, address);
          const unrendered = () => this.unrenderedIn(generation, address);
          const newest = () => this.inputsOf(generation, address).inputs?.items[0]?.date.getTime() ?? 0;
          return { address, path: scheme.addressPath(address), folder, selection, view, render: render(true), peek: render(false), peekInSlices, cached, model, document: id, key, unrendered, newest };
        });
      });
    });
  }

  private selections(snapshot: Snapshot): Selection[] {
    return [{ kind: 'site' }, ...TERM_KINDS.flatMap((kind) => [...termIndex(snapshot, kind).values()].map(({ term }) => ({ kind, term })))];
  }

  // The index in the snapshot's posts of each post page, by path; once per snapshot.
  private postIndex(snapshot: Snapshot): ReadonlyMap<string, number> {
    let index = this.postIndexes.get(snapshot);
    if (!index) {
      const paths = new Map<string, number>();
      snapshot.posts.forEach((post, position) => {
        const address = this.scheme.postAddress(post.url);
        if (address && !paths.has(address.path)) paths.set(address.path, position);
      });
      this.postIndexes.set(snapshot, (index = paths));
    }
    return index;
  }

  // A post page is made from the post and its neighbours; its position stands in for the count.
  private postOf({ snapshot, site }: Generation, address: PostAddress): Making & { inputs: Inputs } {
    const index = this.postIndex(snapshot).get(address.path);
    if (index === undefined) throw new UnknownAddressError('no post at this address');
    const posts = snapshot.posts;
    const items = [posts[index - 1], posts[index], posts[index + 1]].filter((post): post is Post => post !== undefined);
    const build = (made: (bytes: number) => void) => {
      const page = buildPostPage(posts, index, site);
      return makeRendered(renderPost(page), POST_PAGE.contentType, made);
    };
    return { inputs: { items, count: index, updated: newestUpdate(items).getTime(), name: '', site }, build };
  }

  // A document current in `generation` is served as it is; one from an earlier version when its inputs
  // are the same (the same post objects: a post read again after an edit is a new object), so a change
  // re-renders only the documents that show it. Documents of a version no longer current are not kept.
  private render(generation: Generation, address: Address, keep = true): { rendered: Rendered; document: CachedDocument } {
    const found = this.lookup(generation, address);
    return 'hit' in found ? found.hit : this.keep(generation, found.key, found.inputs, keep, found.build);
  }

  // As `render`, a feed page's or archive's text rendered in slices of items between requests first.
  private async renderSliced(generation: Generation, address: Address, keep: boolean, slicing?: Slicing): Promise<{ rendered: Rendered; document: CachedDocument }> {
    const found = this.lookup(generation, address);
    if ('hit' in found) return found.hit;
    const build = found.sliced ? await found.sliced(slicing) : found.build;
    return this.keep(generation, found.key, found.inputs, keep, build);
  }

  // The document's cached bytes when they can be served in `generation`, else what makes them.
  private lookup(generation: Generation, address: Address): { hit: { rendered: Rendered; document: CachedDocument } } | ({ key: string } & Making) {
    const key = addressKey(address);
    const slot = this.cache.get(key);
    if (slot?.rendered && slot.generation === generation.number) return { hit: { rendered: slot.rendered, document: slot } };
    const making = this.inputsOf(generation, address);
    if (slot?.rendered && making.inputs && sameInputs(slot, making.inputs)) {
      slot.generation = Math.max(slot.generation, generation.number);
      return { hit: { rendered: slot.rendered, document: slot } };
    }
    return { key, ...making };
  }

  // Builds a document and keeps it while `generation` is current.
  private keep(generation: Generation, key: string, inputs: Inputs | undefined, keep: boolean, build: Build): { rendered: Rendered; document: CachedDocument } {
    const fresh: Slot = { rendered: undefined, used: false, generation: generation.number, ...(inputs ?? { items: [], count: 0, updated: 0, name: '', site: generation.site }) };
    const current = keep && generation === this.generation;
    const rendered = build((bytes) => current && this.cache.grow(key, fresh, bytes));
    fresh.rendered = rendered;
    if (current) this.cache.set(key, fresh, rendered.identity.body.length + ENTRY_OVERHEAD + 8 * fresh.items.length);
    return { rendered, document: fresh };
  }

  // What a document is made from and how to make it; no inputs for the index and OPML, rendered once per version.
  private inputsOf(generation: Generation, address: Address): Making {
    if (address.kind === 'index' || address.kind === 'opml') return { build: (made) => this.documentOf(generation, address, made) };
    if (address.kind === 'post') return this.postOf(generation, address);
    const { snapshot, site } = generation;
    const selection = this.selection(snapshot, address.scope);
    const posts = this.postsOf(snapshot, address.scope);
    const name = nameOf(selection);
    if (address.kind === 'archive') {
      const count = archiveCount(posts.length, site.archiveSize);
      if (address.number < 1 || address.number > count) throw new UnknownAddressError(`this feed has ${count} archive documents`);
      const items = archiveMembers(posts, site.archiveSize, address.number);
      const build = () => buildArchive(posts, selection, site, address.number)!;
      return { inputs: { items, count, updated: newestUpdate(items).getTime(), name, site }, ...this.feedMaking(build, address.view) };
    }
    const own = ownSpelling(address);
    const size = this.pageSize(address);
    const pages = pageCount(posts.length, size);
    if (address.page > pages) throw new UnknownAddressError(`this feed has ${pages} page${pages === 1 ? '' : 's'}`);
    const items = posts.slice((address.page - 1) * size, address.page * size);
    const page = {
      number: address.page,
      size,
      ...(address.limit === undefined ? {} : { explicitLimit: address.limit }),
      ...(own ? { spelling: { view: address.view, alias: own } } : {}),
    };
    const updated = this.updatedOf(snapshot, address.scope);
    const build = () => buildFeed(posts, selection, site, page, updated);
    return { inputs: { items, count: posts.length, updated: updated.getTime(), name, site }, ...this.feedMaking(build, address.view) };
  }

  private documentOf({ snapshot, site }: Generation, address: DocumentAddress, made: (bytes: number) => void): Rendered {
    const page = this.indexPage(snapshot, site);
    const updated = snapshot.posts[0]?.date ?? new Date(0);
    const text = address.kind === 'index' ? renderIndex(page) : renderOpml(page, `${site.url}/`, updated);
    return makeRendered(text, DOCUMENT_SPECS[address.kind].contentType, made);
  }

  private indexPage(snapshot: Snapshot, site: SiteSettings): IndexPage {
    const counts = (selection: Selection) => this.postsOf(snapshot, scopeOf(selection)).length;
    const entry = (selection: Selection): IndexEntry => ({
      title: selection.kind === 'site' ? site.title : `${site.title}: ${selection.term.name}`,
      kind: selection.kind,
      count: counts(selection),
      urls: feedUrls(this.scheme, selection),
    });
    return {
      title: site.title,
      description: site.description,
      language: site.language ?? 'en',
      opmlUrl: this.scheme.addressUrl({ kind: 'opml' }),
      ...(site.icon ? { icon: site.icon } : {}),
      ...(site.logo ? { logo: site.logo } : {}),
      entries: this.selections(snapshot).map(entry),
    };
  }

  // A feed document rendered in one call, or its items in slices (the render time counted without the waits between slices).
  private feedMaking(build: () => Feed, view: View): Pick<Making, 'build' | 'sliced' | 'model'> {
    const { contentType } = VIEW_SPECS[view];
    const whole: Build = (made) => {
      const started = performance.now();
      const rendered = makeRendered(RENDERERS[view](build()), contentType, made);
      this.onRender((performance.now() - started) / 1000);
      return rendered;
    };
    const sliced = async (slicing: Slicing = {}): Promise<Build> => {
      const started = performance.now();
      let waited = 0;
      const wait = slicing.between ?? yieldToRequests;
      const between = async () => {
        const at = performance.now();
        await wait();
        waited += performance.now() - at;
      };
      const text = await renderViewInSlices(view, build(), { ...slicing, between });
      return (made) => {
        const rendered = makeRendered(text, contentType, made);
        this.onRender((performance.now() - started - waited) / 1000);
        return rendered;
      };
    };
    return { build: whole, sliced, model: build };
  }

  private selection(snapshot: Snapshot, scope: Scope): Selection {
    if (scope.kind === 'site') return { kind: 'site' };
    const found = termPosts(snapshot, scope);
    const folder = this.scheme.settings.folders[scope.kind];
    if (!found) throw new UnknownAddressError(`no ${scope.kind} "${scope.slug}": see /feeds.opml or / for the ${folder} that have feeds`);
    return { kind: scope.kind, term: found.term };
  }

  // The newest updated date of a selection's posts, kept in the snapshot (a feed's `updated`).
  private updatedOf(snapshot: Snapshot, scope: Scope): Date {
    if (scope.kind === 'site') return snapshot.updated;
    return termPosts(snapshot, scope)?.updated ?? new Date(0);
  }

  private postsOf(snapshot: Snapshot, scope: Scope): readonly Post[] {
    if (scope.kind === 'site') return snapshot.posts;
    return termPosts(snapshot, scope)?.posts ?? [];
  }
}

// A term by its slug, or by its name as the entries' `<category term>` writes it (`News`, `Café Culture`).
function termPosts(snapshot: Snapshot, scope: Exclude<Scope, { kind: 'site' }>) {
  const terms = termIndex(snapshot, scope.kind);
  return terms.get(scope.slug) ?? terms.get(slugify(scope.slug));
}

function sameInputs(slot: Slot, inputs: Inputs): boolean {
  if (slot.site !== inputs.site || slot.count !== inputs.count || slot.updated !== inputs.updated || slot.name !== inputs.name || slot.items.length !== inputs.items.length) return false;
  return slot.items.every((post, index) => post === inputs.items[index]);
}

function nameOf(selection: Selection): string {
  return selection.kind === 'site' ? '' : selection.term.name;
}
