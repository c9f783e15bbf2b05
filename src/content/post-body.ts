import type { PostContent } from '../model/post.js';

/**
 * jekyll-feed's summary rule (`post.description | default: post.excerpt`, shown with tags stripped):
 * `text` is front matter's description or excerpt, as written (HTML stripped, never Markdown-rendered);
 * `excerpt` is the start of the body up to the excerpt separator, rendered like the body;
 * `none` when the post's `excerpt` is empty or the separator is.
 */
export type SummaryRule =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'excerpt'; readonly source: string }
  | { readonly kind: 'none' };

/** How a body is converted (Jekyll picks the converter by extension: `markdown_ext`, else as HTML). */
export type BodyFormat = 'markdown' | 'html';

/**
 * Everything a post's body needs to be rendered as Jekyll renders it, Liquid first: the source after
 * the front matter, its converter, the post's absolute URL (relative links resolve against it), and the
 * Liquid `page` (front matter with defaults, plus url, date, id, slug, categories, tags, path). The
 * Liquid `site` (config, site.data, the includes folder, every post) comes from the site the post was
 * read from, which the body factory is bound to.
 */
export interface PostBody {
  readonly source: string;
  readonly format: BodyFormat;
  readonly url: string;
  readonly summary: SummaryRule;
  readonly page: Readonly<Record<string, unknown>>;
  /** The post file, relative to the site folder (posts folder in POSTS_DIR mode), for reports. */
  readonly file: string;
  /** The file's line the body starts on (after the front matter), so errors in the body name file lines. */
  readonly bodyLine?: number;
}

/** Turns a post body into its content, rendered on first use. The Liquid layer supplies one bound to its site. */
export type BodyRenderer = (body: PostBody) => PostContent;
