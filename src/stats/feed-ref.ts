import type { Address, Scope } from '../address/address.js';
import type { UrlScheme } from '../address/url-scheme.js';
import type { FeedRef } from './feed-tally.js';

const KIND_LABELS: Readonly<Record<Exclude<Scope['kind'], 'site'>, string>> = { category: 'Category', tag: 'Tag', author: 'Author' };

/** The stats key of a scope: `site`, `category:<slug>`, `tag:<slug>` (every view, page and archive of it shares it). */
export function scopeKey(scope: Scope): string {
  return scope.kind === 'site' ? 'site' : `${scope.kind}:${scope.slug}`;
}

/**
 * The feed a polled address counts for, or undefined for what is not polled: the index, OPML, and
 * views readers do not subscribe to (the HTML page). `name` is the term's name as shown in titles.
 */
export function feedRefOf(scheme: UrlScheme, address: Address, subscribable: boolean, name: string | undefined): FeedRef | undefined {
  if (address.kind === 'index' || address.kind === 'opml' || address.kind === 'post' || !subscribable) return undefined;
  const { scope } = address;
  return Object.freeze({
    key: scopeKey(scope),
    label: scope.kind === 'site' ? 'Everything' : `${KIND_LABELS[scope.kind]}: ${name ?? scope.slug}`,
    path: scheme.addressPath({ kind: 'feed', scope, view: 'html', page: 1 }),
  });
}
