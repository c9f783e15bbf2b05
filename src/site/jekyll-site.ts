import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { IdStyle, SiteContext } from '../content/parse-post.js';
import { loadPsychYaml, YamlError } from '../content/psych-yaml.js';
import type { Author } from '../model/post.js';
import { unnamed } from '../content/post-fields.js';
import { frontMatterDefaults } from './defaults.js';
import { entryRules, type EntryRules } from './entry-filter.js';
import { permalinkTemplate } from './jekyll-url.js';
import { MARKDOWN_EXT } from './posts-dir.js';

/** A Jekyll site that cannot be read (its _config.yml or _data is broken); names the file and the reason. */
export class SiteError extends Error {
  override name = 'SiteError';
}

type Data = Readonly<Record<string, unknown>>;

/** jekyll-feed's `feed:` settings. */
export interface JekyllFeedSettings {
  readonly path: string;
  readonly postsLimit: number;
  readonly excerptOnly: boolean;
  readonly categories: readonly string[];
  readonly tags: false | { readonly only?: readonly string[]; readonly except: readonly string[]; readonly path: string };
  /** `feed.icon` and `feed.logo` as written (a path or a URL). */
  readonly icon?: string;
  readonly logo?: string;
}

/** A Jekyll site as Herald reads it: the settings feeds need, the post context, and Liquid's `site`. */
export interface JekyllSite {
  readonly dir: string;
  readonly title?: string;
  readonly description?: string;
  /** url + baseurl, without a trailing slash. */
  readonly url: string;
  readonly author?: Author;
  readonly language?: string;
  readonly showDrafts: boolean;
  /** `exclude:` and `include:`, with Jekyll's defaults. */
  readonly entries: EntryRules;
  readonly feed: JekyllFeedSettings;
  readonly context: SiteContext;
  /** `_config.yml` as Jekyll's `site` sees it, with `data` (site.data) and the includes folder. */
  readonly liquid: { readonly config: Data; readonly data: Data; readonly includesDir: string };
}

/** What Herald's own settings say over the site's (the environment's SITE_URL, SITE_TITLE, SITE_TIMEZONE). */
export interface SiteOverrides {
  readonly url?: string;
  readonly title?: string;
  readonly timezone?: string;
  readonly staticDir?: string;
  readonly ids: IdStyle;
  readonly idBase?: string;
}

function loadFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SiteError(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new SiteError(`${file}: invalid JSON: ${(error as Error).message}`);
    }
  }
  try {
    return loadPsychYaml(text);
  } catch (error) {
    if (!(error instanceof YamlError)) throw error;
    throw new SiteError(`${file}${error.line ? `:${error.line}` : ''}: invalid YAML: ${error.message}`);
  }
}

/** Jekyll's DataReader: every .yml, .yaml and .json under `_data`, keyed by file name, folders nested. */
export function readData(dir: string): Data {
  const data: Record<string, unknown> = {};
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return data;
  }
  for (const name of names) {
    if (/^[._#~]/.test(name)) continue;
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) data[name] = readData(file);
    else if (/\.(ya?ml|json)$/i.test(name)) data[name.replace(/\.[^.]+$/, '')] = loadFile(file) ?? null;
  }
  return data;
}

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() || undefined : undefined);
const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',').map((s) => s.trim()) : []);

function siteAuthor(value: unknown): Author | undefined {
  if (typeof value === 'string') return value.trim() ? { name: value.trim() } : undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const fields = value as Data;
  const email = text(fields.email);
  const uri = text(fields.uri);
  return { name: text(fields.name) ?? unnamed(fields), ...(email ? { email } : {}), ...(uri ? { uri } : {}) };
}

// A path jekyll-feed writes a feed at, which Herald serves too: no query, fragment, space or brace.
function feedPath(value: unknown, fallback: string, key: string, file: string): string {
  const path = text(value) ?? fallback;
  if (!/^[^?#\s{}]+$/.test(path)) throw new SiteError(`${file}: feed.${key} = ${JSON.stringify(path)} is not a path Herald can serve (no "?", "#", spaces or braces)`);
  return path;
}

function feedSettings(value: unknown, file: string): JekyllFeedSettings {
  const feed = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Data;
  const tags = feed.tags;
  const tagMap = (tags && typeof tags === 'object' && !Array.isArray(tags) ? tags : {}) as Data;
  return {
    path: feedPath(feed.path, '/feed.xml', 'path', file),
    postsLimit: typeof feed.posts_limit === 'number' && feed.posts_limit > 0 ? feed.posts_limit : 10,
    excerptOnly: feed.excerpt_only === true,
    categories: list(feed.categories),
    tags: tags ? { ...(tagMap.only ? { only: list(tagMap.only) } : {}), except: list(tagMap.except), path: feedPath(tagMap.path, '/feed/by_tag/', 'tags.path', file) } : false,
    ...(text(feed.icon) ? { icon: text(feed.icon)! } : {}),
    ...(text(feed.logo) ? { logo: text(feed.logo)! } : {}),
  };
}

/** Reads a Jekyll site's `_config.yml` and `_data/` into what Herald serves it with. Throws SiteError. */
export function readJekyllSite(dir: string, overrides: SiteOverrides): JekyllSite {
  const files = ['_config.yml', '_config.yaml'].map((name) => path.join(dir, name));
  const loaded = files.map((file) => [file, loadFile(file)] as const).find(([, value]) => value !== undefined);
  const configFile = loaded?.[0] ?? files[0]!;
  const raw = loaded?.[1] ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new SiteError(`${configFile}: must be a mapping of keys`);
  const config = raw as Data;
  const posts = ((config.collections as Data | undefined)?.posts ?? {}) as Data;
  const dataDir = path.join(dir, text(config.data_dir) ?? '_data');
  const includesDir = path.join(dir, text(config.includes_dir) ?? '_includes');
  const data = readData(dataDir);
  const authors = data.authors && typeof data.authors === 'object' && !Array.isArray(data.authors) ? (data.authors as Data) : {};
  const url = (overrides.url ?? `${text(config.url) ?? 'http://localhost:4000'}${(text(config.baseurl) ?? '').replace(/\/$/, '')}`).replace(/\/+$/, '');
  const timezone = overrides.timezone ?? text(config.timezone) ?? 'UTC';
  const excerpt = config.excerpt_separator;
  const author = siteAuthor(config.author);
  const language = text(config.lang);
  const title = overrides.title ?? text(config.title) ?? text(config.name);
  const description = text(config.description);
  return {
    dir,
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    url,
    ...(author ? { author } : {}),
    ...(language ? { language } : {}),
    showDrafts: config.show_drafts === true,
    entries: entryRules(config.exclude, config.include),
    feed: feedSettings(config.feed, configFile),
    context: {
      url,
      timezone,
      permalink: permalinkTemplate(text(posts.permalink) ?? text(config.permalink) ?? 'date'),
      staticDir: overrides.staticDir ?? dir,
      excerptSeparator: excerpt === undefined || excerpt === null ? '\n\n' : String(excerpt),
      markdownExt: config.markdown_ext ? list(config.markdown_ext).map((ext) => ext.toLowerCase()) : MARKDOWN_EXT,
      authors,
      ids: overrides.ids,
      ...(overrides.idBase ? { idBase: overrides.idBase } : {}),
      defaults: frontMatterDefaults(config.defaults),
      sources: [...files, dataDir, includesDir],
      revision: JSON.stringify([config, data]),
      future: config.future === true,
      excerptOnly: config.feed !== null && typeof config.feed === 'object' && (config.feed as Data).excerpt_only === true,
    },
    liquid: { config, data, includesDir },
  };
}
