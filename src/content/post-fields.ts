import type { Author, Term } from '../model/post.js';
import { closeBidi } from './bidi.js';
import { CalendarDate } from './calendar-date.js';
import { PostError } from './post-error.js';
import { slugify } from './slug.js';
import { stripForbiddenXmlChars } from './xml-chars.js';
import { rubyInspect } from '../jekyll/liquid/ruby-values.js';

export { PostError } from './post-error.js';

type Data = Readonly<Record<string, unknown>>;

/** A value's type in words, for reasons: `a list`, `a mapping`, `null`, `number 42`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date || value instanceof CalendarDate) return `the date ${rubyText(value)}`;
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** A scalar as Ruby's to_s writes it (Liquid shows a YAML value so): numbers, booleans, dates, times. */
export function rubyText(value: string | number | boolean | Date | CalendarDate): string {
  if (value instanceof Date) return `${value.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  return String(value);
}

function isScalar(value: unknown): value is string | number | boolean | Date | CalendarDate {
  return ['string', 'number', 'boolean'].includes(typeof value) || value instanceof Date || value instanceof CalendarDate;
}

/**
 * A scalar front-matter value as clean text (numbers, booleans and dates as Ruby writes them); undefined
 * when absent or empty. `label` names the key in reasons (`author.name` for `name` under `author`).
 */
export function text(data: Data, key: string, label = key): string | undefined {
  const value = data[key];
  if (value === undefined || value === null) return undefined;
  if (isScalar(value)) {
    const clean = stripForbiddenXmlChars(rubyText(value)).trim();
    return clean === '' ? undefined : clean;
  }
  throw new PostError(`${label} must be text, not ${describe(value)}`);
}

function names(value: unknown, key: string, split: boolean): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return split ? value.split(/\s+/) : [value];
  if (isScalar(value)) return [rubyText(value)];
  if (!Array.isArray(value)) throw new PostError(`${key} must be a list or a string of words, not ${describe(value)}`);
  return value.flat(Infinity).flatMap((entry: unknown) => {
    if (entry === null || entry === undefined) return [];
    if (isScalar(entry)) return [rubyText(entry)];
    throw new PostError(`${key} must list names, not ${describe(entry)}`);
  });
}

function toTerms(raw: readonly string[]): Term[] {
  const bySlug = new Map<string, Term>();
  for (const entry of raw) {
    const name = closeBidi(stripForbiddenXmlChars(entry).trim());
    if (!name) continue;
    const slug = slugify(name);
    if (!bySlug.has(slug)) bySlug.set(slug, { name, slug });
  }
  return [...bySlug.values()];
}

/**
 * Jekyll's categories (Document#populate_categories): the folders above `_posts`, then `categories`
 * (a list, or a string split on white space), then `category` (one name, spaces kept).
 */
export function categories(data: Data, fromPath: readonly string[] = []): Term[] {
  return toTerms([...fromPath, ...names(data.categories, 'categories', true), ...names(data.category, 'category', false)]);
}

/** Jekyll's tags (Utils.pluralized_array_from_hash): `tag` when it is set, else `tags` (split like categories). */
export function tags(data: Data): Term[] {
  const single = data.tag;
  return toTerms(single === undefined || single === null ? names(data.tags, 'tags', true) : names(single, 'tag', false));
}

/** Whether `value` looks like an e-mail address: one @, no spaces or brackets, a dot inside the domain. Linear. */
export function isEmail(value: string): boolean {
  const at = value.indexOf('@');
  if (at <= 0 || at !== value.lastIndexOf('@')) return false;
  for (const c of value) if (' \t\n\r<>()"'.includes(c)) return false;
  const domain = value.slice(at + 1);
  const dot = domain.indexOf('.');
  return dot > 0 && !domain.endsWith('.');
}

/** Authors a post names as jekyll-feed reads them: keys into `site.data.authors`, or mappings. */
export type AuthorData = Readonly<Record<string, unknown>>;

/**
 * jekyll-feed's authors: `author` (one), else every entry of `authors`; a name that is a key of
 * `authors` (site.data.authors) takes that entry's name, email and uri. Undefined when the post names none.
 */
export function postAuthors(data: Data, directory: AuthorData = {}): Author[] | undefined {
  const listed = data.author !== undefined && data.author !== null ? [data.author] : Array.isArray(data.authors) ? data.authors : data.authors ? [data.authors] : [];
  const found = listed.filter((entry) => entry !== null && entry !== undefined && entry !== '').map((entry, index) => person(entry, directory, listed.length > 1 ? `authors[${index}]` : 'author'));
  return found.length ? found : undefined;
}

function person(value: unknown, directory: AuthorData, label: string): Author {
  if (isScalar(value)) {
    const key = rubyText(value).trim();
    const entry = Object.hasOwn(directory, key) ? directory[key] : undefined;
    // jekyll-feed: `site.data.authors[key] | default: key`, and Liquid's default passes over an empty mapping.
    if (entry !== null && typeof entry === 'object' && !Array.isArray(entry) && Object.keys(entry).length) return mapping(entry as Data, `${label} (${key} in _data/authors)`);
    return { name: closeBidi(stripForbiddenXmlChars(key)) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PostError(`${label} must be a name or a mapping, not ${describe(value)}`);
  return mapping(value as Data, label);
}

function mapping(fields: Data, label: string): Author {
  const email = text(fields, 'email', `${label}.email`);
  if (email && !isEmail(email)) throw new PostError(`${label}.email ${JSON.stringify(email.slice(0, 80))} is not an e-mail address`);
  const uri = text(fields, 'uri', `${label}.uri`);
  const name = text(fields, 'name', `${label}.name`) ?? unnamed(fields);
  return { name: closeBidi(name), ...(email ? { email } : {}), ...(uri ? { uri: httpUrl(uri, label) } : {}) };
}

/**
 * The name of an author mapping without `name`: its e-mail's local part (`ada` of `ada@example.org`: gofeed
 * takes any name with an `@` for an address and shows none), else its URI. jekyll-feed
 * (`post_author.name | default: post_author`) prints the mapping as Ruby prints a Hash,
 * `{"email"=>"a@example.org"}`, which SimplePie shows escaped and gofeed drops; only a mapping with
 * neither is named so here.
 */
export function unnamed(fields: Data): string {
  const email = typeof fields.email === 'string' ? fields.email.trim() : '';
  const uri = typeof fields.uri === 'string' ? fields.uri.trim() : '';
  const name = email.includes('@') ? email.slice(0, email.lastIndexOf('@')) : email || uri || rubyInspect(fields);
  return closeBidi(stripForbiddenXmlChars(name));
}

function httpUrl(uri: string, label: string): string {
  const bad = () => new PostError(`${label}.uri ${JSON.stringify(uri.slice(0, 200))} is not an absolute http(s) URL`);
  if (!/^https?:\/\/\S+$/.test(uri)) throw bad();
  try {
    return new URL(uri).href;
  } catch {
    throw bad();
  }
}

/** `image` as a path or URL, or a mapping with `path` (or `url`) and `alt`. */
export function image(data: Data): { src: string; alt?: string } | undefined {
  const value = data.image;
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return { src: value.trim() };
  if (typeof value !== 'object' || Array.isArray(value)) throw new PostError(`image must be a path or a mapping with path, not ${describe(value)}`);
  const fields = value as Data;
  const src = text(fields, 'path', 'image.path') ?? text(fields, 'url', 'image.url');
  if (!src) throw new PostError('image.path is missing');
  const alt = text(fields, 'alt', 'image.alt');
  return alt ? { src, alt } : { src };
}

/** Jekyll's Document#published?: false only when `published` is false (YAML 1.1 `no`, `off` included). */
export function published(data: Data): boolean {
  return data.published !== false;
}
