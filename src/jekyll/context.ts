import type { KramdownOptions } from './kramdown/options.js';

/** A post of the site as `{% post_url %}`, `site.posts` and `page.previous`/`next` see it. */
export interface JekyllPostRef {
  /** Path from the site folder, as Jekyll's `relative_path`: `_posts/2024-03-05-other-post.md`. */
  readonly relativePath: string;
  /** The post's URL path on the site, without baseurl: `/2024/03/05/other-post.html`. */
  readonly url: string;
  readonly date: Date;
  /** Front matter and Jekyll's computed fields (title, slug, categories, tags, ...), as Liquid sees them. */
  readonly data: Readonly<Record<string, unknown>>;
}

/** A page, document or static file that `{% link %}` can name. */
export interface JekyllDocumentRef {
  /** Path from the site folder: `docs/a.md`, `assets/logo.png`. */
  readonly relativePath: string;
  /** URL path on the site, without baseurl. */
  readonly url: string;
}

/** What Liquid's `site` holds. */
export interface LiquidSite {
  /** `_config.yml`'s values (title, description, url, baseurl, and any other key). */
  readonly config: Readonly<Record<string, unknown>>;
  /** `_data/`: one key per file (folders nest). */
  readonly data: Readonly<Record<string, unknown>>;
  /** Every published post, newest first (Jekyll's `site.posts` order). */
  readonly posts: readonly JekyllPostRef[];
  /** Pages, collection documents and static files, for `{% link %}`. */
  readonly documents: readonly JekyllDocumentRef[];
  /** The site's time zone (IANA name); dates are shown in it. */
  readonly timeZone: string;
  /** `site.time`: when the site was read. */
  readonly time: Date;
}

/** Bounds on one post's rendering, so that no post can hang or flood Herald. */
export interface JekyllLimits {
  /** Liquid render time, in milliseconds. */
  readonly renderMs: number;
  /** Characters of HTML one post may produce (Liquid output and final HTML alike). */
  readonly outputChars: number;
  /** Characters of templates parsed for one post (the post and its includes). */
  readonly templateChars: number;
  /** How deep includes may nest. */
  readonly includeDepth: number;
}

/** The limits Herald uses unless told otherwise. */
export const DEFAULT_LIMITS: JekyllLimits = Object.freeze({
  renderMs: 2000,
  outputChars: 4_000_000,
  templateChars: 2_000_000,
  includeDepth: 10,
});

/** Everything one post's body needs to be rendered as Jekyll would. */
export interface JekyllRenderContext {
  readonly site: LiquidSite;
  /** The post: front matter plus Jekyll's computed fields (url, date, id, categories, tags, slug, path...). */
  readonly page: Readonly<Record<string, unknown>>;
  /** The post's path from the site folder (`_posts/2024-03-06-liq.md`), for `include_relative`. */
  readonly pagePath: string;
  /** The site folder: `include_relative` reads only inside it. Absent: no `include_relative`. */
  readonly siteDir?: string;
  /** The `_includes` folder: `include` reads only inside it. Absent: no `include`. */
  readonly includesDir?: string;
  readonly kramdown: KramdownOptions;
  readonly limits: JekyllLimits;
}

/** Something in a post Herald rendered but could not render as Jekyll would (an unknown plugin tag). */
export interface JekyllWarning {
  readonly line?: number;
  readonly reason: string;
}
