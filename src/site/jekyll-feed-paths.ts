import type { AliasSetting } from '../address/aliases.js';
import type { SchemeSettings } from '../address/url-scheme.js';
import type { JekyllFeedSettings } from './jekyll-site.js';

// jekyll-feed's generate_tag_feed: only tags of basic letters, digits and underscores get a feed.
const TAG_NAME = /^[A-Za-z0-9_]+$/;

// A path as jekyll-feed's pages have it: from the site root, one leading slash.
function rooted(path: string): string {
  return `/${path.replace(/^\/+/, '')}`;
}

/**
 * The paths jekyll-feed writes, as aliases that are documents of their own (Atom, `posts_limit` posts
 * per page, their own self link and feed id): `feed.path` (default `/feed.xml`) for the site,
 * `/feed/<Name>.xml` for each category of `feed.categories`, and `<feed.tags.path><tag>.xml` (default
 * `/feed/by_tag/`) for each tag of `[A-Za-z0-9_]` that `only` and `except` leave, when `feed.tags` is
 * on. Names are matched as jekyll-feed matches them: exactly as written.
 */
export function jekyllFeedAliases(feed: JekyllFeedSettings, scheme: Pick<SchemeSettings, 'folders' | 'files'>): Record<string, AliasSetting> {
  const atom = scheme.files.atom;
  const pageSize = feed.postsLimit;
  const aliases: Record<string, AliasSetting> = { [rooted(feed.path)]: { target: `/${atom}`, pageSize } };
  if (feed.categories.length) {
    const names = new Set(feed.categories);
    aliases['/feed/{category}.xml'] = { target: `/${scheme.folders.category}/{category}/${atom}`, pageSize, accepts: (name) => names.has(name) };
  }
  const tags = feed.tags;
  if (tags) {
    const only = tags.only && new Set(tags.only);
    const except = new Set(tags.except);
    const accepts = (name: string) => TAG_NAME.test(name) && (!only || only.has(name)) && !except.has(name);
    aliases[`${rooted(tags.path)}{tag}.xml`] = { target: `/${scheme.folders.tag}/{tag}/${atom}`, pageSize, accepts };
  }
  return aliases;
}
