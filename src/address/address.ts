import type { View } from '../model/feed.js';

/** The kinds of term that have feeds of their own, each under a folder of its own (`urls.<folder>`). */
export type TermKind = 'category' | 'tag' | 'author';

/** Every term kind, in the order the index and OPML list them. */
export const TERM_KINDS: readonly TermKind[] = ['category', 'tag', 'author'];

/** Which posts a feed carries, as a URL names them: the whole site, or one term by its slug. */
export type Scope = { readonly kind: 'site' } | { readonly kind: TermKind; readonly slug: string };

/**
 * How a URL named an address through an alias (`urls.aliases`, or jekyll-feed's paths in site mode): the
 * pattern, and the name its placeholder matched, as the URL wrote it.
 */
export interface AliasSpelling {
  readonly pattern: string;
  readonly name?: string;
  /**
   * Set when the alias is a document of its own (jekyll-feed's paths): its self, paging and feed id
   * URLs are the alias's, and this is its default page size. Else it is another URL for Herald's own.
   */
  readonly pageSize?: number;
}

/** One page of a selection's feed in one view; `limit` when the URL named a page size. */
export interface FeedAddress {
  readonly kind: 'feed';
  readonly scope: Scope;
  readonly view: View;
  readonly page: number;
  readonly limit?: number;
  /** The alias the URL was written in: the route label, and the document itself for an alias of its own. */
  readonly alias?: AliasSpelling;
}

/** RFC 5005 §4 archive document `number` (1 = oldest) of a selection's feed in one view. */
export interface ArchiveAddress {
  readonly kind: 'archive';
  readonly scope: Scope;
  readonly view: View;
  readonly number: number;
  readonly alias?: AliasSpelling;
}

/** The index page or the OPML list. */
export type DocumentAddress = { readonly kind: 'index' } | { readonly kind: 'opml' };

/**
 * The page of one post at its permalink, when the permalink lies under Herald's public URL: `path` is
 * the permalink's path below it (`/2025/10/02/field-notes.html`), percent-encoded as in the permalink.
 */
export interface PostAddress {
  readonly kind: 'post';
  readonly path: string;
}

/** Everything Herald serves from its content, by what it is rather than how its URL is spelled. */
export type Address = FeedAddress | ArchiveAddress | DocumentAddress | PostAddress;

/** A feed page or an archive document: an address that is a view of one selection's posts. */
export type ViewAddress = FeedAddress | ArchiveAddress;

/** The site-wide scope. */
export const SITE: Scope = Object.freeze({ kind: 'site' });

/** True when an address is spelled through an alias that is a document of its own (its URLs are the alias's). */
export function ownSpelling(address: Address): AliasSpelling | undefined {
  return address.kind === 'feed' && address.alias?.pageSize !== undefined ? address.alias : undefined;
}

/**
 * A key that names the resource an address denotes, independent of how its URL was spelled (an alias,
 * `?page=1`, percent-encoding): what caches are keyed by. An alias of its own is another document.
 */
export function addressKey(address: Address): string {
  if (address.kind === 'index' || address.kind === 'opml') return address.kind;
  if (address.kind === 'post') return `post ${address.path}`;
  const scope = address.scope.kind === 'site' ? 'site' : `${address.scope.kind}:${address.scope.slug}`;
  if (address.kind === 'archive') return `${address.view} ${scope} archive ${address.number}`;
  const own = ownSpelling(address);
  const spelling = own ? ` ${own.pattern} ${own.name ?? ''}` : '';
  return `${address.view} ${scope} ${address.page} ${address.limit ?? ''}${spelling}`;
}

/** A 400: the URL names a feed, but with a query the scheme does not accept. */
export class BadAddressError extends Error {
  override name = 'BadAddressError';
}

/** A 404: the URL is in Herald's scheme but names no feed, page or archive that exists. */
export class UnknownAddressError extends Error {
  override name = 'UnknownAddressError';
}
