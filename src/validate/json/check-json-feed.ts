import type { Report } from '../finding.js';
import type { ValidateOptions } from '../format.js';
import { checkJsonItem } from './check-json-item.js';
import { isObject, JsonChecker, type JsonObject } from './json-fields.js';

const VERSIONS = ['https://jsonfeed.org/version/1.1', 'https://jsonfeed.org/version/1'];
const FEED_KEYS = new Set([
  'version', 'title', 'home_page_url', 'feed_url', 'description', 'user_comment', 'next_url', 'icon', 'favicon',
  'author', 'authors', 'language', 'expired', 'hubs', 'items',
]);

function parse(body: string | Buffer, report: Report): unknown {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.startsWith('\uFEFF')) report.warn('json.bom', 'a JSON document should not start with a byte order mark (RFC 8259 §8.1)', { line: 1 });
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    report.error('json.not-well-formed', `not valid JSON: ${err instanceof Error ? err.message : String(err)}`, { path: '' });
    return undefined;
  }
}

function checkTop(feed: JsonObject, options: ValidateOptions, check: JsonChecker): void {
  if (!('version' in feed)) check.error('json.version.missing', 'version is required: "https://jsonfeed.org/version/1.1"', 'version');
  else if (!VERSIONS.includes(feed.version as string)) check.error('json.version.invalid', `version "${String(feed.version)}" is not https://jsonfeed.org/version/1.1`, 'version');
  else if (feed.version !== VERSIONS[0]) check.warn('json.version.old', 'this is a JSON Feed 1.0 document; 1.1 is current', 'version');
  if (!check.string(feed, 'title', '', 'json.title.type')) check.error('json.title.missing', 'title is required (JSON Feed 1.1)', 'title');
  for (const key of ['home_page_url', 'feed_url', 'next_url', 'icon', 'favicon']) check.url(feed, key, '', `json.${key}.invalid`);
  for (const key of ['description', 'user_comment']) check.string(feed, key, '', `json.${key}.type`);
  check.language(feed, 'language', '', 'json.language.invalid');
  if ('expired' in feed && typeof feed.expired !== 'boolean') check.error('json.expired.type', 'expired must be true or false', 'expired');
  if (!('home_page_url' in feed)) check.warn('json.home_page_url.recommended', 'home_page_url is strongly recommended (JSON Feed 1.1)', 'home_page_url');
  if (!('feed_url' in feed)) check.warn('json.feed_url.recommended', 'feed_url is strongly recommended (JSON Feed 1.1)', 'feed_url');
  else if (options.url && typeof feed.feed_url === 'string' && feed.feed_url !== options.url) {
    check.warn('json.feed_url.mismatch', `feed_url ${feed.feed_url} differs from the URL the feed was fetched from, ${options.url}`, 'feed_url');
  }
  check.authors(feed, '', 'feed');
  for (const key of Object.keys(feed)) {
    if (!FEED_KEYS.has(key) && !key.startsWith('_')) check.warn('json.key.unknown', `${key} is not a JSON Feed 1.1 field; extensions start with "_"`, key);
  }
}

/** Checks a JSON Feed 1.1 document (jsonfeed.org/version/1.1): top-level fields, then every item. */
export function checkJsonFeed(body: string | Buffer, options: ValidateOptions, report: Report): void {
  const feed = parse(body, report);
  if (feed === undefined) return;
  const check = new JsonChecker(report);
  if (!isObject(feed)) return check.error('json.not-object', 'a JSON Feed must be a JSON object', '');
  checkTop(feed, options, check);
  if (!('items' in feed)) return check.error('json.items.missing', 'items is required, even if empty (JSON Feed 1.1)', 'items');
  if (!Array.isArray(feed.items)) return check.error('json.items.type', 'items must be an array', 'items');
  const ids = new Set<string>();
  feed.items.forEach((item: unknown, index: number) => checkJsonItem(item, `items[${index}]`, ids, check));
}
