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

/** Liquid's `site` for a site (built once per site value). */
export function siteObject(site: LiquidSite): Record<string, unknown> {
  let found = sites.get(site);
  if (found) return found;
  const posts = site.posts.map((post) => postObject(post, site.timeZone));
  found = {
    ...(withRubyTimes(site.config, site.timeZone) as Record<string, unknown>),
    data: withRubyTimes(site.data, site.timeZone),
    posts,
    related_posts: posts.slice(0, 10),
    categories: byTerm(posts, 'categories'),
    tags: byTerm(posts, 'tags'),
    time: new RubyTime(site.time, site.timeZone),
    documents: posts,
  };
  sites.set(site, found);
  return found;
}

/** Liquid's `page` for the post being rendered, with `previous` and `next` (older and newer) posts. */
export function pageObject(context: JekyllRenderContext): Record<string, unknown> {
  const { site, page } = context;
  const converted = withRubyTimes(page, site.timeZone) as Record<string, unknown>;
  const posts = siteObject(site).posts as Record<string, unknown>[];
  const index = site.posts.findIndex((post) => post.relativePath === context.pagePath);
  return {
    ...converted,
    path: converted.path ?? context.pagePath,
    relative_path: converted.relative_path ?? context.pagePath,
    ...(index >= 0 && !('next' in converted) ? { next: posts[index - 1], previous: posts[index + 1] } : {}),
  };
}
