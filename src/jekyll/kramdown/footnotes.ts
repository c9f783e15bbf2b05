import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { markdownItFootnote } from '../../content/lazy-modules.js';
import { documentOptions } from './env.js';

// Footnotes in kramdown's markup (converter/html.rb `convert_footnote`, `footnote_content`): ids from
// the footnote's name (`fn:note`, `fnref:note`, `fnref:note:1` for a second reference), numbers from
// `footnote_nr`, a `doc-endnotes` div at the end, backlinks after a no-break space.

interface FootnoteMeta {
  id: number;
  subId?: number;
  label?: string;
}

function name(token: Token, env: unknown): string {
  const meta = token.meta as unknown as FootnoteMeta;
  return documentOptions(env).footnotePrefix + (meta.label ?? String(meta.id + 1));
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function backlink(target: string, text: string, space: string): string {
  return `${space}<a href="#fnref:${escapeAttribute(target)}" class="reversefootnote" role="doc-backlink">${text}</a>`;
}

function backlinkText(env: unknown): string {
  return documentOptions(env).footnoteBacklink.replace(/\u21a9/g, '&#8617;');
}

/** markdown-it plugin: markdown-it-footnote with kramdown's output. */
export function footnotesPlugin(md: MarkdownIt): void {
  md.use(markdownItFootnote());
  const rules = md.renderer.rules;
  rules.footnote_ref = (tokens, index, _options, env) => {
    const token = tokens[index]!;
    const meta = token.meta as unknown as FootnoteMeta;
    const id = escapeAttribute(name(token, env));
    const repeat = meta.subId ? `:${meta.subId}` : '';
    const number = documentOptions(env).footnoteNr + meta.id;
    return `<sup id="fnref:${id}${repeat}" role="doc-noteref"><a href="#fn:${id}" class="footnote" rel="footnote">${number}</a></sup>`;
  };
  rules.footnote_block_open = (_tokens, _index, _options, env) => {
    const start = documentOptions(env).footnoteNr;
    return `<div class="footnotes" role="doc-endnotes">\n  <ol${start === 1 ? '' : ` start="${start}"`}>\n`;
  };
  rules.footnote_block_close = () => '  </ol>\n</div>\n';
  rules.footnote_open = (tokens, index, _options, env) => `    <li id="fn:${escapeAttribute(name(tokens[index]!, env))}" role="doc-endnote">\n`;
  rules.footnote_close = () => '    </li>\n';
  rules.footnote_anchor = (tokens, index, _options, env) => {
    const token = tokens[index]!;
    const meta = token.meta as unknown as FootnoteMeta;
    const text = backlinkText(env);
    if (documentOptions(env).footnoteBacklink === '') return '';
    const target = name(token, env);
    if (!meta.subId) return backlink(target, text, '\u00a0');
    return backlink(`${target}:${meta.subId}`, `${text}<sup>${meta.subId + 1}</sup>`, '\u00a0');
  };
}
