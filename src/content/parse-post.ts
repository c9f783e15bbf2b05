import path from 'node:path';
import yaml from 'js-yaml';
import type { Post } from '../model/post.js';
import { closeBidi } from './bidi.js';
import { inFeedRange, parsePostDate, zonedFields } from './dates.js';
import * as fm from './front-matter.js';
import { PostError } from './front-matter.js';
import { resolveImage } from './image.js';
import { MarkdownContent } from './markdown.js';
import { slugify, titleFromSlug } from './slug.js';

/** What a post needs to know of the site to become absolute and dated. */
export interface SiteContext {
  readonly url: string;
  readonly timezone: string;
  readonly permalink: string;
  readonly staticDir: string;
}

const FILE_NAME = /^(?:(\d{4}-\d{2}-\d{2})-)?(.+)\.(?:md|markdown)$/is;

// Jekyll's rule: the file starts with a `---` line, and the front matter ends at the next line that is
// `---` or `...`. A file without it is all body.
const FRONT_MATTER = /---[ \t]*\n([\s\S]*?)^(?:---|\.\.\.)[ \t]*$\n?/my;

function readFrontMatter(source: string): { data: Record<string, unknown>; body: string } {
  FRONT_MATTER.lastIndex = 0;
  const match = FRONT_MATTER.exec(source);
  if (!match) {
    if (/^---[ \t]*(\n|$)/.test(source)) throw new PostError('front matter opened with --- on line 1 is never closed: end it with a line of ---', 1);
    return { data: {}, body: source };
  }
  let data: unknown;
  try {
    data = yaml.load(match[1]!, { schema: yaml.CORE_SCHEMA }) ?? {};
  } catch (error) {
    if (!(error instanceof yaml.YAMLException)) throw error;
    // The front matter starts on line 2, after the opening ---.
    throw new PostError(`invalid YAML front matter: ${error.reason}`, error.mark ? error.mark.line + 2 : undefined);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new PostError(`front matter must be a mapping of keys, not ${fm.describe(data)}`);
  return { data: data as Record<string, unknown>, body: source.slice(match[0].length) };
}

/** Jekyll permalink placeholders, filled from the post's date in the site's time zone. */
export function permalinkPath(pattern: string, slug: string, date: Date, categories: readonly string[], timeZone: string): string {
  const f = zonedFields(date, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const values: Record<string, string> = {
    year: String(f.year),
    short_year: pad(f.year % 100),
    month: pad(f.month),
    i_month: String(f.month),
    day: pad(f.day),
    i_day: String(f.day),
    hour: pad(f.hour),
    minute: pad(f.minute),
    second: pad(f.second),
    title: encodeURIComponent(slug),
    slug: encodeURIComponent(slug),
    categories: categories.map(encodeURIComponent).join('/'),
  };
  const filled = pattern.replace(/:([a-z_]+)/g, (whole, name: string) => values[name] ?? whole);
  return filled.replace(/\/{2,}/g, '/');
}

// RFC 3987 §2.2: white space, controls, bidi formatting characters and "<>\"{}|\\^`" are not IRI characters.
const NOT_IRI = /[\s\u0000-\u001f\u007f-\u009f<>"{}|\\^`\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

function iri(id: string): string {
  if (NOT_IRI.test(id)) throw new PostError(`id ${JSON.stringify(id)} is not a valid IRI: no spaces, quotes, angle brackets or control characters`);
  return id;
}

/** Turns one post file's text into a Post, or throws PostError naming what is wrong. */
export function parsePost(file: string, source: string, site: SiteContext): Post {
  const name = FILE_NAME.exec(path.basename(file));
  if (!name) throw new PostError('file name must end in .md or .markdown');
  const { data, body } = readFrontMatter(source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));

  const slug = slugify(fm.text(data, 'slug') ?? name[2]!);
  const frontMatterDate = fm.text(data, 'date');
  const dateText = frontMatterDate ?? name[1];
  if (!dateText) throw new PostError('no date: name the file YYYY-MM-DD-slug.md or set date in the front matter');
  const date = parsePostDate(dateText, site.timezone);
  if (!date && frontMatterDate === undefined) throw new PostError(`the date in the file name, ${JSON.stringify(dateText)}, is not a date`);
  if (!date) throw new PostError(`date ${JSON.stringify(dateText)} is not a date (expected YYYY-MM-DD, optionally with time and offset)`);
  if (!inFeedRange(date)) throw new PostError(`date ${JSON.stringify(dateText)} is outside the years 1000 to 9999 that feeds can carry`);
  const modifiedText = fm.text(data, 'last_modified_at');
  const modified = modifiedText === undefined ? undefined : parsePostDate(modifiedText, site.timezone);
  if (modifiedText !== undefined && !modified) throw new PostError(`last_modified_at ${JSON.stringify(modifiedText)} is not a date`);
  if (modified && !inFeedRange(modified)) {
    throw new PostError(`last_modified_at ${JSON.stringify(modifiedText)} is outside the years 1000 to 9999 that feeds can carry`);
  }

  const categories = fm.terms(data, 'categories', 'category');
  const tags = fm.terms(data, 'tags', 'tag');
  const pattern = fm.text(data, 'permalink') ?? site.permalink;
  // Permalinks and path ids are relative to the site URL, base path included (Jekyll's baseurl).
  const onSite = (sitePath: string) => new URL(`${site.url}/${sitePath.replace(/^\/+/, '')}`).href;
  const url = onSite(permalinkPath(pattern, slug, date, categories.map((c) => c.slug), site.timezone));
  const explicitId = fm.text(data, 'id');
  const id = explicitId === undefined ? url : /^[a-z][a-z0-9+.-]*:/i.test(explicitId) ? iri(explicitId) : onSite(explicitId);

  const excerpt = fm.text(data, 'excerpt') ?? fm.text(data, 'description');
  const imageRef = fm.image(data);
  let image;
  try {
    image = imageRef && resolveImage(imageRef.src, imageRef.alt, site.url, site.staticDir);
  } catch (error) {
    throw new PostError(`image ${JSON.stringify(imageRef?.src)} ${(error as Error).message}`);
  }
  const author = fm.author(data);

  return {
    file,
    slug,
    id,
    url,
    title: closeBidi(fm.text(data, 'title') ?? titleFromSlug(slug)),
    date,
    ...(modified ? { modified } : {}),
    published: fm.published(data),
    ...(author ? { author } : {}),
    categories,
    tags,
    content: new MarkdownContent(body, url, excerpt),
    ...(image ? { image } : {}),
  };
}
