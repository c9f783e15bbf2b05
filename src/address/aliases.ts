import { slugify } from '../content/slug.js';
import { UnknownAddressError, type TermKind } from './address.js';

/**
 * What makes an alias a document of its own (jekyll-feed's paths in site mode): its page size, and
 * which names it serves (jekyll-feed's `feed.categories`, `feed.tags.only`/`except`).
 */
export interface AliasOptions {
  readonly pageSize: number;
  /** Whether the placeholder's name (decoded, as written) is served here; every name when absent. */
  readonly accepts?: (name: string) => boolean;
}

/** An alias as configured: the Herald path it serves, or that and what makes it a document of its own. */
export type AliasSetting = string | ({ readonly target: string } & AliasOptions);

/** One entry of `urls.aliases`: another URL for a feed, such as jekyll-feed's `/feed/{category}.xml`. */
export interface Alias {
  /** The path pattern as configured, also the route label of what it matches. */
  readonly pattern: string;
  /** The term kind of its placeholder, when it has one. */
  readonly placeholder?: TermKind;
  /** A Herald path with the same placeholder: what a match is served as. */
  readonly target: string;
  readonly regex: RegExp;
  /** Set for an alias that is a document of its own. */
  readonly own?: AliasOptions;
}

/** An alias that cannot be used; the message says why, the config error names its key. */
export class AliasError extends Error {
  override name = 'AliasError';
}

const PLACEHOLDERS = /\{([^{}/]*)\}/g;
const KINDS: readonly TermKind[] = ['category', 'tag'];

function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDERS)].map((match) => match[1]!);
}

/**
 * Compiles a pattern (a path starting with `/`; `{category}` or `{tag}` stands for one path segment, the
 * term's name as jekyll-feed writes it, or its slug) and its target, or throws AliasError.
 */
export function compileAlias(pattern: string, target: string, own?: AliasOptions): Alias {
  if (!pattern.startsWith('/') || /[?#\s]/.test(pattern)) throw new AliasError('a path starting with "/", without "?", "#" or spaces');
  const names = placeholdersOf(pattern);
  const unknown = names.find((name) => !(KINDS as readonly string[]).includes(name));
  if (unknown !== undefined) throw new AliasError(`placeholders {category} or {tag} only, not {${unknown}}`);
  if (names.length > 1) throw new AliasError('at most one placeholder');
  const placeholder = names[0] as TermKind | undefined;
  const wanted = placeholder === undefined ? [] : [placeholder];
  if (placeholdersOf(target).join() !== wanted.join()) {
    throw new AliasError(`a target with ${placeholder ? `the placeholder {${placeholder}}` : 'no placeholder'}, as its pattern has`);
  }
  const source = pattern
    .split(PLACEHOLDERS)
    .map((part, index) => (index % 2 ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return { pattern, target, regex: new RegExp(`^${source}$`), ...(placeholder ? { placeholder } : {}), ...(own ? { own } : {}) };
}

/**
 * The Herald path an alias maps `pathname` to (the matched name made a slug, as term slugs are made) and
 * the name as written, or undefined when it does not match or its name is not served there. Throws
 * UnknownAddressError for a segment that is not valid percent-encoding.
 */
export function matchAlias(alias: Alias, pathname: string): { target: string; name?: string } | undefined {
  const match = alias.regex.exec(pathname);
  if (!match) return undefined;
  if (!alias.placeholder) return { target: alias.target };
  let name: string;
  try {
    name = decodeURIComponent(match[1]!);
  } catch {
    throw new UnknownAddressError(`no ${alias.placeholder} with that name`);
  }
  if (alias.own?.accepts && !alias.own.accepts(name)) return undefined;
  return { target: alias.target.replace(`{${alias.placeholder}}`, encodeURIComponent(slugify(name))), name };
}

/** The Herald path an alias maps `pathname` to, or undefined (see matchAlias). */
export function aliasTarget(alias: Alias, pathname: string): string | undefined {
  return matchAlias(alias, pathname)?.target;
}

/** The path a pattern gives for a term named `name`: what the static export writes the alias at. */
export function aliasPath(alias: Alias, name?: string): string {
  return alias.placeholder && name !== undefined ? alias.pattern.replace(`{${alias.placeholder}}`, encodeURIComponent(name)) : alias.pattern;
}
