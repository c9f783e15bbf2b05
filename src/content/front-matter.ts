import type { Author, Term } from '../model/post.js';
import { closeBidi } from './bidi.js';
import { slugify } from './slug.js';
import { stripForbiddenXmlChars } from './xml-chars.js';

/** A post that cannot be served, with the reason a publisher can act on (and the line, when known). */
export class PostError extends Error {
  override name = 'PostError';
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

type Data = Readonly<Record<string, unknown>>;

/** A value's type in words, for reasons: `a list`, `a mapping`, `null`, `number 42`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * A scalar front-matter value as clean text (numbers and booleans read as written); undefined when absent.
 * `label` names the key in reasons (`author.name` for `name` under `author`).
 */
export function text(data: Data, key: string, label = key): string | undefined {
  const value = data[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    const clean = stripForbiddenXmlChars(String(value)).trim();
    return clean === '' ? undefined : clean;
  }
  throw new PostError(`${label} must be text, not ${describe(value)}`);
}

/** Jekyll's list keys: a YAML list, or a string split on white space; `singular` adds one more entry. */
export function terms(data: Data, plural: string, singular: string): Term[] {
  const names: string[] = [];
  const add = (value: unknown, key: string, split: boolean) => {
    if (value === undefined || value === null) return;
    if (typeof value === 'string') names.push(...(split ? value.split(/\s+/) : [value]));
    else if (typeof value === 'number') names.push(String(value));
    else if (Array.isArray(value)) {
      for (const entry of value) {
        if (typeof entry === 'string' || typeof entry === 'number') names.push(String(entry));
        else if (entry !== null) throw new PostError(`${key} must list names, not ${describe(entry)}`);
      }
    } else throw new PostError(`${key} must be a list or a string of words, not ${describe(value)}`);
  };
  add(data[plural], plural, true);
  add(data[singular], singular, false);
  const bySlug = new Map<string, Term>();
  for (const raw of names) {
    const name = closeBidi(stripForbiddenXmlChars(raw).trim());
    if (!name) continue;
    const slug = slugify(name);
    if (!bySlug.has(slug)) bySlug.set(slug, { name, slug });
  }
  return [...bySlug.values()];
}

const EMAIL = /^[^\s@<>()"]+@[^\s@<>()"]+\.[^\s@<>()"]+$/;

/** `author` as a name, or a mapping with name, email and uri (or url); undefined when absent. */
export function author(data: Data): Author | undefined {
  const value = data.author;
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number') return text(data, 'author') ? { name: closeBidi(text(data, 'author')!) } : undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new PostError(`author must be a name or a mapping, not ${describe(value)}`);
  const fields = value as Data;
  const name = text(fields, 'name', 'author.name');
  if (!name) throw new PostError('author.name is missing');
  const email = text(fields, 'email', 'author.email');
  if (email && !EMAIL.test(email)) throw new PostError(`author.email ${JSON.stringify(email)} is not an e-mail address`);
  const uri = text(fields, 'uri', 'author.uri') ?? text(fields, 'url', 'author.url');
  return { name: closeBidi(name), ...(email ? { email } : {}), ...(uri ? { uri: httpUrl(uri) } : {}) };
}

function httpUrl(uri: string): string {
  const bad = () => new PostError(`author.uri ${JSON.stringify(uri)} is not an absolute http(s) URL`);
  if (!/^https?:\/\/[^\s]+$/.test(uri)) throw bad();
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

/** `published`: true unless the post says false. */
export function published(data: Data): boolean {
  const value = data.published;
  if (value === undefined || value === null || value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new PostError(`published must be true or false, not ${describe(value)}`);
}
