import { createRequire } from 'node:module';
import type * as Htmlparser2 from 'htmlparser2';
import type MarkdownIt from 'markdown-it';
import type Abbr from 'markdown-it-abbr';
import type Attrs from 'markdown-it-attrs';
import type Deflist from 'markdown-it-deflist';
import type Footnote from 'markdown-it-footnote';
import type SanitizeHtml from 'sanitize-html';

// The Markdown and HTML libraries load on first use, not with Herald: the main thread and the parse
// workers read posts without them (a body is converted and sanitised in a render worker); loaded one by
// one they take about 100 ms (sanitize-html 53 ms, markdown-it 29, its plugins 25). Their CommonJS
// builds, so that a use stays synchronous; sanitize-html requires the same htmlparser2 build.

const require = createRequire(import.meta.url);

function onFirstUse<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}

export const markdownIt = onFirstUse<typeof MarkdownIt>('markdown-it');
export const sanitizeHtml = onFirstUse<typeof SanitizeHtml>('sanitize-html');
export const htmlparser2 = onFirstUse<typeof Htmlparser2>('htmlparser2');
export const markdownItAbbr = onFirstUse<typeof Abbr>('markdown-it-abbr');
export const markdownItAttrs = onFirstUse<typeof Attrs>('markdown-it-attrs');
export const markdownItDeflist = onFirstUse<typeof Deflist>('markdown-it-deflist');
export const markdownItFootnote = onFirstUse<typeof Footnote>('markdown-it-footnote');

/** Loads what this thread needs for summaries and HTML it sanitises itself: call it when the thread would be idle anyway. */
export function loadHtmlLibraries(): void {
  sanitizeHtml();
  htmlparser2();
}
