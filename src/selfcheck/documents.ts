import type { Address } from '../address/address.js';
import type { UrlScheme } from '../address/url-scheme.js';
import { VIEW_SPECS } from '../address/views.js';
import type { Feed, View } from '../model/feed.js';
import type { FeedStore } from '../store/feed-store.js';
import type { Post } from '../model/post.js';
import type { Slicing } from '../render/sliced.js';
import type { Rendered } from '../store/rendered.js';

/** What kind of document a self-validation target is. */
export type TargetKind = 'feed' | 'page' | 'archive' | 'opml' | 'index' | 'post';

/** How a document is checked: as a feed (or OPML) by the validator, or as an HTML page. */
export type CheckKind = 'feed' | 'html';

/** One document Herald serves, as self-validation reads it: where it is, how to check it, its bytes on demand. */
export interface Target {
  readonly kind: TargetKind;
  readonly path: string;
  readonly url: string;
  /** The view of a feed, page or archive; 'opml' or 'html' for the site documents and post pages. */
  readonly format: View | 'opml';
  readonly check: CheckKind;
  /** The folder of the feed it belongs to (its views share it), for the first pages compared across formats. */
  readonly folder?: string;
  /** Its bytes, read without keeping them in the render cache (unless they are there already: what is served). */
  readonly render: () => Rendered;
  /** The same bytes, a feed document's items rendered a slice at a time between requests (FeedEntry.peekInSlices). */
  readonly renderInSlices?: (slicing?: Slicing) => Promise<Rendered>;
  /**
   * A feed document's model, for the checker to render (FeedEntry): whether its bytes are cached (then
   * `render` returns them), the model, and the document it is a view of (its views share one model).
   */
  readonly model?: { readonly cached: () => boolean; readonly build: () => Feed; readonly document: string };
  /** What it is made from (FeedEntry.key): a verdict for the same path and key holds without rendering it. */
  readonly key?: () => string;
  /** The posts whose bodies `render` would render, to render off the thread first. */
  readonly unrendered?: () => readonly Post[];
}

/** The parts of the store self-validation reads. */
export type DocumentSource = Pick<FeedStore, 'feeds' | 'archives' | 'pageSample' | 'postPages' | 'get'>;

/** How many post pages a run reads, spread evenly over the posts. */
export const POST_SAMPLE = 20;

const checked = (view: View): CheckKind | undefined => (VIEW_SPECS[view].validated ? 'feed' : VIEW_SPECS[view].mediaType === 'text/html' ? 'html' : undefined);

/** `count` of `items` spread evenly from first to last (all of them when there are no more). */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, index) => items[Math.floor((index * (items.length - 1)) / Math.max(1, count - 1))]!);
}

/**
 * Every document a run checks, enumerated from the store and the URL scheme: each feed's first page in
 * every view the registry checks (the validated formats, and the HTML view), a sample of its later pages,
 * all its archives, the OPML list, the index, and a sample of the post pages. Feeds, pages and post pages
 * are read without filling the render cache (what requests put there stays; what no one asked for is not
 * kept); the OPML list and the index are kept, one each. Feeds, pages and archives are listed by the date
 * of the newest post each shows, newest first.
 */
export function documentsToCheck(store: DocumentSource, scheme: UrlScheme, postSample = POST_SAMPLE): Target[] {
  const where = (spec: (typeof VIEW_SPECS)[View]) => spec.validated || spec.mediaType === 'text/html';
  const url = (address: Address) => scheme.addressUrl(address);
  const feeds: Array<{ target: Target; newest: number }> = [];
  for (const [kind, entries] of [['feed', store.feeds(where)], ['page', store.pageSample(where)], ['archive', store.archives(where)]] as const) {
    for (const entry of entries) {
      const check = checked(entry.view)!;
      const target = { kind, path: entry.path, url: url(entry.address), format: entry.view, check, folder: entry.folder, render: entry.peek, renderInSlices: entry.peekInSlices, model: { cached: entry.cached, build: entry.model, document: entry.document }, key: entry.key, unrendered: entry.unrendered };
      feeds.push({ target, newest: entry.newest() });
    }
  }
  // Newest posts first, across feeds: the documents that show a post come close together, so its body is
  // rendered once and found in the bounded body cache by the others (a feed's views stay together).
  const targets: Target[] = feeds.sort((a, b) => b.newest - a.newest).map(({ target }) => target);
  for (const document of ['opml', 'index'] as const) {
    const address = { kind: document } satisfies Address;
    targets.push({ kind: document, path: scheme.addressPath(address), url: url(address), format: document === 'opml' ? 'opml' : 'html', check: document === 'opml' ? 'feed' : 'html', render: () => store.get(address) });
  }
  for (const page of spread(store.postPages(), postSample)) {
    targets.push({ kind: 'post', path: page.address.path, url: url(page.address), format: 'html', check: 'html', render: page.peek, key: page.key, unrendered: page.unrendered });
  }
  return targets;
}
