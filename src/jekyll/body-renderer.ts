import type { PostBody, BodyRenderer } from '../content/post-body.js';
import type { RestoredPost } from '../content/parse-post.js';
import { DeferredContent } from '../content/post-index.js';
import { htmlToText, sanitize } from '../content/markdown.js';
import { stripForbiddenXmlChars } from '../content/xml-chars.js';
import type { PostContent } from '../model/post.js';
import type { OffThread } from '../content/render-task.js';
import type { JekyllDocumentRef, JekyllLimits, JekyllPostRef, JekyllRenderContext, LiquidSite } from './context.js';
import { JekyllRenderError } from './errors.js';
import { renderKramdown } from './kramdown/markdown.js';
import type { KramdownOptions } from './kramdown/options.js';
import { smartyPants } from './kramdown/typography.js';
import { checkLiquid, renderLiquid } from './liquid/engine.js';
import { renderJekyllBody, type JekyllBody } from './render-body.js';
import { RenderOnce } from '../content/render-once.js';
import { firstNotBefore } from '../content/sorted-search.js';

type Data = Readonly<Record<string, unknown>>;

/** The site a post body is rendered in, as Liquid sees it, and where problems are reported. */
export interface JekyllSiteSource {
  /** `_config.yml` as Liquid's `site` shows it (url and baseurl as Jekyll has them). */
  readonly config: Data;
  readonly data: Data;
  readonly siteDir?: string;
  readonly includesDir?: string;
  /** The pages and static files `{% link %}` can name; read on first use. */
  readonly documents?: () => readonly JekyllDocumentRef[];
  readonly timeZone: string;
  readonly kramdown: KramdownOptions;
  readonly limits: JekyllLimits;
  /** `site.time`. */
  readonly now: () => Date;
  /** A post rendered other than Jekyll would render it (a plugin tag, a Liquid error at render time). */
  readonly report: (file: string, problem: { readonly line?: number; readonly reason: string }) => void;
}

/** Herald's hooks into post reading: bodies rendered as Jekyll renders them, and Jekyll's smartify for titles. */
export interface JekyllRendering {
  /** The Liquid syntax check of a body as its post is read (checkBody). */
  readonly check: (body: PostBody) => void;
  /** Makes the content of a checked body. */
  readonly render: BodyRenderer;
  /** Makes the content of a body read again unchanged, without listing its post again. */
  readonly rerender: BodyRenderer;
  /** The kramdown options of the site (for `smartify`). */
  readonly kramdown: KramdownOptions;
  /** The content of a post restored from the index, listed for `site.posts` and `post_url` at once. */
  readonly restore: (post: RestoredPost, reread: () => PostContent) => PostContent;
  readonly smartify: (text: string) => string;
}

/**
 * A post restored from the index as site.posts lists it: its path and date, its URL and data read (by
 * `reread`, which adds the post again in full) when a template first asks for them. One object a post, at
 * 100,000 posts, where an object literal with getters made three closures for each.
 */
class RestoredRef implements JekyllPostRef {
  constructor(
    readonly relativePath: string,
    readonly date: Date,
    private readonly posts: ReadonlyMap<string, JekyllPostRef>,
    private readonly reread: () => unknown,
  ) {}

  // The entry the post's full read made, once made; undefined when its file can no longer be read.
  private full(): JekyllPostRef | undefined {
    try {
      if (this.posts.get(this.relativePath) === this) this.reread();
    } catch {
      return undefined;
    }
    const found = this.posts.get(this.relativePath);
    return found === this ? undefined : found;
  }

  get url(): string {
    return this.full()?.url ?? '';
  }

  get data(): Readonly<Record<string, unknown>> {
    return this.full()?.data ?? {};
  }
}

/** The posts of the site as bodies are read (an edited post replaces its entry), for site.posts and post_url. */
class PostRegistry {
  readonly #posts = new Map<string, JekyllPostRef>();
  #site: LiquidSite | undefined;
  // The posts newest first, as site.posts lists them; kept across adds.
  #sorted: JekyllPostRef[] | undefined;
  #documents: readonly JekyllDocumentRef[] | undefined;

  constructor(private readonly source: JekyllSiteSource) {}

  add(body: PostBody): void {
    const page = body.page;
    const path = String(page.path ?? body.file);
    if (page.published === false || !(page.date instanceof Date)) return;
    const before = this.#posts.get(path);
    const ref = { relativePath: path, url: String(page.url), date: page.date, data: page };
    this.#posts.set(path, ref);
    // A restored post read in full keeps its place: its listed entry reads its url and data from this one.
    if (before instanceof RestoredRef && before.date.getTime() === page.date.getTime()) return;
    this.#replace(before, ref);
  }

  // site.posts with `before` replaced by `ref`: a binary search and a copy, not a sort of every post.
  #replace(before: JekyllPostRef | undefined, ref: JekyllPostRef): void {
    this.#site = undefined;
    if (!this.#sorted) return;
    const sorted = this.#sorted.slice();
    if (before) {
      const at = searchRefs(sorted, before);
      if (sorted[at] !== before) return void (this.#sorted = undefined);
      sorted.splice(at, 1);
    }
    sorted.splice(searchRefs(sorted, ref), 0, ref);
    this.#sorted = sorted;
  }

  /**
   * Lists a post restored from the index by its path and date; its URL and data are read (`reread`, which
   * adds the post again in full) when a template first asks for them.
   */
  addRestored(post: RestoredPost, reread: () => unknown): void {
    if (!post.published) return;
    const lazy = new RestoredRef(post.path, post.date, this.#posts, reread);
    const before = this.#posts.get(post.path);
    this.#posts.set(post.path, lazy);
    this.#replace(before, lazy);
  }

  site(): LiquidSite {
    if (this.#site) return this.#site;
    const posts = (this.#sorted ??= [...this.#posts.values()].sort(newestPostFirst));
    const { config, data, timeZone } = this.source;
    const source = this.source;
    const registry = this;
    return (this.#site = {
      config, data, posts, timeZone, time: source.now(),
      get documents() {
        return (registry.#documents ??= source.documents?.() ?? []);
      },
    });
  }
}

// Jekyll's site.posts order: newest first, then by path, the later first.
function newestPostFirst(a: JekyllPostRef, b: JekyllPostRef): number {
  return b.date.getTime() - a.date.getTime() || (a.relativePath < b.relativePath ? 1 : a.relativePath > b.relativePath ? -1 : 0);
}

// The first position whose post does not come before `ref`.
function searchRefs(posts: readonly JekyllPostRef[], ref: JekyllPostRef): number {
  return firstNotBefore(posts, (post) => newestPostFirst(post, ref) < 0);
}

function fileLine(body: PostBody, line: number | undefined): number | undefined {
  return line === undefined ? undefined : (body.bodyLine ?? 1) + line - 1;
}

class JekyllContent implements PostContent {
  #html: string | undefined;
  #summary: string | undefined;
  readonly #once = new RenderOnce();

  constructor(
    private readonly body: PostBody,
    private readonly source: JekyllSiteSource,
    private readonly registry: PostRegistry,
  ) {}

  private context(): JekyllRenderContext {
    const { siteDir, includesDir, kramdown, limits } = this.source;
    return {
      site: this.registry.site(), page: this.body.page, pagePath: String(this.body.page.path ?? this.body.file),
      ...(siteDir ? { siteDir } : {}), ...(includesDir ? { includesDir } : {}), kramdown, limits,
    };
  }

  private renderOnce(text: string): JekyllBody {
    const context = this.context();
    if (this.body.format === 'markdown') return renderJekyllBody(text, context);
    const { output, warnings } = renderLiquid(text, context);
    return { html: output, warnings };
  }

  /**
   * HTML of `text` (the body, or its excerpt when `excerpt`) as Jekyll writes it. On a render error the
   * text is shown without its Liquid and the body's error reported (an excerpt may cut a block in two).
   */
  private render(text: string, excerpt = false): string {
    try {
      const rendered = this.renderOnce(text);
      if (!excerpt) for (const warning of rendered.warnings) this.source.report(this.body.file, { ...warning, line: fileLine(this.body, warning.line) });
      return rendered.html;
    } catch (error) {
      if (!(error instanceof JekyllRenderError)) throw error;
      if (!excerpt) this.source.report(this.body.file, { reason: `${error.message} (shown without its Liquid)`, line: fileLine(this.body, error.line) });
      return this.body.format === 'markdown' ? renderKramdown(text, this.source.kramdown) : text;
    }
  }

  /** The body as safe HTML; '' when its render off the thread failed (reported by whoever prepared it). */
  get html(): string {
    if (this.#once.failed) return '';
    return (this.#html ??= sanitize(this.render(this.body.source), this.body.url));
  }

  get ready(): boolean {
    return this.#html !== undefined || this.#once.failed !== undefined;
  }

  /** Liquid of `text` here (bounded by its limits), or `text` itself where Jekyll would stop; errors reported unless `excerpt`. */
  private liquid(text: string, excerpt: boolean): string {
    try {
      const rendered = renderLiquid(text, this.context());
      if (!excerpt) for (const warning of rendered.warnings) this.source.report(this.body.file, { ...warning, line: fileLine(this.body, warning.line) });
      return rendered.output;
    } catch (error) {
      if (!(error instanceof JekyllRenderError)) throw error;
      if (!excerpt) this.source.report(this.body.file, { reason: `${error.message} (shown without its Liquid)`, line: fileLine(this.body, error.line) });
      return text;
    }
  }

  /** Renders the body and its summary now: Liquid here, kramdown and sanitising in `offThread`. */
  prepare(offThread: OffThread): Promise<void> {
    if (this.#html !== undefined) return Promise.resolve();
    return this.#once.run(async () => {
      const rule = this.body.summary;
      const result = await offThread({
        file: this.body.file,
        format: this.body.format,
        source: this.liquid(this.body.source, false),
        url: this.body.url,
        kramdown: this.source.kramdown,
        maxChars: this.source.limits.outputChars,
        ...(rule.kind === 'excerpt' && this.#summary === undefined ? { summarySource: this.liquid(rule.source, true) } : {}),
      });
      this.#html = result.html;
      if (result.summary !== undefined) this.#summary = result.summary;
    });
  }

  /** jekyll-feed's summary: the description or excerpt as written, else the excerpt rendered like the body; '' for none. */
  get summary(): string {
    if (this.#summary !== undefined) return this.#summary;
    if (this.#once.failed) return '';
    const rule = this.body.summary;
    if (rule.kind === 'none') return (this.#summary = '');
    const html = rule.kind === 'text' ? rule.text : this.render(rule.source, true);
    return (this.#summary = htmlToText(stripForbiddenXmlChars(html)));
  }
}

/** Parses a body's Liquid as Jekyll would before rendering it; throws JekyllRenderError with the file's line. */
export function checkBody(body: PostBody): void {
  try {
    checkLiquid(body.source);
  } catch (error) {
    if (error instanceof JekyllRenderError) throw new JekyllRenderError(error.message, fileLine(body, error.line));
    throw error;
  }
}

/**
 * Bodies rendered as Jekyll renders them in `source`'s site: Liquid (checked as the post is read, by
 * `check`, so a syntax error rejects the post with its line), then Markdown as kramdown writes it; rendered on first use.
 */
export function jekyllRendering(source: JekyllSiteSource): JekyllRendering {
  const registry = new PostRegistry(source);
  return {
    check: checkBody,
    kramdown: source.kramdown,
    render: (body) => {
      registry.add(body);
      return new JekyllContent(body, source, registry);
    },
    rerender: (body) => new JekyllContent(body, source, registry),
    // Not shared between the listing and the content: a content may let its source go and read it again.
    restore: (post, reread) => {
      registry.addRestored(post, reread);
      return new DeferredContent(reread);
    },
    smartify: (text) => smartyPants(text, source.kramdown),
  };
}
