import { escapeHtml } from '../content/escape-html.js';
import type { Feed, FeedItem, PageLinks } from '../model/feed.js';
import type { Author, Post } from '../model/post.js';
import { feedUrls, type Selection } from './selection.js';

/** What the build step needs of the site configuration. */
export interface SiteSettings {
  readonly title: string;
  readonly description: string;
  readonly url: string;
  readonly publicUrl: string;
  readonly language: string;
  readonly author: Author;
  readonly cacheMaxAge: number;
  readonly hubs: readonly string[];
}

/** One page of a feed: 1-based page number and page size; `explicitLimit` when the URL named one. */
export interface Page {
  readonly number: number;
  readonly size: number;
  readonly explicitLimit?: number;
}

const EPOCH = new Date(0);

/** The number of pages `count` posts take (at least one: an empty feed is still a feed). */
export function pageCount(count: number, size: number): number {
  return Math.max(1, Math.ceil(count / size));
}

// A post's updated date: `last_modified_at` when it is later than the date, else the date.
function updatedOf(post: Post): Date {
  return post.modified && post.modified > post.date ? post.modified : post.date;
}

/** The newest updated date among `posts` (the epoch for none): a feed's `updated`. */
export function newestUpdate(posts: readonly Post[]): Date {
  return posts.reduce<Date>((max, post) => {
    const updated = updatedOf(post);
    return updated > max ? updated : max;
  }, EPOCH);
}

function toItem(post: Post, site: SiteSettings): FeedItem {
  const image = post.image;
  const html = post.content.html;
  const imageHtml =
    image && !html.includes(`src="${image.url}"`)
      ? `<p><img src="${escapeHtml(image.url)}" alt="${escapeHtml(image.alt ?? '')}"></p>\n`
      : '';
  return {
    id: post.id,
    idIsPermalink: post.id === post.url,
    url: post.url,
    title: post.title,
    published: post.date,
    updated: updatedOf(post),
    authors: [post.author ?? site.author],
    categories: post.categories,
    tags: post.tags,
    summary: post.content.summary || post.title,
    contentHtml: imageHtml + html,
    ...(image ? { image } : {}),
  };
}

function titleOf(selection: Selection, site: SiteSettings): { title: string; description: string } {
  if (selection.kind === 'site') return { title: site.title, description: site.description };
  const what = selection.kind === 'category' ? 'category' : 'tag';
  return {
    title: `${site.title}: ${selection.term.name}`,
    description: `Posts in the ${what} “${selection.term.name}” on ${site.title}`,
  };
}

/**
 * One page of a selection's feed. `posts` are the selection's visible posts, newest first; the feed's
 * `updated` is the newest item date across them all, never the build time.
 */
export function buildFeed(posts: readonly Post[], selection: Selection, site: SiteSettings, page: Page): Feed {
  const last = pageCount(posts.length, page.size);
  const limit = page.explicitLimit;
  const at = (number: number) => feedUrls(site.publicUrl, selection, { page: number, ...(limit ? { limit } : {}) });
  const pages: PageLinks = {
    first: at(1),
    last: at(last),
    ...(page.number > 1 ? { previous: at(page.number - 1) } : {}),
    ...(page.number < last ? { next: at(page.number + 1) } : {}),
  };
  const items = posts.slice((page.number - 1) * page.size, page.number * page.size).map((post) => toItem(post, site));
  const newest = newestUpdate(posts);
  return Object.freeze({
    ...titleOf(selection, site),
    language: site.language,
    homePageUrl: `${site.url}/`,
    self: at(page.number),
    pages,
    hubs: site.hubs,
    updated: newest,
    authors: [site.author],
    ttlMinutes: Math.max(1, Math.ceil(site.cacheMaxAge / 60)),
    generator: 'Herald',
    schemes: { category: `${site.url}/categories/`, tag: `${site.url}/tags/` },
    items,
  });
}
