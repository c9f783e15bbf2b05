import type { AliasSpelling, Scope, TermKind } from '../address/address.js';
import type { UrlScheme } from '../address/url-scheme.js';
import { VIEWS, type FormatUrls, type View } from '../model/feed.js';
import type { Term } from '../model/post.js';

/** Which posts a feed carries, resolved: the whole site, or one category, tag or author, with its name. */
export type Selection = { readonly kind: 'site' } | { readonly kind: TermKind; readonly term: Term };

/** The scope a selection's URLs name. */
export function scopeOf(selection: Selection): Scope {
  return selection.kind === 'site' ? { kind: 'site' } : { kind: selection.kind, slug: selection.term.slug };
}

function everyView(url: (view: View) => string): FormatUrls {
  return Object.fromEntries(VIEWS.map((view) => [view, url(view)])) as Record<View, string>;
}

/** A document spelled through an alias of its own: in its view, its URLs are the alias's (jekyll-feed's paths). */
export interface Spelling {
  readonly view: View;
  readonly alias: AliasSpelling;
}

/** Absolute URLs of one page of a selection's feed in every view; in `spelling`'s view, the alias's. */
export function feedUrls(scheme: UrlScheme, selection: Selection, query: { page?: number; limit?: number } = {}, spelling?: Spelling): FormatUrls {
  const scope = scopeOf(selection);
  const page = query.page ?? 1;
  const limit = query.limit === undefined ? {} : { limit: query.limit };
  return everyView((view) => scheme.addressUrl({ kind: 'feed', scope, view, page, ...limit, ...(view === spelling?.view ? { alias: spelling.alias } : {}) }));
}

/** Absolute URLs of archive document `number` (1 = oldest) of a selection's feed, in every view. */
export function archiveUrls(scheme: UrlScheme, selection: Selection, number: number): FormatUrls {
  const scope = scopeOf(selection);
  return everyView((view) => scheme.addressUrl({ kind: 'archive', scope, view, number }));
}
