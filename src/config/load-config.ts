import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { z } from 'zod';
import { configSchema, type Config } from './config.js';

/** A configuration value that stops start-up; the message names the key, the value and what was expected. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

/** Environment variables that override a key of the config file, and how their text is read. */
export const ENV_OVERRIDES: ReadonlyArray<{ env: string; key: string; type: 'string' | 'number' | 'list' | 'boolean' }> = [
  { env: 'PORT', key: 'server.port', type: 'number' },
  { env: 'HOST', key: 'server.host', type: 'string' },
  { env: 'PUBLIC_URL', key: 'server.publicUrl', type: 'string' },
  { env: 'SITE_URL', key: 'site.url', type: 'string' },
  { env: 'SITE_TITLE', key: 'site.title', type: 'string' },
  { env: 'SITE_TIMEZONE', key: 'site.timezone', type: 'string' },
  { env: 'POSTS_DIR', key: 'paths.posts', type: 'string' },
  { env: 'SITE_DIR', key: 'paths.site', type: 'string' },
  { env: 'STATIC_DIR', key: 'paths.static', type: 'string' },
  { env: 'ITEMS_PER_FEED', key: 'feeds.itemsPerFeed', type: 'number' },
  { env: 'CACHE_MAX_AGE', key: 'feeds.cacheMaxAge', type: 'number' },
  { env: 'SHARED_MAX_AGE', key: 'feeds.sharedMaxAge', type: 'number' },
  { env: 'ID_BASE', key: 'feeds.idBase', type: 'string' },
  { env: 'WEBSUB_HUBS', key: 'feeds.hubs', type: 'list' },
  { env: 'VALIDATION_SCHEDULE', key: 'validation.schedule', type: 'string' },
  { env: 'VALIDATION_ENABLED', key: 'validation.enabled', type: 'boolean' },
  { env: 'VALIDATION_WORKER', key: 'validation.worker', type: 'boolean' },
  { env: 'PROBE_ENABLED', key: 'probe.enabled', type: 'boolean' },
  { env: 'PROBE_SCHEDULE', key: 'probe.schedule', type: 'string' },
  { env: 'PROBE_MAX_URLS', key: 'probe.maxUrls', type: 'number' },
  { env: 'WATCH_ENABLED', key: 'watch.enabled', type: 'boolean' },
  { env: 'DATA_DIR', key: 'paths.data', type: 'string' },
  { env: 'STATS_ENABLED', key: 'stats.enabled', type: 'boolean' },
  { env: 'STATS_INSTANCE', key: 'stats.instance', type: 'string' },
  { env: 'POLITE_POLLING', key: 'stats.politePolling', type: 'boolean' },
  { env: 'STATS_FORWARDED_FOR', key: 'stats.forwardedFor', type: 'boolean' },
  { env: 'STATS_SAVE_SECONDS', key: 'stats.saveSeconds', type: 'number' },
  { env: 'LOG_LEVEL', key: 'log.level', type: 'string' },
  { env: 'OPERATOR_TOKEN', key: 'operator.token', type: 'string' },
  { env: 'OPERATOR_LISTEN', key: 'operator.listen', type: 'string' },
];

const DEFAULT_FILE = 'config/herald.yml';

/**
 * Reads the config file named by HERALD_CONFIG (else config/herald.yml), applies env overrides, validates,
 * and checks that the posts folder exists: the configuration start-up uses.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const file = env.HERALD_CONFIG ? path.resolve(cwd, env.HERALD_CONFIG) : path.resolve(cwd, DEFAULT_FILE);
  const raw = readConfigFile(file, Boolean(env.HERALD_CONFIG));
  const sources = new Map<string, string>();
  for (const { env: name, key, type } of ENV_OVERRIDES) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    setPath(raw, key, fromEnvText(text, type));
    sources.set(key, name);
  }
  // An issue's key can be inside an overridden one (feeds.hubs.0 came from WEBSUB_HUBS).
  const sourceOf = (key: string) => {
    const env = [...sources].find(([overridden]) => key === overridden || key.startsWith(`${overridden}.`))?.[1];
    return env ? `environment variable ${env}` : file;
  };
  const config = parseConfig(raw, cwd, sourceOf);
  const folderKey = config.paths.site ? 'site' : 'posts';
  checkFolder(`paths.${folderKey}`, config.paths[folderKey]!, sourceOf(`paths.${folderKey}`));
  if (!config.paths.site) return config;
  // Site mode: the site's _config.yml says what the site is; only the environment's site keys win over it.
  const fromEnv = (key: 'url' | 'title' | 'timezone') => (sources.has(`site.${key}`) ? { [key]: config.site[key] } : {});
  return Object.freeze({ ...config, siteOverrides: Object.freeze({ ...config.siteOverrides, ...fromEnv('url'), ...fromEnv('title'), ...fromEnv('timezone') }) });
}

// A posts (or site) folder that is not there is a mistake in the set-up, not a site without posts:
// serving empty feeds as cacheable 200s would tell every reader the site has nothing.
function checkFolder(key: string, folder: string, source: string): void {
  let problem: string | undefined;
  try {
    if (!statSync(folder).isDirectory()) problem = 'it is not a folder';
  } catch (error) {
    problem = `the folder cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  if (problem) throw new ConfigError(`config: ${key} = ${JSON.stringify(folder)} is invalid: ${problem} (from ${source})`);
}

/** Validates a raw config object (as read from YAML) into a frozen Config, or throws ConfigError. */
export function parseConfig(raw: unknown, cwd: string, sourceOf: (key: string) => string = () => 'config'): Config {
  const result = configSchema.safeParse(siteModeDefaults(raw ?? {}));
  if (!result.success) throw new ConfigError(describeIssues(result.error.issues, raw, sourceOf));
  const parsed = result.data;
  // Site mode: Herald is reached where the site is (its url + baseurl) unless server.publicUrl says otherwise.
  const explicitUrl = parsed.paths.site && parsed.server.publicUrl ? { siteOverrides: { publicUrl: parsed.server.publicUrl } } : {};
  return deepFreeze({
    ...parsed,
    ...explicitUrl,
    server: { ...parsed.server, publicUrl: parsed.server.publicUrl ?? parsed.site.url },
    paths: {
      posts: path.resolve(cwd, parsed.paths.posts),
      static: path.resolve(cwd, parsed.paths.static),
      ...(parsed.paths.data === undefined ? {} : { data: path.resolve(cwd, parsed.paths.data) }),
      authors: path.resolve(cwd, parsed.paths.authors),
      ...(parsed.paths.site ? { site: path.resolve(cwd, parsed.paths.site) } : {}),
    },
  });
}

// Site mode (paths.site): Herald's RSS is at rss.xml unless urls.files.rss says otherwise, so that
// jekyll-feed's /feed.xml keeps serving Atom to its subscribers.
function siteModeDefaults(raw: unknown): unknown {
  if (getPath(raw, ['paths', 'site']) === undefined || getPath(raw, ['urls', 'files', 'rss']) !== undefined) return raw;
  // A urls or urls.files that is not a mapping is left as it is, to be reported as it was written.
  const mapping = (value: unknown) => value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value));
  if (!mapping(getPath(raw, ['urls'])) || !mapping(getPath(raw, ['urls', 'files']))) return raw;
  const copy = structuredClone(raw) as Record<string, unknown>;
  setPath(copy, 'urls.files.rss', 'rss.xml');
  return copy;
}

function readConfigFile(file: string, required: boolean): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(`config: cannot read ${file} (HERALD_CONFIG): ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: file });
  } catch (error) {
    throw new ConfigError(`config: ${file} is not valid YAML: ${(error as Error).message}`);
  }
  if (data === undefined || data === null) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(`config: ${file} must hold a mapping of keys (site, feeds, …), not ${typeof data}`);
  }
  return data as Record<string, unknown>;
}

function fromEnvText(text: string, type: 'string' | 'number' | 'list' | 'boolean'): unknown {
  if (type === 'number') return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;
  if (type === 'list') return text.split(/[\s,]+/).filter(Boolean);
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

function setPath(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

function getPath(source: unknown, parts: readonly PropertyKey[]): unknown {
  let node = source;
  for (const part of parts) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

function describeIssues(issues: readonly z.core.$ZodIssue[], raw: unknown, sourceOf: (key: string) => string): string {
  const lines = issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const where = issue.path.join('.');
      return `config: unknown key ${issue.keys.map((k) => (where ? `${where}.${k}` : k)).join(', ')} (in ${sourceOf(where)})`;
    }
    const key = issue.path.join('.');
    const value = getPath(raw, issue.path);
    const expected = expectation(issue);
    // A secret is named, never shown: the message goes to logs.
    const shown = /token$/i.test(key) ? '(not shown)' : JSON.stringify(value);
    return `config: ${key} = ${shown} is invalid: expected ${expected} (from ${sourceOf(key)})`;
  });
  return lines.join('\n');
}

// What a key expects, in words, from a zod issue.
function expectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return 'a whole number';
      return issue.expected === 'object' ? 'a mapping of keys' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string' ? 'non-empty text' : `${issue.origin === 'number' ? 'a whole number' : issue.origin} of at least ${issue.minimum}`;
    case 'too_big':
      return `${issue.origin === 'number' ? 'a whole number' : issue.origin} of at most ${issue.maximum}`;
    case 'invalid_value':
      return `one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'email' ? 'an e-mail address' : issue.message;
    default:
      return issue.message;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
