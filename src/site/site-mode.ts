import type { Config } from '../config/config.js';
import { ConfigError } from '../config/load-config.js';
import type { SiteContext } from '../content/parse-post.js';
import type { SiteSettings } from '../feed/build-feed.js';
import { readJekyllSite, SiteError, type JekyllSite } from './jekyll-site.js';
import { jekyllSiteFiles, type PostLister } from './post-files.js';

/** What site mode gives the rest of Herald: the site as first read, a fresh read per load, its files. */
export interface SiteMode {
  readonly dir: string;
  readonly first: JekyllSite;
  /** Reads `_config.yml` and `_data/` again (every full load); throws SiteError. */
  read(): JekyllSite;
  /** The read a post context came from (the latest good read, which is the one posts are read in). */
  readOf(context: SiteContext): JekyllSite;
  readonly files: PostLister;
}

/** Site mode for a config with `paths.site` (SITE_DIR); undefined in POSTS_DIR mode. A broken site at start-up is a ConfigError. */
export function siteMode(config: Config): SiteMode | undefined {
  const dir = config.paths.site;
  if (!dir) return undefined;
  const overrides = { ...config.siteOverrides, ids: config.feeds.itemIds, ...(config.feeds.idBase ? { idBase: config.feeds.idBase } : {}) };
  const read = () => readJekyllSite(dir, overrides);
  let latest: JekyllSite;
  try {
    latest = read();
  } catch (error) {
    if (error instanceof SiteError) throw new ConfigError(`site: ${error.message} (SITE_DIR / paths.site)`);
    throw error;
  }
  const first = latest;
  return {
    dir,
    first,
    read: () => (latest = read()),
    readOf: (context) => {
      if (context.revision !== latest.context.revision) throw new Error('site mode: a post context that is not from the latest read of the site');
      return latest;
    },
    files: jekyllSiteFiles(() => latest),
  };
}

/**
 * The config site mode runs with: Herald is reached at the site's url + baseurl (where jekyll-feed's
 * feeds were), unless `server.publicUrl` (PUBLIC_URL) or SITE_URL says otherwise.
 */
export function siteModeConfig(config: Config, site: JekyllSite): Config {
  const publicUrl = config.siteOverrides?.publicUrl ?? site.url;
  return Object.freeze({ ...config, server: Object.freeze({ ...config.server, publicUrl }) });
}

/** What of a re-read site needs a restart to be served: Herald's public URL and jekyll-feed's paths are fixed at start-up. */
export function restartNeeded(first: JekyllSite, site: JekyllSite): string[] {
  return [
    ...(site.url === first.url ? [] : [`url + baseurl (${first.url} → ${site.url})`]),
    ...(JSON.stringify(site.feed.path) === JSON.stringify(first.feed.path) && JSON.stringify(site.feed.categories) === JSON.stringify(first.feed.categories) && JSON.stringify(site.feed.tags) === JSON.stringify(first.feed.tags) && site.feed.postsLimit === first.feed.postsLimit
      ? []
      : ["jekyll-feed's paths (feed.path, feed.categories, feed.tags, feed.posts_limit)"]),
  ];
}

/** The feed settings of a Jekyll site: its title, description, url, lang and author as jekyll-feed writes them. */
export function jekyllSiteSettings(site: JekyllSite, base: SiteSettings): SiteSettings {
  const { language: _, icon: _icon, logo: _logo, ...rest } = base;
  // jekyll-feed's feed.icon and feed.logo: a URL as written, a path made absolute (absolute_url).
  const absolute = (value: string | undefined) => value && (value.includes('://') ? value : `${site.url}/${value.replace(/^\/+/, '')}`);
  const icon = absolute(site.feed.icon);
  const logo = absolute(site.feed.logo);
  return {
    ...rest,
    ...(icon ? { icon } : {}),
    ...(logo ? { logo } : {}),
    title: site.title ?? '',
    description: site.description ?? '',
    url: site.url,
    ...(site.language ? { language: site.language } : {}),
    // jekyll-feed writes an author with an empty name when the site names none.
    author: site.author ?? { name: '' },
  };
}
