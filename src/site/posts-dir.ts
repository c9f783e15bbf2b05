import { readFileSync } from 'node:fs';
import type { Config } from '../config/config.js';
import type { SiteContext } from '../content/parse-post.js';
import { loadPsychYaml, YamlError } from '../content/psych-yaml.js';
import { permalinkTemplate } from './jekyll-url.js';

/** Jekyll's markdown_ext default. */
export const MARKDOWN_EXT: readonly string[] = ['markdown', 'mkdown', 'mkdn', 'mkd', 'md'];

/** The authors file could not be read as a mapping; names the file and the reason. */
export class AuthorsFileError extends Error {
  override name = 'AuthorsFileError';
}

/**
 * The author directory of POSTS_DIR mode (what `_data/authors.yml` is to a Jekyll site): a mapping of
 * keys to name, email and uri. A missing file is an empty directory.
 */
export function readAuthorsFile(file: string): Readonly<Record<string, unknown>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new AuthorsFileError(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let data: unknown;
  try {
    data = loadPsychYaml(text);
  } catch (error) {
    if (!(error instanceof YamlError)) throw error;
    throw new AuthorsFileError(`${file}${error.line ? `:${error.line}` : ''}: invalid YAML: ${error.message}`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new AuthorsFileError(`${file}: must be a mapping of author keys`);
  return data as Record<string, unknown>;
}

/** The site a POSTS_DIR Herald reads its posts in: Herald's config, Jekyll's rules, authors from `paths.authors`. */
export function postsDirSite(config: Config, authors: Readonly<Record<string, unknown>>): SiteContext {
  return {
    url: config.site.url,
    timezone: config.site.timezone,
    permalink: permalinkTemplate(config.site.permalink),
    staticDir: config.paths.static,
    excerptSeparator: config.site.excerptSeparator,
    markdownExt: MARKDOWN_EXT,
    authors,
    ids: config.feeds.itemIds,
    ...(config.feeds.idBase ? { idBase: config.feeds.idBase } : {}),
    sources: [config.paths.authors],
  };
}
