import type { TermKind } from '../address/address.js';
import type { FeedItem, FormatUrls } from './feed.js';

/** A link from a post's page to another page: what it is called and where it is. */
export interface PageLink {
  readonly title: string;
  readonly url: string;
}

/** A post's page at its permalink, ready to render: every URL absolute, every default decided. */
export interface PostPage {
  readonly siteTitle: string;
  readonly language?: string;
  readonly icon?: string;
  readonly logo?: string;
  /** Herald's index page. */
  readonly indexUrl: string;
  /** The site feed, which the page announces for autodiscovery. */
  readonly siteFeed: FormatUrls;
  /** The post as the feeds carry it: title, dates, authors, image, sanitised HTML. */
  readonly item: FeedItem;
  /** The feed views of the post's categories, tags and authors, in that order. */
  readonly terms: ReadonlyArray<PageLink & { readonly kind: TermKind }>;
  readonly newer?: PageLink;
  readonly older?: PageLink;
}
