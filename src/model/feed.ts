import type { Author, Image, Term } from './post.js';

export type Format = 'rss' | 'atom' | 'json';
export const FORMATS: readonly Format[] = ['rss', 'atom', 'json'];

/** The feed formats plus the HTML view of a feed, for people. */
export type View = Format | 'html';
export const VIEWS: readonly View[] = [...FORMATS, 'html'];

/** One URL per view: a page of a feed exists in every format and as HTML. */
export type FormatUrls = Readonly<Record<View, string>>;

/**
 * RFC 5005 links of one feed document: §3 paging (first, last, previous, next) on pages of the
 * subscription feed, §4 archives (current, prev-archive, next-archive) on it and on archive documents.
 */
export interface FeedLinks {
  readonly first?: FormatUrls;
  readonly last?: FormatUrls;
  readonly previous?: FormatUrls;
  readonly next?: FormatUrls;
  readonly current?: FormatUrls;
  readonly prevArchive?: FormatUrls;
  readonly nextArchive?: FormatUrls;
}

/** Each RFC 5005 link and the relation name it is written with. */
export const LINK_RELATIONS: ReadonlyArray<readonly [keyof FeedLinks, string]> = [
  ['first', 'first'],
  ['last', 'last'],
  ['previous', 'previous'],
  ['next', 'next'],
  ['current', 'current'],
  ['prevArchive', 'prev-archive'],
  ['nextArchive', 'next-archive'],
];

/**
 * Which document of a feed this is: the subscription document itself (`live`), a page of it other than
 * the subscription URL (RFC 5005 §3: `?page=`, `?limit=`), or an archive document (§4, fh:archive).
 */
export type FeedPlace =
  | { readonly kind: 'live' }
  | { readonly kind: 'page'; readonly number: number; readonly of: number }
  | { readonly kind: 'archive'; readonly number: number; readonly of: number };

/** How often readers are asked to poll: RSS ttl, and the RSS 1.0 Syndication module's period and frequency. */
export interface PollingHint {
  readonly ttlMinutes: number;
  readonly period: 'hourly' | 'daily';
  /** Times per period (sy:updateFrequency), at least 1. */
  readonly frequency: number;
}

export interface FeedItem {
  readonly id: string;
  /** True when the id is the permalink itself (RSS guid isPermaLink). */
  readonly idIsPermalink: boolean;
  readonly url: string;
  readonly title: string;
  readonly published: Date;
  readonly updated: Date;
  /** Never empty: the site's author stands in for a post without one. */
  readonly authors: readonly Author[];
  readonly categories: readonly Term[];
  readonly tags: readonly Term[];
  /** Plain text; '' when the post has none (jekyll-feed then writes no summary). */
  readonly summary: string;
  /** The item's language when it is not the feed's (a post's `lang`). */
  readonly language?: string;
  /** The post's HTML, with its image at the top; '' for an item without content (jekyll-feed's excerpt_only). */
  readonly contentHtml: string;
  /**
   * The summary as HTML: the escaped text; for an item without content, its body: the text as a paragraph
   * with the image above it, so that readers that show only a body's images show it. '' when there is neither.
   */
  readonly summaryHtml: string;
  readonly image?: Image;
}

/** A feed ready to render: every URL absolute, every default decided. Renderers only read it. */
export interface Feed {
  readonly title: string;
  readonly description: string;
  /** Absent when the site names none (a Jekyll site without `lang`). */
  readonly language?: string;
  /** The page this feed is the feed of (site home, or the category or tag page). */
  readonly homePageUrl: string;
  /** The logical feed's id, shared by its pages and archive documents (Atom feed id). */
  readonly id: string;
  readonly self: FormatUrls;
  /** The subscription document of this feed: what every page and archive sends subscribers to. */
  readonly live: FormatUrls;
  readonly place: FeedPlace;
  readonly links: FeedLinks;
  readonly hubs: readonly string[];
  /** Newest item date; never the build time, so unchanged posts give identical bytes. */
  readonly updated: Date;
  readonly authors: readonly Author[];
  readonly polling: PollingHint;
  /** A square image identifying the feed (Atom icon, JSON Feed icon and favicon), absolute. */
  readonly icon?: string;
  /** A wide image identifying the feed (Atom logo, RSS image), absolute. */
  readonly logo?: string;
  readonly generator: string;
  /** Taxonomy URIs of categories and tags (Atom category scheme, RSS category domain). */
  readonly schemes: { readonly category: string; readonly tag: string };
  readonly items: readonly FeedItem[];
}
