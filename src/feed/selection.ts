import type { FormatUrls, View } from '../model/feed.js';
import type { Term } from '../model/post.js';

/** Which posts a feed carries: the whole site, one category, or one tag. */
export type Selection =
  | { readonly kind: 'site' }
  | { readonly kind: 'category'; readonly term: Term }
  | { readonly kind: 'tag'; readonly term: Term };

/** File name of each format's feed, the same under every selection's folder. */
export const FEED_FILES: Readonly<Record<View, string>> = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json', html: 'feed.html' };

/** Media type served for each format. */
export const CONTENT_TYPES: Readonly<Record<View, string>> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/** The folder a selection's feeds live under: '' for the site, '/categories/<slug>', '/tags/<slug>'. */
export function selectionPath(selection: Selection): string {
  if (selection.kind === 'site') return '';
  const folder = selection.kind === 'category' ? 'categories' : 'tags';
  return `/${folder}/${encodeURIComponent(selection.term.slug)}`;
}

/** Absolute URLs of one page of a selection's feed in every format. */
export function feedUrls(publicUrl: string, selection: Selection, query: { page?: number; limit?: number } = {}): FormatUrls {
  const params = new URLSearchParams();
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.page !== undefined && query.page > 1) params.set('page', String(query.page));
  const search = params.size ? `?${params.toString()}` : '';
  const base = `${publicUrl}${selectionPath(selection)}/`;
  return {
    rss: `${base}${FEED_FILES.rss}${search}`,
    atom: `${base}${FEED_FILES.atom}${search}`,
    json: `${base}${FEED_FILES.json}${search}`,
    html: `${base}${FEED_FILES.html}${search}`,
  };
}

/** Absolute URLs of archive document `number` (1 = oldest) of a selection's feed, in every format. */
export function archiveUrls(publicUrl: string, selection: Selection, number: number): FormatUrls {
  const base = `${publicUrl}${selectionPath(selection)}/archive/${number}/`;
  return {
    rss: `${base}${FEED_FILES.rss}`,
    atom: `${base}${FEED_FILES.atom}`,
    json: `${base}${FEED_FILES.json}`,
    html: `${base}${FEED_FILES.html}`,
  };
}
