import type { TermKind } from '../address/address.js';
import type { PageLink, PostPage } from '../model/post-page.js';
import type { Post, Term } from '../model/post.js';
import { slugify } from '../content/slug.js';
import { toItem, type SiteSettings } from './build-feed.js';
import { feedUrls } from './selection.js';

/**
 * The page of `posts[index]` (the site's posts, newest first): the post, links to the feed views of its
 * categories, tags and authors, and to its newer and older neighbours.
 */
export function buildPostPage(posts: readonly Post[], index: number, site: SiteSettings): PostPage {
  const post = posts[index]!;
  const item = toItem(post, site);
  const view = (kind: TermKind, term: Term) => ({ kind, title: term.name, url: feedUrls(site.scheme, { kind, term }).html });
  const authors = item.authors.filter((who) => who.name.trim()).map((who) => ({ name: who.name, slug: slugify(who.name) }));
  const link = (other: Post | undefined): PageLink | undefined => other && { title: other.title, url: other.url };
  const newer = link(posts[index - 1]);
  const older = link(posts[index + 1]);
  return Object.freeze({
    siteTitle: site.title,
    ...(site.language ? { language: site.language } : {}),
    ...(site.icon ? { icon: site.icon } : {}),
    ...(site.logo ? { logo: site.logo } : {}),
    indexUrl: site.scheme.addressUrl({ kind: 'index' }),
    siteFeed: feedUrls(site.scheme, { kind: 'site' }),
    item,
    terms: [...post.categories.map((term) => view('category', term)), ...post.tags.map((term) => view('tag', term)), ...authors.map((term) => view('author', term))],
    ...(newer ? { newer } : {}),
    ...(older ? { older } : {}),
  });
}
