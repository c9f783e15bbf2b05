import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { documentOptions } from './env.js';

// kramdown header ids. With GFM input the GFM parser gives every header outside HTML an id from its
// text (kramdown-parser-gfm `generate_gfm_header_id`); headers inside `markdown="1"` HTML, and every
// header with kramdown input, get the HTML converter's `generate_id` (converter/base.rb).

const NON_WORD = /[^\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}\- \t]/gu;
// kramdown header.rb HEADER_ID: `{#id}` at the end of the header text.
const HEADER_ID = /[\t ]\{#([A-Za-z_:][\w:.\-\u00b7\u00c0-\uffff]*)\}$/u;

/** GitHub's header id, as kramdown-parser-gfm 1.1 makes it (before the uniqueness counter). */
export function gfmHeaderId(text: string): string {
  return text.toLowerCase().replace(NON_WORD, '').replace(/[ \t]/g, '-');
}

/** kramdown's basic id: leading non-letters dropped, ASCII letters, digits, spaces and hyphens kept. */
export function kramdownHeaderId(text: string): string {
  return text.replace(/^[^a-zA-Z]+/, '').replace(/[^a-zA-Z0-9 -]/g, '').replace(/ /g, '-').toLowerCase();
}

/** The header's text as kramdown's GFM parser collects it: text, code, entities, typographic characters. */
function headerText(children: readonly Token[]): string {
  let text = '';
  for (const child of children) {
    if (child.type === 'text' || child.type === 'code_inline' || child.type === 'text_special') text += child.content;
  }
  return text;
}

function stripExplicitId(inline: Token): string | undefined {
  const children = inline.children ?? [];
  const last = children[children.length - 1];
  if (!last || last.type !== 'text') return undefined;
  const match = HEADER_ID.exec(last.content);
  if (!match) return undefined;
  last.content = last.content.slice(0, match.index).replace(/[ \t]+$/, '');
  return match[1];
}

class IdCounters {
  readonly gfm = new Map<string, number>();
  readonly converter = new Map<string, number>();

  gfmId(base: string): string {
    const count = (this.gfm.get(base) ?? -1) + 1;
    this.gfm.set(base, count);
    return count > 0 ? `${base}-${count}` : base;
  }

  converterId(text: string): string {
    const base = kramdownHeaderId(text) || 'section';
    const used = this.converter.get(base);
    if (used === undefined) {
      this.converter.set(base, 0);
      return base;
    }
    this.converter.set(base, used + 1);
    return `${base}-${used + 1}`;
  }
}

function assignIds(tokens: Token[], env: unknown): void {
  const options = documentOptions(env);
  const counters = new IdCounters();
  let htmlDepth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'kramdown_html_open') htmlDepth++;
    if (token.type === 'kramdown_html_close') htmlDepth--;
    if (token.type !== 'heading_open') continue;
    const inline = tokens[i + 1]!;
    const explicit = stripExplicitId(inline);
    const level = Math.min(6, Math.max(1, Number(token.tag.slice(1)) + options.headerOffset));
    token.tag = `h${level}`;
    tokens[i + 2]!.tag = token.tag;
    if (explicit !== undefined) token.attrSet('id', explicit);
    if (token.attrGet('id') !== null || !options.autoIds) continue;
    let id: string;
    if (options.input === 'kramdown') id = counters.converterId(inline.content);
    else if (htmlDepth > 0) id = counters.converterId(headerText(inline.children ?? []));
    else id = counters.gfmId(gfmHeaderId(headerText(inline.children ?? [])));
    token.attrSet('id', options.autoIdPrefix + id);
  }
}

/** markdown-it plugin: header ids and `header_offset` as kramdown gives them. */
export function headerIdsPlugin(md: MarkdownIt): void {
  md.core.ruler.after('kramdown_typography', 'kramdown_header_ids', (state) => {
    assignIds(state.tokens, state.env);
  });
}
