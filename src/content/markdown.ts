import type { MarkdownIt } from 'markdown-it';
import type SanitizeHtml from 'sanitize-html';
import type { PostContent } from '../model/post.js';
import type { PostBody } from './post-body.js';
import type { OffThread } from './render-task.js';
import { closeBidi } from './bidi.js';
import { capNesting } from './cap-nesting.js';
import { linkEmbeds } from './embeds.js';
import { stripForbiddenXmlChars } from './xml-chars.js';
import { RenderOnce } from './render-once.js';
import { markdownIt, sanitizeHtml } from './lazy-modules.js';

let plain: MarkdownIt | undefined;
const markdown = () => (plain ??= new (markdownIt())({ html: true, linkify: false, typographer: false }));

let allowedTags: string[] | undefined;
const allowedTagList = () => (allowedTags ??= [
  ...sanitizeHtml().defaults.allowedTags.filter((tag) => tag !== 'iframe'),
  'img', 'h1', 'h2', 'del', 'ins', 'sup', 'sub', 'figure', 'figcaption', 'picture', 'source',
]);

function absolute(value: string, base: string): string | undefined {
  try {
    const url = new URL(value.trim(), base);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function sanitizeOptions(base: string): SanitizeHtml.IOptions {
  const resolve = (attribute: string) => (tagName: string, attribs: SanitizeHtml.Attributes) => {
    const resolved = attribs[attribute] === undefined ? undefined : absolute(attribs[attribute], base);
    const next = { ...attribs };
    if (resolved === undefined) delete next[attribute];
    else next[attribute] = resolved;
    return { tagName, attribs: next };
  };
  return {
    allowedTags: allowedTagList(),
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      source: ['src', 'type', 'media'],
      code: ['class'],
      th: ['align', 'scope'],
      td: ['align'],
      ol: ['start'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    transformTags: { a: resolve('href'), img: resolve('src'), source: resolve('src') },
    exclusiveFilter: (frame) => (frame.tag === 'img' || frame.tag === 'source') && !frame.attribs.src,
  };
}

/**
 * Safe HTML from the publisher's HTML: no script, handlers, embeds or javascript: URLs; URLs absolute.
 * A removed iframe, video, audio, embed or object leaves a link to its source (see `linkEmbeds`).
 * Linear in the length of `html`: elements nested deeper than MAX_HTML_DEPTH lose their opening tag
 * first, so neither the embed pass nor the sanitiser (both htmlparser2) sees deep nesting.
 */
export function sanitize(html: string, baseUrl: string): string {
  return stripForbiddenXmlChars(sanitizeHtml()(linkEmbeds(capNesting(html), baseUrl), sanitizeOptions(baseUrl))).trim();
}

/** Plain text of an HTML fragment (tags dropped, entities decoded, white space folded). */
export function htmlToText(html: string): string {
  // No tag and no entity (a summary or title written as plain text): nothing for the HTML parser to do.
  if (!/[<&]/.test(html)) return closeBidi(stripForbiddenXmlChars(html.replace(/\s+/g, ' ').trim()));
  const escaped = sanitizeHtml()(capNesting(html), { allowedTags: [], allowedAttributes: {} });
  return closeBidi(stripForbiddenXmlChars(
    escaped
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&#x27;/g, "'")
      .replace(/&nbsp;/g, '\u00a0')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim(),
  ));
}

/** markdown-it's HTML of a body, not yet sanitised. */
export function markdownToHtml(source: string): string {
  return markdown().render(source);
}

/** The post body as safe HTML, with relative links and images made absolute against the post's URL. */
export function renderBody(source: string, postUrl: string): string {
  return sanitize(markdown().render(source), postUrl);
}

/** Plain text of a one-line Markdown string (a front-matter excerpt or title). */
export function inlineText(source: string): string {
  return htmlToText(markdown().renderInline(source));
}

/**
 * A post body rendered on first use, and remembered: parsing a post reads only its front matter, so a
 * large archive loads fast and only the posts a feed page shows are ever rendered. A body whose render
 * off the thread failed is shown empty (its failure is reported by whoever prepared it), never rendered here.
 */
export class MarkdownContent implements PostContent {
  #html: string | undefined;
  #summary: string | undefined;
  readonly #once = new RenderOnce();

  constructor(private readonly body: PostBody) {}

  get html(): string {
    if (this.#once.failed) return '';
    const { source, format, url } = this.body;
    return (this.#html ??= format === 'html' ? sanitize(source, url) : renderBody(source, url));
  }

  get ready(): boolean {
    return this.#html !== undefined || this.#once.failed !== undefined;
  }

  /** Renders the body and its summary now, in `offThread`. */
  prepare(offThread: OffThread): Promise<void> {
    if (this.#html !== undefined) return Promise.resolve();
    return this.#once.run(async () => {
      const { source, format, url, file, summary: rule } = this.body;
      const result = await offThread({ file, format, source, url, ...(rule.kind === 'excerpt' && this.#summary === undefined ? { summarySource: rule.source } : {}) });
      this.#html = result.html;
      if (result.summary !== undefined) this.#summary = result.summary;
    });
  }

  /** jekyll-feed's summary: the description or excerpt as written, else the rendered excerpt; '' for none. */
  get summary(): string {
    if (this.#summary !== undefined) return this.#summary;
    if (this.#once.failed) return '';
    const rule = this.body.summary;
    if (rule.kind === 'none') return (this.#summary = '');
    if (rule.kind === 'text') return (this.#summary = htmlToText(stripForbiddenXmlChars(rule.text)));
    const html = this.body.format === 'html' ? rule.source : markdown().render(rule.source);
    return (this.#summary = htmlToText(stripForbiddenXmlChars(html)));
  }
}
