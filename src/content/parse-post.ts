import path from 'node:path';
import type { KramdownOptions } from '../jekyll/kramdown/options.js';
import type { Post, PostContent } from '../model/post.js';
import { jekyllAbsoluteUrl, jekyllPostId, jekyllUrl } from '../site/jekyll-url.js';
import { closeBidi } from './bidi.js';
import { stripForbiddenXmlChars } from './xml-chars.js';
import { frontMatterDate, inFeedRange } from './dates.js';
import { readFrontMatter } from './front-matter.js';
import { resolveImage, type StaticListing } from './image.js';
import { MarkdownContent } from './markdown.js';
import type { BodyFormat, BodyRenderer, PostBody, SummaryRule } from './post-body.js';
import { PostError } from './post-error.js';
import * as fm from './post-fields.js';
import { deepMerge } from '../site/defaults.js';
import { jekyllTitle } from './post-title.js';

/** How item ids are made: jekyll-feed's (`post.id` made absolute), or the permalink itself (Herald 0.1). */
export type IdStyle = 'jekyll-feed' | 'permalink';

/** What a post needs to know of its site to become absolute, dated and summarised as Jekyll makes it. */
export interface SiteContext {
  /** The site's URL with its base path (Jekyll's url + baseurl), without a trailing slash. */
  readonly url: string;
  readonly timezone: string;
  /** The posts' URL template (a named style already expanded). */
  readonly permalink: string;
  readonly staticDir: string;
  /** The static folder as listed once for the many reads of one load (a parse session's copy of the context). */
  readonly images?: StaticListing;
  /** Jekyll's excerpt_separator ("\n\n" by default; "" for none). */
  readonly excerptSeparator: string;
  /** Extensions converted as Markdown (markdown_ext), lower case, without dots. */
  readonly markdownExt: readonly string[];
  /** site.data.authors: author keys to their name, email and uri. */
  readonly authors: Readonly<Record<string, unknown>>;
  readonly ids: IdStyle;
  /** `feeds.idBase`: the URL (origin and base path) ids are built from instead of `url`, when pinned. */
  readonly idBase?: string;
  /** Front matter defaults that apply to a post at this site-relative path (Jekyll's `defaults:`). */
  readonly defaults?: (file: string) => Readonly<Record<string, unknown>>;
  /** The files and folders besides the posts that shape them (an authors file, `_config.yml`, `_data/`): their modification times count in Last-Modified. */
  readonly sources?: readonly string[];
  /** Changes when what `defaults` and `render` read changes (the site's config and data): cached parses are dropped. */
  readonly revision?: string;
  /** Makes the content of a body; Markdown without Liquid when not given. */
  readonly render?: BodyRenderer;
  /**
   * Makes the content of a body read again with the same bytes (to render it once more), without listing
   * the post again where the rendering keeps the site's posts; `render` when not given.
   */
  readonly rerender?: BodyRenderer;
  /** Checks a body as its post is read (Liquid's syntax); throws PostError with the file's line. */
  readonly check?: (body: PostBody) => void;
  /**
   * How a parse worker makes this context's `defaults`, `check` and `smartify` again (they are Jekyll's,
   * from these settings); a context without one is parsed on the main thread only.
   */
  readonly recipe?: ParseRecipe;
  /**
   * Makes the content of a post restored from the index without reading its file (`reread` reads and
   * parses it again, on first use), and lists it where the rendering keeps the site's posts.
   */
  readonly restore?: (post: RestoredPost, reread: () => PostContent) => PostContent;
  /** Jekyll's `future`: posts dated after now are served at once (true), or each from its date (false, the default). */
  readonly future?: boolean;
  /** jekyll-feed's `feed.excerpt_only`: items carry the summary and no content (a post's `feed.excerpt_only` wins). */
  readonly excerptOnly?: boolean;
  /** Jekyll's smartify, for titles as jekyll-feed shows them; none when not given. */
  readonly smartify?: (text: string) => string;
}

/** What a context's Jekyll functions are made of: `defaults:` as `_config.yml` has it, and kramdown's options (smartify). */
export interface ParseRecipe {
  readonly defaults?: unknown;
  readonly kramdown: KramdownOptions;
}

/** A post as read from its file, before its content is made: structured-clone-able (a parse worker sends it). */
export type ParsedPost = Omit<Post, 'content'> & { readonly body: PostBody };

/** What the index tells of a post it restores: its path from the site folder, its date and whether it is published. */
export interface RestoredPost {
  readonly path: string;
  readonly date: Date;
  readonly published: boolean;
}

/** Where a post file is: its path relative to the site folder (`_posts/…`, `news/_posts/…`, `_drafts/…`). */
export interface PostLocation {
  /** The name reports use. */
  readonly file: string;
  /** The path Jekyll's rules see (relative to the site), when not `file` (`_posts/…` for POSTS_DIR mode). */
  readonly sitePath?: string;
  readonly draft?: boolean;
  /** A draft's date when its front matter has none: the file's modification time. */
  readonly mtime?: Date;
}

// Document::DATE_FILENAME_MATCHER and DATELESS_FILENAME_MATCHER.
const DATED_NAME = /^(?:.+\/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^./]+)$/;
const DATELESS_NAME = /^(?:.+\/)*(.*)(\.[^./]+)$/;

/** The converter Jekyll uses for a file name: Markdown for markdown_ext, HTML for .html; else none. */
export function bodyFormat(file: string, markdownExt: readonly string[]): BodyFormat | undefined {
  const ext = path.extname(file).slice(1).toLowerCase();
  if (markdownExt.includes(ext)) return 'markdown';
  return ext === 'html' || ext === 'htm' ? 'html' : undefined;
}

// Document#categories_from_path: folders above `_posts` (or `_drafts`) are categories.
function pathCategories(file: string, special: string): string[] {
  if (file.startsWith(special)) return [];
  const above = file.slice(0, Math.max(0, file.indexOf(special)));
  return above.split('/').filter((part) => part !== '' && part !== special);
}

function summaryRule(data: Readonly<Record<string, unknown>>, body: string, separator: string): SummaryRule {
  const description = data.description;
  if (typeof description === 'string' ? description !== '' : description !== undefined && description !== null && description !== false) {
    return { kind: 'text', text: fm.text(data, 'description') ?? '' };
  }
  if (data.excerpt !== undefined && data.excerpt !== null) {
    const excerpt = fm.text(data, 'excerpt');
    return excerpt ? { kind: 'text', text: excerpt } : { kind: 'none' };
  }
  if (separator === '') return { kind: 'none' };
  return { kind: 'excerpt', source: jekyllExcerpt(body, separator) };
}

/** Jekyll's Excerpt#extract_excerpt: the body up to the separator, with the link definitions it uses. */
export function jekyllExcerpt(body: string, separator: string): string {
  const cut = body.indexOf(separator);
  if (cut < 0) return body;
  const head = body.slice(0, cut);
  const rest = body.slice(cut + separator.length);
  // A link definition is `[label]: url`; a body without "]:" after the cut has none.
  if (!rest.includes(']:')) return head;
  const definitions = rest
    .split('\n')
    .filter((line) => {
      const label = /^ {0,3}(\[[^\]]+\]):.+$/.exec(line)?.[1];
      return label !== undefined && head.includes(label);
    });
  return definitions.length ? `${head}\n\n${definitions.join('\n')}` : head;
}

function dateOf(data: Readonly<Record<string, unknown>>, key: string, timeZone: string): Date | undefined {
  const value = data[key];
  if (value === undefined || value === null || value === '') return undefined;
  const date = frontMatterDate(value, timeZone);
  if (typeof date === 'string') {
    const shown = typeof value === 'string' || typeof value === 'number' ? JSON.stringify(String(value).slice(0, 80)) : fm.describe(value);
    throw new PostError(`${key} ${shown} is not a date (as Ruby's Time.parse reads dates): ${date}`);
  }
  if (!inFeedRange(date)) throw new PostError(`${key} ${JSON.stringify(fm.rubyText(value as string))} is outside the years 1000 to 9999 that feeds can carry`);
  return date;
}

/** Turns one post file's text into a Post as Jekyll and jekyll-feed see it, or throws PostError naming what is wrong. */
export function parsePost(location: PostLocation | string, source: string, site: SiteContext): Post {
  return assemblePost(readPost(location, source, site), site);
}

/**
 * A post read (parsed and checked) with its content made by the site's renderer: on the copy of its
 * fields with Object.assign, not a spread, so the posts share a hidden class (see PostLibrary.listed).
 */
export function assemblePost(parsed: ParsedPost, site: SiteContext): Post {
  const { body, image, ...fields } = parsed;
  return Object.assign(fields, { content: (site.render ?? ((b: PostBody) => new MarkdownContent(b)))(body) }, image ? { image } : {});
}

/**
 * Everything of `parsePost` but the content: what a parse worker does; throws PostError. Without `page`
 * the body carries an empty page, for a caller that lists the post as a restored one (its page made
 * again when a template asks for it): at 100,000 posts a copy of each front matter made for nothing.
 */
export function readPost(location: PostLocation | string, source: string, site: SiteContext, page = true): ParsedPost {
  const where: PostLocation = typeof location === 'string' ? { file: location } : location;
  const file = where.sitePath ?? where.file;
  const format = bodyFormat(file, site.markdownExt);
  if (!format) throw new PostError(`not a post Herald renders: the extension is none of ${[...site.markdownExt, 'html'].join(', ')}`);
  const name = (where.draft ? DATELESS_NAME : DATED_NAME).exec(file);
  if (!name) throw new PostError('the file name must start with a date, YYYY-MM-DD-title.md, or Jekyll does not publish it');
  const [fileDate, fileSlug] = where.draft ? [undefined, name[1]!] : [name[1]!, name[2]!.replace(/\.+$/, '')];
  const unmarked = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const text = unmarked.includes('\r') ? unmarked.replace(/\r\n?/g, '\n') : unmarked;
  const read = readFrontMatter(text);
  const data = deepMerge(site.defaults?.(file) ?? {}, read.data);

  const date = dateOf(data, 'date', site.timezone) ?? (fileDate ? dateOf({ date: fileDate }, 'date', site.timezone) : where.mtime);
  if (!date) throw new PostError('no date: a draft needs a date in its front matter');
  const modified = dateOf(data, 'last_modified_at', site.timezone);
  const special = where.draft ? '_drafts' : '_posts';
  const categories = fm.categories(data, pathCategories(file, special));
  const tags = fm.tags(data);
  const slug = fm.text(data, 'slug') ?? fileSlug;
  const ext = path.extname(file);
  const permalink = fm.text(data, 'permalink') ?? site.permalink;
  const sitePath = jekyllUrl(permalink, {
    slug,
    basename: path.basename(file, ext),
    categories: categories.map((term) => term.name),
    date,
    timeZone: site.timezone,
    outputExt: '.html',
    path: file.slice(0, file.length - ext.length).replace(special, '').replace(/\.+$/, ''),
  });
  const url = jekyllAbsoluteUrl(site.url, sitePath);
  const idBase = site.idBase ?? site.url;
  const id = fm.text(data, 'id') ?? jekyllAbsoluteUrl(idBase, site.ids === 'permalink' ? sitePath : jekyllPostId(sitePath, slug));
  const imageRef = fm.image(data);
  let image;
  try {
    image = imageRef && resolveImage(imageRef.src, imageRef.alt, site.url, site.staticDir, site.images);
  } catch (error) {
    throw new PostError(`image ${JSON.stringify(imageRef?.src)} ${(error as Error).message}`);
  }
  const authors = fm.postAuthors(data, site.authors);
  const lang = fm.text(data, 'lang');
  const title = jekyllTitle(fm.text(data, 'title') ?? titleize(fileSlug), site.smartify);
  const pageData = page ? { ...data, title, slug, date, url: sitePath, id: jekyllPostId(sitePath, slug), categories: categories.map((t) => t.name), tags: tags.map((t) => t.name), path: file, draft: where.draft ?? false } : {};
  const body: PostBody = { source: read.body, format, url, summary: summaryRule(data, read.body, fm.text(data, 'excerpt_separator') ?? site.excerptSeparator), page: pageData, file: where.file, bodyLine: lineAt(text, text.length - read.body.length) };
  site.check?.(body);
  return {
    file: where.file,
    slug: fm.text(data, 'slug') ?? fileSlug,
    id: absoluteId(id, idBase),
    url,
    title: closeBidi(stripForbiddenXmlChars(title)),
    date,
    ...(modified ? { modified } : {}),
    published: fm.published(data),
    ...(authors ? { authors } : {}),
    ...(lang ? { language: lang } : {}),
    ...(excerptOnly(data, site) ? { excerptOnly: true } : {}),
    categories,
    tags,
    body,
    ...(image ? { image } : {}),
  };
}

/** The 1-based line of `text` that `offset` falls on. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

// jekyll-feed: `post.feed.excerpt_only | default: site.feed.excerpt_only`.
function excerptOnly(data: Readonly<Record<string, unknown>>, site: SiteContext): boolean {
  const own = data.feed && typeof data.feed === 'object' ? (data.feed as Record<string, unknown>).excerpt_only : undefined;
  // Liquid's default: takes false for empty, so a post's `false` falls back to the site's setting.
  return (own !== undefined && own !== null && own !== false && own !== '') || site.excerptOnly === true;
}

// Utils.titleize_slug: words split on "-", each capitalised as Ruby does (the rest lower case).
function titleize(slug: string): string {
  return slug
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join(' ');
}

// RFC 3987 §2.2: white space, controls, bidi formatting characters and "<>\"{}|\\^`" are not IRI characters.
const NOT_IRI = /[\s\u0000-\u001f\u007f-\u009f<>"{}|\\^`\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

// A post's own `id` (Herald's extension): an IRI as written, or a path on the site.
function absoluteId(id: string, siteUrl: string): string {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(id)) return jekyllAbsoluteUrl(siteUrl, id);
  if (NOT_IRI.test(id)) throw new PostError(`id ${JSON.stringify(id)} is not a valid IRI: no spaces, quotes, angle brackets or control characters`);
  return id;
}
