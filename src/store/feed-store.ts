import { addressKey, UnknownAddressError, type Address, type DocumentAddress, type Scope, type ViewAddress } from '../address/address.js';
import { DOCUMENT_SPECS, VIEW_SPECS, type ViewSpec } from '../address/views.js';
import { archiveCount, archiveMembers, buildArchive, buildFeed, newestUpdate, pageCount, type SiteSettings } from '../feed/build-feed.js';
import { feedUrls, scopeOf, type Selection } from '../feed/selection.js';
import type { Post } from '../model/post.js';
import { VIEWS, type Feed, type View } from '../model/feed.js';
import { renderIndex, type IndexEntry, type IndexPage } from '../render/render-index.js';
import { renderOpml } from '../render/render-opml.js';
import { RENDERERS } from '../render/render.js';
import { makeRendered, type Rendered } from './rendered.js';
import type { Snapshot } from './snapshot.js';

/** Paging settings: the default page size. */
export interface PagingSettings {
  readonly itemsPerFeed: number;
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
}

/** Which views a listing includes, read from the registry (`spec.validated`, `spec.exported`, …). */
export type ViewFilter = (spec: ViewSpec) => boolean;

const subscribable: ViewFilter = (spec) => spec.subscribable;

interface Generation {
  readonly snapshot: Snapshot;
  readonly pages: Map<string, RenderedPage>;
}

/** A rendered document and what it was rendered from, so the next content version can reuse it. */
interface RenderedPage {
  readonly rendered: Rendered;
  readonly items: readonly Post[];
  /** How many posts the selection had: it decides the paging links and the feed's updated date. */
  readonly count: number;
  /** The newest date among them, the feed's `updated`. */
  readonly updated: number;
  /** The selection's name as shown in titles. */
  readonly name: string;
}

/**
 * A cache of rendered documents by address, for the current content version. Each is rendered once, on
 * first request, into bytes with ETags and compressed variants; `swap` replaces the whole generation at
 * once, so a response never mixes versions.
 */
export class FeedStore {
  private generation: Generation;
  private previousPages = new Map<string, RenderedPage>();

  constructor(
    private readonly site: SiteSettings,
    private readonly paging: PagingSettings,
    snapshot: Snapshot,
    private readonly onRender: (seconds: number) => void = () => {},
  ) {
    this.generation = { snapshot, pages: new Map() };
  }

  /** The snapshot being served. */
  get snapshot(): Snapshot {
    return this.generation.snapshot;
  }

  /** Serves `snapshot` from now on; renders of the previous one are dropped. */
  swap(snapshot: Snapshot): void {
    this.previousPages = this.generation.pages;
    this.generation = { snapshot, pages: new Map() };
  }

  /** The rendered document at an address; throws UnknownAddressError for an unknown slug, page or archive. */
  get(address: Address): Rendered {
    return this.render(this.generation, address);
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

  /** Every archive document (RFC 5005 §4) of every feed in the views `where` selects, in one generation. */
  archives(where: ViewFilter = subscribable): FeedEntry[] {
    const snapshot = this.generation.snapshot;
    return this.entries(where, (selection) => {
      const count = archiveCount(this.postsOf(snapshot, scopeOf(selection)).length, this.site.archiveSize);
      return Array.from({ length: count }, (_, index) => ({ kind: 'archive', number: index + 1 }));
    });
  }

  /** The HTML index or the OPML list of every feed, rendered once per generation. */
  document(kind: DocumentAddress['kind']): Rendered {
    return this.get({ kind });
  }

  private entries(where: ViewFilter, documents: (selection: Selection) => Array<{ kind: 'feed'; page: 1 } | { kind: 'archive'; number: number }>): FeedEntry[] {
    const generation = this.generation;
    const scheme = this.site.scheme;
    const views = VIEWS.filter((view) => where(VIEW_SPECS[view]));
    return this.selections(generation.snapshot).flatMap((selection) => {
      const scope = scopeOf(selection);
      const folder = scheme.scopePath(scope);
      return documents(selection).flatMap((document) =>
        views.map((view) => {
          const address = { ...document, scope, view } satisfies ViewAddress;
          return { address, path: scheme.addressPath(address), folder, selection, view, render: () => this.render(generation, address) };
        }),
      );
    });
  }

  private selections(snapshot: Snapshot): Selection[] {
    return [
      { kind: 'site' },
      ...[...snapshot.categories.values()].map(({ term }) => ({ kind: 'category' as const, term })),
      ...[...snapshot.tags.values()].map(({ term }) => ({ kind: 'tag' as const, term })),
    ];
  }

  private render(generation: Generation, address: Address): Rendered {
    const key = addressKey(address);
    let page = generation.pages.get(key);
    if (!page) {
      page = address.kind === 'index' || address.kind === 'opml' ? this.documentOf(generation.snapshot, address) : this.viewOf(generation.snapshot, key, address);
      generation.pages.set(key, page);
    }
    return page.rendered;
  }

  private viewOf(snapshot: Snapshot, key: string, address: ViewAddress): RenderedPage {
    const selection = this.selection(snapshot, address.scope);
    const posts = this.postsOf(snapshot, address.scope);
    return address.kind === 'archive' ? this.archiveOf(key, posts, selection, address) : this.pageOf(key, posts, selection, address);
  }

  private documentOf(snapshot: Snapshot, address: DocumentAddress): RenderedPage {
    const page = this.indexPage(snapshot);
    const updated = snapshot.posts[0]?.date ?? new Date(0);
    const homePage = `${this.site.url}/`;
    const text = address.kind === 'index' ? renderIndex(page) : renderOpml(page, homePage, updated);
    return { rendered: makeRendered(text, DOCUMENT_SPECS[address.kind].contentType, updated), items: [], count: 0, updated: updated.getTime(), name: '' };
  }

  private indexPage(snapshot: Snapshot): IndexPage {
    const counts = (selection: Selection) => this.postsOf(snapshot, scopeOf(selection)).length;
    const entry = (selection: Selection): IndexEntry => ({
      title: selection.kind === 'site' ? this.site.title : `${this.site.title}: ${selection.term.name}`,
      kind: selection.kind,
      count: counts(selection),
      urls: feedUrls(this.site.scheme, selection),
    });
    return {
      title: this.site.title,
      description: this.site.description,
      language: this.site.language ?? 'en',
      opmlUrl: this.site.scheme.addressUrl({ kind: 'opml' }),
      ...(this.site.icon ? { icon: this.site.icon } : {}),
      ...(this.site.logo ? { logo: this.site.logo } : {}),
      entries: this.selections(snapshot).map(entry),
    };
  }

  private pageOf(key: string, posts: readonly Post[], selection: Selection, address: ViewAddress & { kind: 'feed' }): RenderedPage {
    const size = address.limit ?? this.paging.itemsPerFeed;
    const pages = pageCount(posts.length, size);
    if (address.page > pages) throw new UnknownAddressError(`this feed has ${pages} page${pages === 1 ? '' : 's'}`);
    const items = posts.slice((address.page - 1) * size, address.page * size);
    const updated = newestUpdate(posts).getTime();
    const page = { number: address.page, size, ...(address.limit === undefined ? {} : { explicitLimit: address.limit }) };
    const name = nameOf(selection);
    return this.reusable(key, items, posts.length, updated, name) ?? this.renderPage(() => buildFeed(posts, selection, this.site, page), address.view, items, posts.length, name);
  }

  private archiveOf(key: string, posts: readonly Post[], selection: Selection, address: ViewAddress & { kind: 'archive' }): RenderedPage {
    const feed = buildArchive(posts, selection, this.site, address.number);
    const count = archiveCount(posts.length, this.site.archiveSize);
    if (!feed) throw new UnknownAddressError(`this feed has ${count} archive documents`);
    const items = archiveMembers(posts, this.site.archiveSize, address.number);
    const name = nameOf(selection);
    return this.reusable(key, items, count, feed.updated.getTime(), name) ?? this.renderPage(() => feed, address.view, items, count, name);
  }

  // The previous generation's page when it shows the very same post objects out of as many posts, under
  // the same name (a post read again after an edit is a new object): a change re-renders only the feeds that carry it.
  private reusable(key: string, items: readonly Post[], count: number, updated: number, name: string): RenderedPage | undefined {
    const before = this.previousPages.get(key);
    if (!before || before.count !== count || before.updated !== updated || before.name !== name || before.items.length !== items.length) return undefined;
    return before.items.every((post, index) => post === items[index]) ? before : undefined;
  }

  private renderPage(build: () => Feed, view: View, items: readonly Post[], count: number, name: string): RenderedPage {
    const started = performance.now();
    const feed = build();
    const rendered = makeRendered(RENDERERS[view](feed), VIEW_SPECS[view].contentType, feed.updated);
    this.onRender((performance.now() - started) / 1000);
    return { rendered, items, count, updated: feed.updated.getTime(), name };
  }

  private selection(snapshot: Snapshot, scope: Scope): Selection {
    if (scope.kind === 'site') return { kind: 'site' };
    const found = (scope.kind === 'category' ? snapshot.categories : snapshot.tags).get(scope.slug);
    const folder = this.site.scheme.settings.folders[scope.kind];
    if (!found) throw new UnknownAddressError(`no ${scope.kind} "${scope.slug}": see /feeds.opml or / for the ${folder} that have feeds`);
    return { kind: scope.kind, term: found.term };
  }

  private postsOf(snapshot: Snapshot, scope: Scope): readonly Post[] {
    if (scope.kind === 'site') return snapshot.posts;
    return (scope.kind === 'category' ? snapshot.categories : snapshot.tags).get(scope.slug)?.posts ?? [];
  }
}

function nameOf(selection: Selection): string {
  return selection.kind === 'site' ? '' : selection.term.name;
}
