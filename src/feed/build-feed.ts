import { escapeHtml } from '../content/escape-html.js';
import { stripHtml } from '../content/post-title.js';
import type { Feed, FeedItem, FeedLinks, FeedPlace, PollingHint } from '../model/feed.js';
import type { Author, Post } from '../model/post.js';
import type { UrlScheme } from '../address/url-scheme.js';
import { archiveUrls, feedUrls, type Selection, type Spelling } from './selection.js';

/** What the build step needs of the site configuration. */
export interface SiteSettings {
  readonly title: string;
  readonly description: string;
  readonly url: string;
  /** Herald's URLs: self, paging and archive links, the feed id. */
  readonly scheme: UrlScheme;
  /** Absent for a Jekyll site without `lang`. */
  readonly language?: string;
  readonly author: Author;
  /** Seconds a reader may keep a feed before asking again (Cache-Control max-age). */
  readonly cacheMaxAge: number;
  readonly hubs: readonly string[];
  /** Absolute URLs of the site's square icon and wide logo, when configured. */
  readonly icon?: string;
  readonly logo?: string;
  /** Posts per RFC 5005 archive document: the default page size, so the first page covers what no archive holds. */
  readonly archiveSize: number;
}

/**
 * One page of a feed: 1-based page number and page size; `explicitLimit` when the URL named one;
 * `spelling` when it is the document of an alias of its own (jekyll-feed's paths).
 */
export interface Page {
  readonly number: number;
  readonly size: number;
  readonly explicitLimit?: number;
  readonly spelling?: Spelling;
}

const EPOCH = new Date(0);

/** The number of pages `count` posts take (at least one: an empty feed is still a feed). */
export function pageCount(count: number, size: number): number {
  return Math.max(1, Math.ceil(count / size));
}

/** Whether a post was updated after its date (its `last_modified_at`; Dates compared by their times: `>` on two Dates is many times slower). */
export function isUpdatedLater(post: Post): post is Post & { modified: Date } {
  return post.modified !== undefined && post.modified.getTime() > post.date.getTime();
}

/** A post's updated date: its `modified` when later than its date, else its date. */
export function updatedOf(post: Post): Date {
  return isUpdatedLater(post) ? post.modified : post.date;
}

/** The newest updated date among `posts` (the epoch for none): a feed's `updated`. */
export function newestUpdate(posts: readonly Post[]): Date {
  let newest = EPOCH;
  let newestTime = EPOCH.getTime();
  for (const post of posts) {
    const updated = updatedOf(post);
    const time = updated.getTime();
    if (time > newestTime) {
      newest = updated;
      newestTime = time;
    }
  }
  return newest;
}

/** A post as a feed item: its defaults decided (the site's author, the image at the top of the HTML). */
export function toItem(post: Post, site: SiteSettings): FeedItem {
  const image = post.image;
  const html = post.content.html;
  const imageHtml =
    image && !html.includes(`src="${image.url}"`)
      ? `<p><img src="${escapeHtml(image.url)}" alt="${escapeHtml(image.alt ?? '')}"></p>\n`
      : '';
  // A post with no text at all would show nothing: its title stands in as the summary.
  const summary = post.content.summary || (html ? '' : post.title);
  const contentHtml = post.excerptOnly ? '' : imageHtml + html;
  return {
    id: post.id,
    idIsPermalink: post.id === post.url,
    url: post.url,
    title: post.title,
    published: post.date,
    updated: updatedOf(post),
    authors: post.authors ?? [site.author],
    ...(post.language ? { language: post.language } : {}),
    categories: post.categories,
    tags: post.tags,
    summary,
    contentHtml,
    summaryHtml: contentHtml ? escapeHtml(summary) : bodyOfSummary(summary, imageHtml),
    ...(image ? { image } : {}),
  };
}

// The summary of an item without content (excerpt_only, or no body) is its body: a paragraph, with the
// image above it, as newsboat shows only the images of the body it shows.
function bodyOfSummary(summary: string, imageHtml: string): string {
  return `${imageHtml}${summary ? `<p>${escapeHtml(summary)}</p>` : ''}`.trimEnd();
}

function titleOf(selection: Selection, site: SiteSettings): { title: string; description: string } {
  if (selection.kind === 'site') return { title: site.title, description: site.description };
  // A title and a description are plain text (RSS 2.0), which the W3C validator warns of holding markup
  // (ContainsHTML): a name written with tags (`<b>Jo</b>`) is named without them, as post titles are.
  const name = stripHtml(selection.term.name).trim() || selection.term.slug;
  const description = selection.kind === 'author' ? `Posts by ${name} on ${site.title}` : `Posts in the ${selection.kind} “${name}” on ${site.title}`;
  return { title: `${site.title}: ${name}`, description };
}

/**
 * The polling hint for readers that may keep a feed `maxAge` seconds: RSS ttl in minutes (at least 1),
 * and sy:updatePeriod/updateFrequency, never more often than max-age allows.
 */
export function pollingHint(maxAge: number): PollingHint {
  const seconds = Math.max(60, maxAge);
  const ttlMinutes = Math.ceil(seconds / 60);
  if (seconds <= 3600) return { ttlMinutes, period: 'hourly', frequency: Math.floor(3600 / seconds) };
  return { ttlMinutes, period: 'daily', frequency: Math.max(1, Math.floor(86_400 / seconds)) };
}

// What every document of a selection's feed shares: titles, site links, authors, hubs, images. The
// feed id is its Atom subscription URL (jekyll-feed's: its own path, for a document of its own).
function common(selection: Selection, site: SiteSettings, spelling?: Spelling) {
  const live = feedUrls(site.scheme, selection, {}, spelling);
  return {
    ...titleOf(selection, site),
    id: live.atom,
    live,
    ...(site.language ? { language: site.language } : {}),
    homePageUrl: `${site.url}/`,
    hubs: site.hubs,
    authors: [site.author],
    polling: pollingHint(site.cacheMaxAge),
    ...(site.icon ? { icon: site.icon } : {}),
    ...(site.logo ? { logo: site.logo } : {}),
    generator: 'Herald',
    schemes: { category: `${site.url}/${site.scheme.settings.folders.category}/`, tag: `${site.url}/${site.scheme.settings.folders.tag}/` },
  };
}

/**
 * The number of RFC 5005 §4 archive documents of a feed of `count` posts. Archive k holds the posts
 * (k-1)·size+1 to k·size counted from the oldest, so new posts never change an archive; the newest posts
 * that do not fill one are all in the subscription document, whose first page is `size` long. Archives
 * start when there are two: a lone archive would link nowhere (the W3C validator's ArchiveIncomplete),
 * and paging already reaches the posts.
 */
export function archiveCount(count: number, size: number): number {
  const complete = Math.floor(count / size);
  return complete >= 2 ? complete : 0;
}

/** The posts of archive `number` (1 = oldest), newest first, out of a selection's posts (newest first). */
export function archiveMembers(posts: readonly Post[], size: number, number: number): readonly Post[] {
  const end = posts.length - (number - 1) * size;
  return posts.slice(Math.max(0, end - size), end);
}

/**
 * One page of a selection's feed. `posts` are the selection's visible posts, newest first; the feed's
 * `updated` is the newest item date across them all (`updated`, when the caller has it), never the build time.
 */
export function buildFeed(posts: readonly Post[], selection: Selection, site: SiteSettings, page: Page, updated = newestUpdate(posts)): Feed {
  const last = pageCount(posts.length, page.size);
  const limit = page.explicitLimit;
  const at = (number: number) => feedUrls(site.scheme, selection, { page: number, ...(limit ? { limit } : {}) }, page.spelling);
  // A document whose first page is not archive-sized would leave posts between it and the newest
  // archive: it links no archives (jekyll-feed's paths at posts_limit), paging reaches every post.
  const archived = limit !== undefined || page.size === site.archiveSize;
  const archives = archived ? archiveCount(posts.length, site.archiveSize) : 0;
  const links: FeedLinks = {
    first: at(1),
    last: at(last),
    ...(page.number > 1 ? { previous: at(page.number - 1) } : {}),
    ...(page.number < last ? { next: at(page.number + 1) } : {}),
    ...(archives > 0 ? { prevArchive: archiveUrls(site.scheme, selection, archives) } : {}),
  };
  const items = posts.slice((page.number - 1) * page.size, page.number * page.size).map((post) => toItem(post, site));
  return Object.freeze({
    ...common(selection, site, page.spelling),
    self: at(page.number),
    place: (page.number === 1 && !limit ? { kind: 'live' } : { kind: 'page', number: page.number, of: last }) satisfies FeedPlace,
    links,
    updated,
    items,
  });
}

/**
 * Archive document `number` (1 = oldest) of a selection's feed, RFC 5005 §4: its posts newest first, its
 * `updated` the newest of them, links to the subscription document and the neighbouring archives.
 * Undefined when there is no such archive.
 */
export function buildArchive(posts: readonly Post[], selection: Selection, site: SiteSettings, number: number): Feed | undefined {
  const archives = archiveCount(posts.length, site.archiveSize);
  if (number < 1 || number > archives) return undefined;
  const members = archiveMembers(posts, site.archiveSize, number);
  const links: FeedLinks = {
    current: feedUrls(site.scheme, selection),
    ...(number > 1 ? { prevArchive: archiveUrls(site.scheme, selection, number - 1) } : {}),
    ...(number < archives ? { nextArchive: archiveUrls(site.scheme, selection, number + 1) } : {}),
  };
  return Object.freeze({
    ...common(selection, site),
    self: archiveUrls(site.scheme, selection, number),
    place: { kind: 'archive', number, of: archives } satisfies FeedPlace,
    links,
    updated: newestUpdate(members),
    items: members.map((post) => toItem(post, site)),
  });
}
