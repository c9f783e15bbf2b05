import type { MarkdownIt } from 'markdown-it';
import type { StateBlock } from 'markdown-it';
import type { Token } from 'markdown-it';
import { documentOptions, setDocumentOptions } from './env.js';
import { withInlineOptions } from './options.js';

// kramdown's block extensions (parser/kramdown/extensions.rb): `{::comment}…{:/comment}`,
// `{::nomarkdown}…{:/}`, `{::options key="value" /}`, attribute list definitions `{:name: …}` and
// block IALs `{: .class #id key="value"}` on a line of their own, which go to the block just before
// (no blank line between) or else to the next block. IALs inside a paragraph or after a list item are
// markdown-it-attrs' (configured with kramdown's `{:` delimiter).

const EXT_START = /^ {0,3}\{::(\w+)(?:\s((?:\\\}|[^}])*?)|)(\/)?\}[ \t]*$/;
const ALD = /^ {0,3}\{:(\w[\w-]*):((?:\\\}|[^}])+)\}[ \t]*$/;
const IAL = /^ {0,3}\{:(?!:|\/)((?:\\\}|[^}])+)\}[ \t]*$/;
const ATTRIBUTE = /(?:^|\s)(?:(\w[\w-]*)=("|')((?:\\\}|\\.|(?!\2)[^}])*?)\2|((?:#[A-Za-z][\w:-]*|\.[^\s.#]+)+))(?=\s|$)/g;

/** The attributes of a kramdown attribute list (`.a .b #id key="v"`), classes joined as kramdown does. */
export function parseAttributeList(text: string): [string, string][] {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) {
    if (match[1] !== undefined) attributes.set(match[1], match[3]!.replace(/\\(\}|"|')/g, '$1'));
    else {
      for (const part of match[4]!.matchAll(/#([A-Za-z][\w:-]*)|\.([^\s.#]+)/g)) {
        if (part[1] !== undefined) attributes.set('id', part[1]);
        else attributes.set('class', `${attributes.get('class') ?? ''} ${part[2]}`.trim());
      }
    }
  }
  return [...attributes];
}

function line(state: StateBlock, index: number): string {
  return state.src.slice(state.bMarks[index]! + state.tShift[index]! - Math.min(3, state.tShift[index]!), state.eMarks[index]);
}

function findStop(state: StateBlock, name: string, from: number, endLine: number): number {
  const stop = new RegExp(`^ {0,3}\\{:/(?:${name})?\\}[ \\t]*$`);
  for (let index = from; index < endLine; index++) if (stop.test(line(state, index))) return index;
  return -1;
}

function push(state: StateBlock, type: string, content: string, lines: [number, number]): Token {
  const token = state.push(type, '', 0);
  token.content = content;
  token.map = lines;
  token.block = true;
  return token;
}

function extension(state: StateBlock, startLine: number, endLine: number, match: RegExpExecArray): boolean {
  const [, name, attributes = '', selfClosed] = match;
  if (!['comment', 'nomarkdown', 'options'].includes(name!)) return false;
  let stopLine = startLine;
  let body = '';
  if (!selfClosed) {
    stopLine = findStop(state, name!, startLine + 1, endLine);
    if (stopLine < 0) return false;
    body = state.getLines(startLine + 1, stopLine, 0, false).replace(/\n$/, '');
  }
  if (name === 'comment') push(state, 'html_block', `<!-- ${body} -->\n`, [startLine, stopLine + 1]);
  else if (name === 'nomarkdown') push(state, 'html_block', `${body}\n`, [startLine, stopLine + 1]);
  else setDocumentOptions(state.env, withInlineOptions(documentOptions(state.env), parseAttributeList(attributes)));
  state.line = stopLine + 1;
  return true;
}

function blockExtensions(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const text = line(state, startLine);
  if (!text.trimStart().startsWith('{:')) return false;
  const ext = EXT_START.exec(text);
  if (ext) return silent ? true : extension(state, startLine, endLine, ext);
  if (ALD.test(text)) {
    if (!silent) state.line = startLine + 1;
    return true;
  }
  const ial = IAL.exec(text);
  if (!ial) return false;
  if (silent) return true;
  const token = push(state, 'kramdown_ial', '', [startLine, startLine + 1]);
  token.meta = { attributes: parseAttributeList(ial[1]!) };
  state.line = startLine + 1;
  return true;
}

/** The index of the opening token of the block that ends at `close`. */
function openingOf(tokens: Token[], close: number): number {
  if (tokens[close]!.nesting === 0) return close;
  let depth = 0;
  for (let index = close; index >= 0; index--) {
    depth += tokens[index]!.nesting;
    if (depth === 0) return index;
  }
  return -1;
}

function applyAttributes(token: Token, attributes: [string, string][]): void {
  for (const [name, value] of attributes) {
    if (name === 'class' && token.attrGet('class')) token.attrJoin('class', value);
    else token.attrSet(name, value);
  }
}

function applyIals(tokens: Token[]): Token[] {
  const kept: Token[] = [];
  let pending: [string, string][] | undefined;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.type !== 'kramdown_ial') {
      if (pending && token.nesting >= 0 && token.block && token.type !== 'inline') {
        applyAttributes(token, pending);
        pending = undefined;
      }
      kept.push(token);
      continue;
    }
    const previous = kept.length - 1;
    const before = previous >= 0 ? kept[previous]! : undefined;
    const adjacent = before !== undefined && before.level === token.level && lastLine(kept, previous) === token.map![0];
    if (adjacent) applyAttributes(kept[openingOf(kept, previous)]!, ialOf(token));
    else pending = [...(pending ?? []), ...ialOf(token)];
  }
  return kept;
}

function ialOf(token: Token): [string, string][] {
  return (token.meta as { attributes: [string, string][] }).attributes;
}

function lastLine(tokens: Token[], close: number): number | undefined {
  const open = tokens[openingOf(tokens, close)];
  return open?.map?.[1];
}

/** markdown-it plugin: kramdown's extensions, ALDs and block IALs. */
export function extensionsPlugin(md: MarkdownIt): void {
  md.block.ruler.before('paragraph', 'kramdown_extensions', blockExtensions);
  md.core.ruler.after('block', 'kramdown_ials', (state) => {
    state.tokens = applyIals(state.tokens);
  });
  md.renderer.rules.kramdown_ial = () => '';
}
