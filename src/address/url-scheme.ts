import type { View } from '../model/feed.js';
import { VIEWS } from '../model/feed.js';
import {
  ownSpelling,
  BadAddressError,
  UnknownAddressError,
  type Address,
  type AliasSpelling,
  type ArchiveAddress,
  type FeedAddress,
  type PostAddress,
  type Scope,
  type TermKind,
  type ViewAddress,
} from './address.js';
import { aliasPath, compileAlias, matchAlias, type Alias, type AliasSetting } from './aliases.js';
import { DOCUMENT_SPECS, POST_PAGE, VIEW_SPECS, type DocumentKind } from './views.js';

/** How Herald's URLs are spelled: where it is reached, the folders and files of feeds, and aliases. */
export interface SchemeSettings {
  /** Herald's public base URL, without a trailing slash. */
  readonly publicUrl: string;
  /** The largest `?limit=` accepted. */
  readonly maxLimit: number;
  /** The folder of each term kind's feeds (`categories`, `tags`). */
  readonly folders: Readonly<Record<TermKind, string>>;
  /** The file name of each view under a feed's folder. */
  readonly files: Readonly<Record<View, string>>;
  /**
   * Other paths for feeds: pattern → Herald path (or that and the options of a document of its own,
   * as jekyll-feed's paths are in site mode), in the order they are tried.
   */
  readonly aliases: Readonly<Record<string, AliasSetting>>;
  /**
   * How a feed's page 2 and later is spelled: `?page=N` (RFC 5005 §3's usual form), or a path of its own,
   * `…/page/N/<file>`, which a static host can serve from a file (`herald build` writes that form).
   */
  readonly pages?: PageSpelling;
}

/** How pages after the first are spelled: a query parameter, or a folder a static host serves. */
export type PageSpelling = 'query' | 'path';

/** Which paths are post pages in the content being served (the permalinks under Herald's public URL). */
export interface PostPaths {
  hasPost(path: string): boolean;
}

/** The scheme's defaults: Herald's URLs as documented in the README. */
export const DEFAULT_SCHEME: Omit<SchemeSettings, 'publicUrl'> = Object.freeze({
  maxLimit: 100,
  folders: Object.freeze({ category: 'categories', tag: 'tags', author: 'authors' }),
  files: Object.freeze(Object.fromEntries(VIEWS.map((view) => [view, VIEW_SPECS[view].file])) as Record<View, string>),
  aliases: Object.freeze({}),
  pages: 'query',
});

const MAX_PAGE = 1_000_000;
const DOCUMENTS = new Map<string, DocumentKind>(
  (Object.keys(DOCUMENT_SPECS) as DocumentKind[]).flatMap((kind) => DOCUMENT_SPECS[kind].paths.map((path) => [path, kind] as const)),
);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function positiveInteger(name: string, value: string | null, max: number): number | undefined {
  if (value === null) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new BadAddressError(`${name} must be a whole number from 1 to ${max}`);
  }
  return Number(value);
}

/**
 * Herald's URL scheme, the one place that builds, parses and labels its URLs: feeds of the site and of
 * each category and tag in every view, their pages (RFC 5005 §3 `?limit=&page=`) and archive documents
 * (§4 `…/archive/<n>/`), the index and OPML, and the configured aliases.
 */
export class UrlScheme {
  private readonly feedPath: RegExp;
  private readonly viewOfFile: ReadonlyMap<string, View>;
  private readonly kindOfFolder: ReadonlyMap<string, TermKind>;
  private readonly aliases: readonly Alias[];
  private readonly aliasOf: ReadonlyMap<string, Alias>;

  constructor(readonly settings: SchemeSettings) {
    this.viewOfFile = new Map(VIEWS.map((view) => [settings.files[view], view]));
    this.kindOfFolder = new Map((Object.keys(settings.folders) as TermKind[]).map((kind) => [settings.folders[kind], kind]));
    const folders = [...this.kindOfFolder.keys()].map(escapeRegExp).join('|');
    this.feedPath = new RegExp(`^(?:/(${folders})/([^/]+))?(?:/archive/(\\d{1,9})|/page/(\\d{1,9}))?/([^/]+)$`);
    this.aliases = Object.entries(settings.aliases).map(([pattern, setting]) =>
      typeof setting === 'string' ? compileAlias(pattern, setting) : compileAlias(pattern, setting.target, setting),
    );
    this.aliasOf = new Map(this.aliases.map((alias) => [alias.pattern, alias]));
  }

  /**
   * The address a request path and query name, or undefined when the path is not one of Herald's (then
   * it is a static file, an endpoint or a 404). Throws BadAddressError for a query the path does not
   * take, UnknownAddressError for a slug that is not valid percent-encoding. Own paths win over aliases,
   * and both over the post pages of `posts` (whose query, such as a reader's `utm_*`, is ignored).
   */
  parseAddress(pathname: string, query: URLSearchParams, posts?: PostPaths): Address | undefined {
    const document = DOCUMENTS.get(pathname);
    if (document) return query.size ? undefined : { kind: document };
    const own = this.parseOwn(pathname, query);
    if (own) return own;
    for (const alias of this.aliases) {
      const match = matchAlias(alias, pathname);
      const address = match && this.parseOwn(match.target, query);
      if (!address) continue;
      const spelling: AliasSpelling = {
        pattern: alias.pattern,
        ...(match.name === undefined ? {} : { name: match.name }),
        ...(alias.own && address.kind === 'feed' ? { pageSize: alias.own.pageSize } : {}),
      };
      return { ...address, alias: spelling };
    }
    return posts?.hasPost(pathname) ? { kind: 'post', path: pathname } : undefined;
  }

  /**
   * The address of a post's page, when its permalink `url` lies under Herald's public URL (else Herald
   * serves no page for it): the path below the public URL, normalised as request paths are.
   */
  postAddress(url: string): PostAddress | undefined {
    const base = this.settings.publicUrl;
    if (!url.startsWith(`${base}/`)) return undefined;
    const rest = url.slice(base.length).replace(/[?#].*$/s, '');
    return { kind: 'post', path: new URL(rest, 'http://herald.invalid').pathname };
  }

  /**
   * The path and query of an address on Herald, canonical: slugs percent-encoded, `limit` before `page`,
   * no `page=1`; an alias of its own keeps its path (the name as it was written, percent-encoded).
   */
  addressPath(address: Address): string {
    if (address.kind === 'index' || address.kind === 'opml') return DOCUMENT_SPECS[address.kind].paths[0]!;
    if (address.kind === 'post') return address.path;
    const file = this.settings.files[address.view];
    if (address.kind === 'archive') return `${this.scopePath(address.scope)}/archive/${address.number}/${file}`;
    const params = new URLSearchParams();
    if (address.limit !== undefined) params.set('limit', String(address.limit));
    if (address.page > 1) params.set('page', String(address.page));
    const own = ownSpelling(address);
    if (this.pagePath(address)) {
      return `${this.scopePath(address.scope)}/page/${address.page}/${file}`;
    }
    const search = params.size ? `?${params.toString()}` : '';
    const alias = own && this.aliasOf.get(own.pattern);
    return `${alias ? aliasPath(alias, own.name) : `${this.scopePath(address.scope)}/${file}`}${search}`;
  }

  /** The absolute URL of an address, under Herald's public URL. */
  addressUrl(address: Address): string {
    return `${this.settings.publicUrl}${this.addressPath(address)}`;
  }

  /** The folder a scope's feeds live under: '' for the site, `/<folder>/<slug, percent-encoded>` for a term. */
  scopePath(scope: Scope): string {
    return scope.kind === 'site' ? '' : `/${this.settings.folders[scope.kind]}/${encodeURIComponent(scope.slug)}`;
  }

  /** A low-cardinality label for metrics: the kind of address and its file, never a slug or a number. */
  routeLabel(address: Address): string {
    if (address.kind === 'index' || address.kind === 'opml') return DOCUMENT_SPECS[address.kind].paths[0]!;
    if (address.kind === 'post') return POST_PAGE.route;
    if (address.alias !== undefined) return address.alias.pattern;
    const folder = address.scope.kind === 'site' ? '' : `/${this.settings.folders[address.scope.kind]}/:slug`;
    const page = address.kind === 'archive' ? '/archive/:n' : this.pagePath(address) ? '/page/:n' : '';
    return `${folder}${page}/${this.settings.files[address.view]}`;
  }

  /** The aliases, compiled: what the static export writes beside Herald's own paths. */
  get aliasList(): readonly Alias[] {
    return this.aliases;
  }

  private parseOwn(pathname: string, query: URLSearchParams): ViewAddress | undefined {
    const match = this.feedPath.exec(pathname);
    const view = match && this.viewOfFile.get(match[5]!);
    if (!match || !view) return undefined;
    const pathPage = match[4] === undefined ? undefined : Number(match[4]);
    if (pathPage !== undefined && (this.settings.pages !== 'path' || pathPage < 2 || pathPage > MAX_PAGE)) return undefined;
    const kind = match[1] === undefined ? undefined : this.kindOfFolder.get(match[1]);
    if (match[3] !== undefined) {
      if (query.size) throw new BadAddressError('an archive document takes no query parameters');
      return { kind: 'archive', view, number: Number(match[3]), scope: this.scope(kind, match[2]) } satisfies ArchiveAddress;
    }
    for (const key of query.keys()) {
      if (key !== 'page' && key !== 'limit') throw new BadAddressError(`unknown query parameter ${JSON.stringify(key)} (expected page or limit)`);
      if (key === 'page' && pathPage !== undefined) throw new BadAddressError('a page path takes no page parameter');
    }
    const page = pathPage ?? positiveInteger('page', query.get('page'), MAX_PAGE) ?? 1;
    const limit = positiveInteger('limit', query.get('limit'), this.settings.maxLimit);
    return { kind: 'feed', view, page, ...(limit === undefined ? {} : { limit }), scope: this.scope(kind, match[2]) } satisfies FeedAddress;
  }

  // Whether a feed address is spelled as a page path: page 2 or later, no limit, not an alias of its own.
  private pagePath(address: FeedAddress): boolean {
    return this.settings.pages === 'path' && address.page > 1 && address.limit === undefined && !ownSpelling(address);
  }

  private scope(kind: TermKind | undefined, rawSlug: string | undefined): Scope {
    if (!kind || rawSlug === undefined) return { kind: 'site' };
    try {
      return { kind, slug: decodeURIComponent(rawSlug) };
    } catch {
      throw new UnknownAddressError(`no ${kind} with that slug`);
    }
  }
}
