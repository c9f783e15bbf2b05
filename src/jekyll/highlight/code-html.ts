import { rougeKnows } from './rouge-lexers.js';

// Herald writes the markup Jekyll's Rouge writes around code, without Rouge's colouring spans (which
// name Rouge token classes such as `k`, `nf`, `s2`): the text a reader sees is the same.

/** Code escaped as Rouge's HTML formatter escapes it: `&`, `<` and `>` only. */
export function escapeCode(code: string): string {
  return code.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function lineNumberTable(code: string, startLine: number): string {
  const body = code.endsWith('\n') ? code : `${code}\n`;
  const count = (body.match(/\n/g) ?? []).length;
  const numbers = Array.from({ length: count }, (_, i) => String(startLine + i)).join('\n') + '\n';
  return '<table class="rouge-table"><tbody><tr><td class="gutter gl">' +
    `<pre class="lineno">${numbers}</pre></td><td class="code"><pre>${escapeCode(body)}</pre></td></tr></tbody></table>`;
}

/** Options of Jekyll's `{% highlight lang linenos %}` tag. */
export interface HighlightTagOptions {
  readonly linenos: boolean;
  readonly startLine: number;
}

/** What Jekyll 4's `{% highlight %}` tag writes with Rouge (jekyll/tags/highlight.rb). */
export function highlightTagHtml(code: string, lang: string, options: HighlightTagOptions): string {
  const trimmed = code.replace(/^[\n\r]+|[\n\r]+$/g, '');
  const inner = options.linenos ? lineNumberTable(trimmed, options.startLine) : escapeCode(trimmed);
  const attributes = `class="language-${lang.replace(/\+/g, '-')}" data-lang="${lang}"`;
  return `<figure class="highlight"><pre><code ${attributes}>${inner.replace(/\n$/, '')}</code></pre></figure>`;
}

/**
 * What kramdown writes for a code block (converter/html.rb `convert_codeblock`): with Rouge and a
 * language Rouge knows, Jekyll's `highlighter-rouge` wrappers; else a plain `<pre><code>`.
 * `code` ends with its last line's newline, as kramdown keeps it.
 */
export function codeBlockHtml(code: string, lang: string | undefined, highlighter: 'rouge' | undefined, defaultLang: string): string {
  const effective = lang ?? defaultLang;
  if (highlighter === 'rouge' && rougeKnows(effective)) {
    return `<div class="language-${effective} highlighter-rouge"><div class="highlight"><pre class="highlight"><code>` +
      `${escapeCode(code)}</code></pre></div></div>\n`;
  }
  const classAttr = lang === undefined ? '' : ` class="language-${lang}"`;
  return `<pre><code${classAttr}>${escapeCode(code.replace(/\n$/, ''))}\n</code></pre>\n`;
}

/** What kramdown writes for a code span: Rouge's plaintext class when Rouge is the highlighter. */
export function codeSpanHtml(code: string, highlighter: 'rouge' | undefined, defaultLang: string): string {
  if (highlighter === 'rouge' && rougeKnows(defaultLang)) {
    return `<code class="language-${defaultLang} highlighter-rouge">${escapeCode(code)}</code>`;
  }
  return `<code>${escapeCode(code).replace(/"/g, '&quot;')}</code>`;
}
