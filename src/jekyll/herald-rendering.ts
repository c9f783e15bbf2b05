import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { SiteContext } from '../content/parse-post.js';
import type { JekyllSite } from '../site/jekyll-site.js';
import { jekyllRendering, type JekyllRendering, type JekyllSiteSource } from './body-renderer.js';
import { DEFAULT_LIMITS } from './context.js';
import { kramdownOptions } from './kramdown/options.js';
import { siteDocuments } from './site-files.js';

// How Herald's two modes give post bodies their Jekyll site: site mode from the site's `_config.yml`,
// `_data/` and `_includes/`; POSTS_DIR mode from Herald's own site settings, with no data or includes.

type Reporter = JekyllSiteSource['report'];

/** Logs each rendering problem of a post once (file, line, reason), as a warning. */
export function logReporter(log: Logger): Reporter {
  const seen = new Set<string>();
  return (file, problem) => {
    const key = `${file}\0${problem.line}\0${problem.reason}`;
    if (seen.has(key)) return;
    if (seen.size > 10_000) seen.clear();
    seen.add(key);
    log.warn({ file, ...(problem.line === undefined ? {} : { line: problem.line }) }, `post rendered unlike Jekyll: ${problem.reason}`);
  };
}

/**
 * Site mode: the post context of each read of the site, with Jekyll's rendering. The rendering (and its
 * list of posts for `site.posts` and `post_url`) lasts while the site's config and data do not change.
 */
export function siteModeContexts(read: () => JekyllSite, report: Reporter, now: () => Date): () => SiteContext {
  let current: { revision: string | undefined; rendering: JekyllRendering } | undefined;
  return () => {
    const site = read();
    if (!current || current.revision !== site.context.revision) {
      const { config, data, includesDir } = site.liquid;
      const rendering = jekyllRendering({
        config, data, siteDir: site.dir, includesDir, documents: () => siteDocuments(site.dir, config), timeZone: site.context.timezone,
        kramdown: kramdownOptions(config), limits: DEFAULT_LIMITS, now, report,
      });
      current = { revision: site.context.revision, rendering };
    }
    const { check, render, rerender, restore, smartify, kramdown } = current.rendering;
    return { ...site.context, render, rerender, check, restore, smartify, recipe: { defaults: site.liquid.config.defaults, kramdown } };
  };
}

/** POSTS_DIR mode: Herald's site settings as Jekyll's `site` (url and baseurl from `site.url`), no data or includes. */
export function postsDirRendering(config: Config, report: Reporter, now: () => Date): JekyllRendering {
  const url = new URL(config.site.url);
  const liquidConfig = {
    title: config.site.title,
    description: config.site.description,
    url: url.origin,
    baseurl: url.pathname.replace(/\/+$/, ''),
    lang: config.site.language,
    timezone: config.site.timezone,
  };
  return jekyllRendering({
    config: liquidConfig, data: {}, timeZone: config.site.timezone, kramdown: kramdownOptions({}), limits: DEFAULT_LIMITS, now, report,
  });
}
