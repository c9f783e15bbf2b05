import { zonedFields, type ZonedFields } from '../content/dates.js';
import { jekyllSlugify } from '../content/slug.js';

/** Jekyll's named permalink styles (Configuration::STYLE_TO_PERMALINK). */
export const PERMALINK_STYLES: Readonly<Record<string, string>> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

/** A site-wide permalink setting as the posts' URL template: a named style expanded, else as written. */
export function permalinkTemplate(setting: string): string {
  return PERMALINK_STYLES[setting] ?? setting;
}

/** What a post's URL placeholders are made of (Jekyll's Drops::UrlDrop). */
export interface UrlParts {
  /** The file name without its date and extension, or front matter `slug`. */
  readonly slug: string;
  /** The file name without its extension, date included. */
  readonly basename: string;
  readonly categories: readonly string[];
  readonly date: Date;
  readonly timeZone: string;
  /** `.html` for Markdown and HTML posts. */
  readonly outputExt: string;
  /** The path below the collection folder, without extension (`/2025-01-01-post`). */
  readonly path: string;
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const unique = (values: string[]) => [...new Set(values)].join('/');

// Each placeholder's value, made only when a template names it (a URL names a handful of the 29).
const PLACEHOLDERS: Readonly<Record<string, (parts: UrlParts, f: ZonedFields) => string>> = {
  year: (_, f) => String(f.year), month: (_, f) => pad(f.month), day: (_, f) => pad(f.day),
  hour: (_, f) => pad(f.hour), minute: (_, f) => pad(f.minute), second: (_, f) => pad(f.second),
  i_day: (_, f) => String(f.day), i_month: (_, f) => String(f.month), short_year: (_, f) => pad(f.year % 100),
  short_month: (_, f) => MONTH_NAMES[f.month - 1]!.slice(0, 3), long_month: (_, f) => MONTH_NAMES[f.month - 1]!,
  w_year: (_, f) => String(isoWeek(f.year, f.month, f.day).year), week: (_, f) => pad(isoWeek(f.year, f.month, f.day).week),
  w_day: (_, f) => String(weekdayOf(f) || 7), short_day: (_, f) => DAY_NAMES[weekdayOf(f)]!.slice(0, 3), long_day: (_, f) => DAY_NAMES[weekdayOf(f)]!,
  y_day: (_, f) => pad((Date.UTC(f.year, f.month - 1, f.day) - Date.UTC(f.year, 0, 1)) / 86_400_000 + 1, 3),
  title: (parts) => jekyllSlugify(parts.slug, 'pretty', true), slug: (parts) => jekyllSlugify(parts.slug), name: (parts) => jekyllSlugify(parts.basename),
  categories: (parts) => unique(parts.categories.map((c) => c.toLowerCase())),
  slugified_categories: (parts) => unique(parts.categories.map((c) => jekyllSlugify(c))),
  collection: () => 'posts', output_ext: (parts) => parts.outputExt, path: (parts) => parts.path,
};

function weekdayOf(f: ZonedFields): number {
  return new Date(Date.UTC(f.year, f.month - 1, f.day)).getUTCDay();
}

// ISO 8601 week date (strftime %G and %V).
function isoWeek(year: number, month: number, day: number): { year: number; week: number } {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const start = Date.UTC(date.getUTCFullYear(), 0, 1);
  return { year: date.getUTCFullYear(), week: Math.ceil(((date.getTime() - start) / 86_400_000 + 1) / 7) };
}

const PATH_SAFE = /^[a-zA-Z0-9./-]+$/;
// RFC 3986 pchar plus "/" and "?": what Addressable leaves as it is in a path.
const PATH_KEEP = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/;

/** Jekyll's URL.escape_path: percent-encodes what a path segment cannot hold (UTF-8), `#` as %23. */
export function escapePath(path: string): string {
  if (path === '' || PATH_SAFE.test(path)) return path;
  let out = '';
  for (const char of path) out += PATH_KEEP.test(char) ? char : encodeURIComponent(char);
  return out;
}

/**
 * Jekyll's URL#to_s for a template or a front-matter permalink: each `:placeholder` filled (escaped),
 * then `..` and `./` removed and slashes squeezed, always with a leading `/`.
 */
export function jekyllUrl(template: string, parts: UrlParts): string {
  let fields: ZonedFields | undefined;
  const filled = template.replace(/:([a-z_]+)/g, (match, name: string) => {
    const key = Object.hasOwn(PLACEHOLDERS, name) ? name : name.endsWith('_') && Object.hasOwn(PLACEHOLDERS, name.slice(0, -1)) ? name.slice(0, -1) : undefined;
    if (key === undefined) return match;
    fields ??= zonedFields(parts.date, parts.timeZone);
    return escapePath(PLACEHOLDERS[key]!(parts, fields)) + (key === name ? '' : '_');
  });
  return `/${filled}`.replace(/\.\./g, '/').replace(/\.\//g, '').replace(/\/{2,}/g, '/');
}

/** Jekyll's Document#id: the URL's folder joined with the raw slug (`/2025/01/29/post` for `/2025/01/29/post.html` or `…/post/`). */
export function jekyllPostId(url: string, slug: string): string {
  const trimmed = url.replace(/\/+$/, '');
  const folder = trimmed.slice(0, trimmed.lastIndexOf('/')) || '/';
  return `${folder.replace(/\/$/, '')}/${slug}`;
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;
// A path of pchar, "/" and "?" only, no escape: normalising leaves it as it is.
const NORMAL_PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*$/;

/**
 * Addressable::URI#normalize on a path, as Jekyll's absolute_url and relative_url leave it: characters
 * outside pchar percent-encoded (UTF-8), escapes of unreserved characters decoded, hex upper-cased.
 */
export function normalizePath(path: string): string {
  if (NORMAL_PATH.test(path)) return path;
  let out = '';
  for (let i = 0; i < path.length; ) {
    const escape = /^%[0-9A-Fa-f]{2}/.exec(path.slice(i, i + 3));
    if (escape) {
      const char = String.fromCharCode(parseInt(escape[0].slice(1), 16));
      out += UNRESERVED.test(char) ? char : escape[0].toUpperCase();
      i += 3;
      continue;
    }
    const char = String.fromCodePoint(path.codePointAt(i)!);
    out += /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/.test(char) ? char : encodeURIComponent(char);
    i += char.length;
  }
  return out;
}

/**
 * Jekyll's absolute_url filter for a site path: `siteUrl` (url + baseurl) + path, normalised as
 * Addressable does; an absolute URL stays as it is.
 */
export function jekyllAbsoluteUrl(siteUrl: string, path: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return path;
  const relative = normalizePath(path === '' || path.startsWith('/') ? path : `/${path}`);
  const origin = siteUrl.replace(/\/+$/, '');
  const parsed = parsedOrigin(origin);
  if (!parsed) return origin + relative;
  return `${parsed.start}${removeDotSegments(normalizePath(parsed.path + relative))}`;
}

// The last site URL parsed: every post of a site has the same one.
let lastOrigin: { origin: string; parsed: { start: string; path: string } | undefined } | undefined;

function parsedOrigin(origin: string): { start: string; path: string } | undefined {
  if (lastOrigin?.origin !== origin) {
    let parsed;
    try {
      const url = new URL(origin);
      parsed = { start: `${url.protocol}//${url.host}`, path: url.pathname.replace(/\/$/, '') };
    } catch {
      parsed = undefined;
    }
    lastOrigin = { origin, parsed };
  }
  return lastOrigin.parsed;
}

// RFC 3986 §5.2.4, which Addressable's normalize applies to the path (before any query).
function removeDotSegments(full: string): string {
  const query = full.indexOf('?');
  const path = query < 0 ? full : full.slice(0, query);
  const out: string[] = [];
  const segments = path.split('/');
  for (const [index, segment] of segments.entries()) {
    if (segment === '..') {
      if (out.length > 1) out.pop();
      if (index === segments.length - 1) out.push('');
    } else if (segment === '.') {
      if (index === segments.length - 1) out.push('');
    } else out.push(segment);
  }
  return out.join('/') + (query < 0 ? '' : full.slice(query));
}
