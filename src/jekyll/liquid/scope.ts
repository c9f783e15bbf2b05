import type { JekyllPostRef, JekyllRenderContext, LiquidSite } from '../context.js';
import { RubyTime } from '../time.js';

// The `site` and `page` objects Liquid sees, as Jekyll's drops show them: dates as Ruby times in the
// site's zone, posts newest first with their url and date, categories and tags as lists of posts.

const MAX_DEPTH = 32;

/** `value` with every Date (at any depth) as a RubyTime in `timeZone`. */
export function withRubyTimes(value: unknown, timeZone: string, depth = 0): unknown {
  if (value instanceof Date) return new RubyTime(value, timeZone);
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object' || value instanceof RubyTime) return value;
  if (Array.isArray(value)) return value.map((item) => withRubyTimes(item, timeZone, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withRubyTimes(item, timeZone, depth + 1)]));
}

function postObject(post: JekyllPostRef, timeZone: string): Record<string, unknown> {
  return {
    ...(withRubyTimes(post.data, timeZone) as Record<string, unknown>),
    url: post.url,
    date: new RubyTime(post.date, timeZone),
    relative_path: post.relativePath,
    path: post.relativePath,
    collection: 'posts',
  };
}

function byTerm(posts: Record<string, unknown>[], key: 'categories' | 'tags'): Record<string, unknown[]> {
  const terms: Record<string, unknown[]> = {};
  for (const post of posts) {
    const names = post[key];
    for (const name of Array.isArray(names) ? names : []) (terms[String(name)] ??= []).push(post);
  }
  return terms;
}

const sites = new WeakMap<LiquidSite, Record<string, unknown>>();
const postObjects = new WeakMap<JekyllPostRef, Record<string, unknown>>();

// One object per post reference, so `page.next` is the very object `site.posts` lists.
function postObjectOf(post: JekyllPostRef, timeZone: string): Record<string, unknown> {
  let found = postObjects.get(post);
  if (!found) postObjects.set(post, (found = postObject(post, timeZone)));
  return found;
}

/**
 * Liquid's `site` for a site (built once per site value). The posts and what is made of them are made
 * when a template first reads them: a post restored from the index reads its file only then.
 */
export function siteObject(site: LiquidSite): Record<string, unknown> {
  let found = sites.get(site);
  if (found) return found;
  let posts: Record<string, unknown>[] | undefined;
  const allPosts = () => (posts ??= site.posts.map((post) => postObjectOf(post, site.timeZone)));
  found = {
    ...(withRubyTimes(site.config, site.timeZone) as Record<string, unknown>),
    data: withRubyTimes(site.data, site.timeZone),
    time: new RubyTime(site.time, site.timeZone),
  };
  const lazy = (key: string, make: () => unknown) => {
    let value: unknown;
    let made = false;
    Object.defineProperty(found, key, {
      enumerable: true,
      get: () => (made ? value : ((made = true), (value = make()))),
    });
  };
  lazy('posts', allPosts);
  lazy('related_posts', () => allPosts().slice(0, 10));
  lazy('categories', () => byTerm(allPosts(), 'categories'));
  lazy('tags', () => byTerm(allPosts(), 'tags'));
  lazy('documents', allPosts);
  sites.set(site, found);
  return found;
}

/** Liquid's `page` for the post being rendered, with `previous` and `next` (older and newer) posts. */
export function pageObject(context: JekyllRenderContext): Record<string, unknown> {
  const { site, page } = context;
  const converted = withRubyTimes(page, site.timeZone) as Record<string, unknown>;
  const index = site.posts.findIndex((post) => post.relativePath === context.pagePath);
  const neighbour = (at: number) => (site.posts[at] ? postObjectOf(site.posts[at], site.timeZone) : undefined);
  return {
    ...converted,
    path: converted.path ?? context.pagePath,
    relative_path: converted.relative_path ?? context.pagePath,
    ...(index >= 0 && !('next' in converted) ? { next: neighbour(index - 1), previous: neighbour(index + 1) } : {}),
  };
}
