import { archiveCount, archiveMembers, buildArchive, buildFeed, newestUpdate, pageCount, type SiteSettings } from '../feed/build-feed.js';
import { CONTENT_TYPES, FEED_FILES, feedUrls, selectionPath, type Selection } from '../feed/selection.js';
import { BadRequestError, NotFoundError } from '../http/errors.js';
import type { Post } from '../model/post.js';
import { FORMATS, VIEWS, type Feed, type Format, type View } from '../model/feed.js';
import { renderIndex, type IndexEntry, type IndexPage } from '../render/render-index.js';
import { renderOpml } from '../render/render-opml.js';
import { RENDERERS } from '../render/render.js';
import { makeRendered, type Rendered } from './rendered.js';
import type { Snapshot } from './snapshot.js';

/** Paging settings: the default page size and the largest `?limit=` allowed. */
export interface PagingSettings {
  readonly itemsPerFeed: number;
  readonly maxLimit: number;
}

/** A feed address: which selection, which format, which page. */
export interface FeedAddress {
  readonly selection: Selection;
  readonly format: View;
  readonly page: number;
  readonly limit?: number;
  /** An RFC 5005 §4 archive document's number (1 = oldest) instead of a page. */
  readonly archive?: number;
}

interface Generation {
  readonly snapshot: Snapshot;
  /** The index and OPML documents. */
  readonly rendered: Map<string, Rendered>;
  readonly pages: Map<string, RenderedPage>;
}

/** A rendered feed page and what it was rendered from. */
interface RenderedPage {
  readonly rendered: Rendered;
  readonly items: readonly Post[];
  /** How many posts the selection had: it decides the paging links and the feed's updated date. */
  readonly count: number;
  /** The newest date among them, the feed's `updated`. */
  readonly updated: number;
}

const FILE_FORMAT = new Map<string, View>(VIEWS.map((view) => [FEED_FILES[view], view]));
const FEED_PATH = /^(?:\/(categories|tags)\/([^/]+))?(?:\/archive\/(\d{1,9}))?\/([^/]+)$/;

function positiveInteger(name: string, value: string | null, max: number): number | undefined {
  if (value === null) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new BadRequestError(`${name} must be a whole number from 1 to ${max}`);
  }
  return Number(value);
}

/**
 * The feeds of the current content version. Each page is rendered once, on first request, into bytes
 * with ETags and compressed variants; `swap` replaces the whole generation at once, so a response never
 * mixes versions.
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
    this.generation = { snapshot, rendered: new Map(), pages: new Map() };
  }

  /** The snapshot being served. */
  get snapshot(): Snapshot {
    return this.generation.snapshot;
  }

  /** Serves `snapshot` from now on; renders of the previous one are dropped. */
  swap(snapshot: Snapshot): void {
    this.previousPages = this.generation.pages;
    this.generation = { snapshot, rendered: new Map(), pages: new Map() };
  }

  /**
   * The rendered feed at a path and query, or undefined when the path is not a feed's. Throws
   * NotFoundError for an unknown slug or page and BadRequestError for a bad query value.
   */
  lookup(pathname: string, query: URLSearchParams): Rendered | undefined {
    const generation = this.generation;
    const address = this.parse(generation, pathname, query);
    return address && this.render(generation, address);
  }

  /** Every feed's first page, rendered from one generation: what the static export writes. */
  renderAll(): Array<{ path: string; selection: Selection; format: Format; rendered: Rendered }> {
    return this.feeds().map(({ render, ...feed }) => ({ ...feed, rendered: render() }));
  }

  /**
   * Every feed's first page in one generation, each rendered only when `render` is called: a long job
   * (self-validation, WebSub) renders one feed at a time between requests instead of all at once.
   */
  feeds(): Array<{ path: string; selection: Selection; format: Format; render: () => Rendered }> {
    const generation = this.generation;
    return this.listFeeds(generation.snapshot).map(({ selection, format }) => ({
      path: `${selectionPath(selection)}/${FEED_FILES[format]}`,
      selection,
      format,
      render: () => this.render(generation, { selection, format, page: 1 }),
    }));
  }

  /** Every archive document of every feed in one generation (RFC 5005 §4), each rendered when asked for. */
  archives(): Array<{ path: string; render: () => Rendered }> {
    const generation = this.generation;
    return this.listFeeds(generation.snapshot).flatMap(({ selection, format }) => {
      const count = archiveCount(this.postsOf(generation.snapshot, selection).length, this.site.archiveSize);
      return Array.from({ length: count }, (_, index) => ({
        path: `${selectionPath(selection)}/archive/${index + 1}/${FEED_FILES[format]}`,
        render: () => this.render(generation, { selection, format, page: 1, archive: index + 1 }),
      }));
    });
  }

  /** The HTML index or the OPML list of every feed, rendered once per generation. */
  document(kind: 'index' | 'opml'): Rendered {
    const generation = this.generation;
    let rendered = generation.rendered.get(kind);
    if (!rendered) {
      const page = this.indexPage(generation.snapshot);
      const updated = generation.snapshot.posts[0]?.date ?? new Date(0);
      rendered =
        kind === 'index'
          ? makeRendered(renderIndex(page), 'text/html; charset=utf-8', updated)
          : makeRendered(renderOpml(page, `${this.site.url}/`, updated), 'text/x-opml; charset=utf-8', updated);
      generation.rendered.set(kind, rendered);
    }
    return rendered;
  }

  private indexPage(snapshot: Snapshot): IndexPage {
    const entry = (selection: Selection, count: number): IndexEntry => ({
      title: selection.kind === 'site' ? this.site.title : `${this.site.title}: ${selection.term.name}`,
      kind: selection.kind,
      count,
      urls: feedUrls(this.site.publicUrl, selection),
    });
    return {
      title: this.site.title,
      description: this.site.description,
      language: this.site.language,
      opmlUrl: `${this.site.publicUrl}/feeds.opml`,
      ...(this.site.icon ? { icon: this.site.icon } : {}),
      ...(this.site.logo ? { logo: this.site.logo } : {}),
      entries: [
        entry({ kind: 'site' }, snapshot.posts.length),
        ...[...snapshot.categories.values()].map(({ term, posts }) => entry({ kind: 'category', term }, posts.length)),
        ...[...snapshot.tags.values()].map(({ term, posts }) => entry({ kind: 'tag', term }, posts.length)),
      ],
    };
  }

  /** The first page of every feed in every format. */
  listFeeds(snapshot: Snapshot = this.generation.snapshot): Array<{ selection: Selection; format: Format }> {
    const { categories, tags } = snapshot;
    const selections: Selection[] = [
      { kind: 'site' },
      ...[...categories.values()].map(({ term }) => ({ kind: 'category' as const, term })),
      ...[...tags.values()].map(({ term }) => ({ kind: 'tag' as const, term })),
    ];
    return selections.flatMap((selection) => FORMATS.map((format) => ({ selection, format })));
  }

  private parse(generation: Generation, pathname: string, query: URLSearchParams): FeedAddress | undefined {
    const match = FEED_PATH.exec(pathname);
    const format = match && FILE_FORMAT.get(match[4]!);
    if (!match || !format) return undefined;
    if (match[3] !== undefined) {
      if (query.size) throw new BadRequestError('an archive document takes no query parameters');
      return { selection: this.selection(generation.snapshot, match[1], match[2]), format, page: 1, archive: Number(match[3]) };
    }
    for (const key of query.keys()) {
      if (key !== 'page' && key !== 'limit') throw new BadRequestError(`unknown query parameter ${JSON.stringify(key)} (expected page or limit)`);
    }
    const page = positiveInteger('page', query.get('page'), 1_000_000) ?? 1;
    const limit = positiveInteger('limit', query.get('limit'), this.paging.maxLimit);
    const selection = this.selection(generation.snapshot, match[1], match[2]);
    return { selection, format, page, ...(limit === undefined ? {} : { limit }) };
  }

  private render(generation: Generation, address: FeedAddress): Rendered {
    const { selection } = address;
    const term = selection.kind === 'site' ? '' : `${selection.term.slug} ${selection.term.name}`;
    const key = `${address.format} ${selection.kind} ${term} ${address.page} ${address.limit ?? ''} ${address.archive ?? ''}`;
    let page = generation.pages.get(key);
    if (!page) {
      const posts = this.postsOf(generation.snapshot, selection);
      page = address.archive === undefined ? this.pageOf(key, posts, address) : this.archiveOf(key, posts, address, address.archive);
      generation.pages.set(key, page);
    }
    return page.rendered;
  }

  private pageOf(key: string, posts: readonly Post[], address: FeedAddress): RenderedPage {
    const size = address.limit ?? this.paging.itemsPerFeed;
    const pages = pageCount(posts.length, size);
    if (address.page > pages) throw new NotFoundError(`this feed has ${pages} page${pages === 1 ? '' : 's'}`);
    const items = posts.slice((address.page - 1) * size, address.page * size);
    const updated = newestUpdate(posts).getTime();
    const page = { number: address.page, size, ...(address.limit === undefined ? {} : { explicitLimit: address.limit }) };
    return this.reusable(key, items, posts.length, updated) ?? this.renderPage(() => buildFeed(posts, address.selection, this.site, page), address, items, posts.length);
  }

  private archiveOf(key: string, posts: readonly Post[], address: FeedAddress, number: number): RenderedPage {
    const feed = buildArchive(posts, address.selection, this.site, number);
    if (!feed) throw new NotFoundError(`this feed has ${archiveCount(posts.length, this.site.archiveSize)} archive documents`);
    const items = archiveMembers(posts, this.site.archiveSize, number);
    const count = archiveCount(posts.length, this.site.archiveSize);
    return this.reusable(key, items, count, feed.updated.getTime()) ?? this.renderPage(() => feed, address, items, count);
  }

  // The previous generation's page when it shows the very same post objects out of as many posts (a post
  // read again after an edit is a new object): a change re-renders only the feeds that carry it.
  private reusable(key: string, items: readonly Post[], count: number, updated: number): RenderedPage | undefined {
    const before = this.previousPages.get(key);
    if (!before || before.count !== count || before.updated !== updated || before.items.length !== items.length) return undefined;
    return before.items.every((post, index) => post === items[index]) ? before : undefined;
  }

  private renderPage(build: () => Feed, address: FeedAddress, items: readonly Post[], count: number): RenderedPage {
    const started = performance.now();
    const feed = build();
    const rendered = makeRendered(RENDERERS[address.format](feed), CONTENT_TYPES[address.format], feed.updated);
    this.onRender((performance.now() - started) / 1000);
    return { rendered, items, count, updated: feed.updated.getTime() };
  }


  private selection(snapshot: Snapshot, folder: string | undefined, rawSlug: string | undefined): Selection {
    if (!folder || rawSlug === undefined) return { kind: 'site' };
    let slug: string;
    try {
      slug = decodeURIComponent(rawSlug);
    } catch {
      throw new NotFoundError(`no ${folder === 'categories' ? 'category' : 'tag'} with that slug`);
    }
    const index = folder === 'categories' ? snapshot.categories : snapshot.tags;
    const found = index.get(slug);
    const what = folder === 'categories' ? 'category' : 'tag';
    if (!found) throw new NotFoundError(`no ${what} "${slug}": see /feeds.opml or / for the ${folder} that have feeds`);
    return folder === 'categories' ? { kind: 'category', term: found.term } : { kind: 'tag', term: found.term };
  }

  private postsOf(snapshot: Snapshot, selection: Selection) {
    if (selection.kind === 'site') return snapshot.posts;
    const index = selection.kind === 'category' ? snapshot.categories : snapshot.tags;
    return index.get(selection.term.slug)?.posts ?? [];
  }
}
