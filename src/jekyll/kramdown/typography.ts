import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import type { KramdownOptions, TypographicSymbol } from './options.js';
import { documentOptions } from './env.js';

// kramdown's smart quotes and typographic symbols (parser/kramdown/smart_quotes.rb and
// typographic_symbol.rb), replayed over markdown-it's inline tokens. kramdown scans a span's source
// from left to right; what other span parsers consumed (emphasis markers, links, code, escapes,
// entities) is never the character before a quote. So each inline is laid out as kramdown saw it:
// text characters that may change, and markup that is only there to be looked ahead at.

const SPACE = '[ \\t\\r\\n\\f\\v]';
const WORD = '[A-Za-z0-9_]';
const UNICODE_WORD = '[\\p{L}\\p{M}\\p{Nd}\\p{Pc}]';
const PUNCT = "[!\"#$%'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]";

type Quote = 'lsquo' | 'rsquo' | 'ldquo' | 'rdquo' | 'lquote1' | 'rquote1' | 'lquote2' | 'rquote2';
type Rule = readonly [RegExp, readonly (number | Quote)[]];

const RULES: readonly Rule[] = [
  [/(["'])(?=[_*]{1,2}\S)/uy, ['lquote1']],
  [new RegExp(`(["'])(?=${PUNCT}(?!\\.\\.)(?!${UNICODE_WORD}))`, 'uy'), ['rquote1']],
  [new RegExp(`(${SPACE}?)"'(?=${WORD})`, 'uy'), [1, 'ldquo', 'lsquo']],
  [new RegExp(`(${SPACE}?)'"(?=${WORD})`, 'uy'), [1, 'lsquo', 'ldquo']],
  [new RegExp(`(${SPACE}?)'(?=[0-9][0-9]s)`, 'uy'), [1, 'rsquo']],
  [new RegExp(`(${SPACE})(['"])(?=${WORD})`, 'uy'), [1, 'lquote2']],
  [/([^ \\\t\r\n[{(-])(['"])/uy, [1, 'rquote2']],
  [new RegExp(`(["'])(?=${SPACE}|s(?!${UNICODE_WORD})|$)`, 'muy'), ['rquote1']],
  [/(.?)'/suy, [1, 'lsquo']],
  [/(.?)"/suy, [1, 'ldquo']],
];

const SYMBOLS: readonly (readonly [string, TypographicSymbol | string])[] = [
  ['---', 'mdash'], ['--', 'ndash'], ['...', 'hellip'], ['\\<<', '<<'], ['\\>>', '>>'],
  ['<< ', 'laquo_space'], [' >>', 'raquo_space'], ['<<', 'laquo'], ['>>', 'raquo'],
];

// Where a kramdown span parser ordered before smart quotes starts (emphasis, code, autolink, HTML,
// link): it consumes that character, so it never precedes a quote.
const CONSUMED = /[*_`[]|!\[|<(?:[A-Za-z_:]|!--|\/)/y;

function consumed(text: string, at: number): boolean {
  CONSUMED.lastIndex = at;
  return CONSUMED.test(text);
}

/** A piece of text that may change. */
interface Piece {
  content: string;
}

// For each character of `text`: the index of the piece it came from (MARKUP: consumed by another
// parser; AVAILABLE: plain text that cannot change, such as a line break) and its offset there.
const MARKUP = -1;
const AVAILABLE = -2;

class Layout {
  text = '';
  readonly pieces: Piece[] = [];
  // Runs of characters from one source: where each starts in `text`, and its piece's index (or MARKUP, AVAILABLE).
  readonly #starts: number[] = [];
  readonly #owners: number[] = [];

  add(chars: string, piece: Piece | typeof MARKUP | typeof AVAILABLE): void {
    const index = typeof piece === 'number' ? piece : this.pieces.push(piece) - 1;
    if (chars === '') return;
    this.#starts.push(this.text.length);
    this.#owners.push(index);
    this.text += chars;
  }

  // The run holding character `at` (0 <= at < text.length): the last that starts at or before it.
  #run(at: number): number {
    let low = 0;
    let high = this.#starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.#starts[mid]! <= at) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** The index of the piece character `at` came from, MARKUP or AVAILABLE; undefined past either end. */
  pieceOf(at: number): number | undefined {
    return at < 0 || at >= this.text.length ? undefined : this.#owners[this.#run(at)];
  }

  /** Where character `at` is in its piece. */
  offsetOf(at: number): number {
    return at - this.#starts[this.#run(at)]!;
  }
}

function markupOf(token: Token): string {
  switch (token.type) {
    case 'code_inline': return `\`${token.content}\``;
    case 'html_inline': return token.content;
    case 'text_special': return token.markup;
    case 'link_open': return '[';
    case 'link_close': return ']';
    case 'image': return '![]';
    case 'footnote_ref': return '[^]';
    default: return token.markup ?? '';
  }
}

function layout(children: readonly Token[]): Layout {
  const result = new Layout();
  for (const token of children) {
    if (token.type === 'text') result.add(token.content, token);
    else if (token.type === 'softbreak' || token.type === 'hardbreak') result.add('\n', AVAILABLE);
    else result.add(markupOf(token), MARKUP);
  }
  return result;
}

function quoteChar(name: Quote, quote: string, options: KramdownOptions): string {
  const [lsquo, rsquo, ldquo, rdquo] = options.smartQuotes;
  const single = quote === "'";
  switch (name) {
    case 'lsquo': return lsquo;
    case 'rsquo': return rsquo;
    case 'ldquo': return ldquo;
    case 'rdquo': return rdquo;
    case 'lquote1': case 'lquote2': return single ? lsquo : ldquo;
    default: return single ? rsquo : rdquo;
  }
}

type Edits = Map<Piece, Map<number, { length: number; text: string }>>;

function edit(edits: Edits, view: Layout, at: number, length: number, text: string): void {
  const piece = view.pieces[view.pieceOf(at)!];
  if (!piece) return;
  let forPiece = edits.get(piece);
  if (!forPiece) edits.set(piece, (forPiece = new Map()));
  forPiece.set(view.offsetOf(at), { length, text });
}

function processable(view: Layout, at: number): boolean {
  return (view.pieceOf(at) ?? MARKUP) >= 0;
}

function smartQuote(view: Layout, at: number, edits: Edits, options: KramdownOptions): number | undefined {
  for (const [pattern, substitutions] of RULES) {
    pattern.lastIndex = at;
    const match = pattern.exec(view.text);
    if (!match) continue;
    let cursor = at;
    for (const substitution of substitutions) {
      if (typeof substitution === 'number') {
        cursor += match[substitution]!.length;
        continue;
      }
      const quote = view.text[cursor]!;
      if (processable(view, cursor)) edit(edits, view, cursor, 1, quoteChar(substitution, quote, options));
      cursor += 1;
    }
    return at + match[0].length;
  }
  return undefined;
}

const SYMBOL_START = new Set(['-', '.', '<', '>', '\\', ' ']);

function symbol(view: Layout, at: number, edits: Edits, options: KramdownOptions): number | undefined {
  if (!SYMBOL_START.has(view.text[at]!)) return undefined;
  for (const [source, name] of SYMBOLS) {
    if (!view.text.startsWith(source, at)) continue;
    for (let i = 0; i < source.length; i++) if (!processable(view, at + i) || view.pieceOf(at + i) !== view.pieceOf(at)) return undefined;
    const text = name in options.symbols ? options.symbols[name as TypographicSymbol] : name;
    edit(edits, view, at, source.length, text);
    return at + source.length;
  }
  return undefined;
}

function startsQuote(view: Layout, at: number): boolean {
  const here = view.text[at]!;
  if (here === '"' || here === "'") return processable(view, at);
  const next = view.text[at + 1];
  return here !== '\\' && (next === '"' || next === "'") && processable(view, at + 1);
}

// The next character a rule may apply at (one of those a quote, emphasis, code, a link or a symbol starts
// with, or one followed by a quote, or a space before `>`): the scan jumps there over the plain text between.
const CANDIDATE = /["'*_`[!\-.<>\\]|[\s\S](?=["'])| (?=>)/g;

function scan(view: Layout, options: KramdownOptions): Edits {
  const edits: Edits = new Map();
  let at = 0;
  while (at < view.text.length) {
    CANDIDATE.lastIndex = at;
    const candidate = CANDIDATE.exec(view.text);
    if (!candidate) break;
    at = candidate.index;
    if (view.pieceOf(at) === MARKUP) {
      at += 1;
      continue;
    }
    if (consumed(view.text, at)) {
      at += 1;
      continue;
    }
    const next = (startsQuote(view, at) ? smartQuote(view, at, edits, options) : undefined) ??
      (options.typographicSyms ? symbol(view, at, edits, options) : undefined);
    at = next ?? at + 1;
  }
  return edits;
}

function apply(edits: Edits): void {
  for (const [token, changes] of edits) {
    let out = '';
    let copied = 0;
    for (const offset of [...changes.keys()].sort((a, b) => a - b)) {
      // A change inside one already made (its characters are gone) is not made.
      if (offset < copied) continue;
      const change = changes.get(offset)!;
      out += token.content.slice(copied, offset) + change.text;
      copied = offset + change.length;
    }
    token.content = out + token.content.slice(copied);
  }
}

/** Replaces quotes, dashes, ellipses and guillemets in `children` as kramdown would. */
export function kramdownTypography(children: readonly Token[], options: KramdownOptions): void {
  if (!children.some((token) => token.type === 'text' && /["'.<>-]/.test(token.content))) return;
  apply(scan(layout(children), options));
}

/**
 * Jekyll's `smartify` (kramdown's SmartyPants parser): smart quotes and typographic symbols in text,
 * HTML tags and entities left as they are, `&`, `<` and `>` of the text escaped.
 */
export function smartyPants(input: string, options: KramdownOptions): string {
  // No quote, no character a symbol starts with, nothing to escape (most titles): the text as it is.
  if (!/["'.<>&-]/.test(input)) return input.replace(/\n$/, '');
  const pieces: { piece: Piece; markup: boolean }[] = [];
  let last = 0;
  for (const match of input.matchAll(/<\/?[A-Za-z][^>]*>|<!--[\s\S]*?-->|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/g)) {
    if (match.index > last) pieces.push({ piece: { content: input.slice(last, match.index) }, markup: false });
    pieces.push({ piece: { content: match[0] }, markup: true });
    last = match.index + match[0].length;
  }
  if (last < input.length) pieces.push({ piece: { content: input.slice(last) }, markup: false });
  const view = new Layout();
  for (const { piece, markup } of pieces) view.add(piece.content, markup ? MARKUP : piece);
  apply(scan(view, options));
  for (const { piece, markup } of pieces) if (!markup) piece.content = escapeText(piece.content);
  return pieces.map(({ piece }) => piece.content).join('').replace(/\n$/, '');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** markdown-it plugin: kramdown's typography on every inline (image alt text stays as written). */
export function typographyPlugin(md: MarkdownIt): void {
  // kramdown reads `<<` as a guillemet before it looks for HTML: `<<tight>>` is «tight», no tag.
  md.inline.ruler.before('html_inline', 'kramdown_guillemets', (state, silent) => {
    if (!state.src.startsWith('<<', state.pos) || !documentOptions(state.env).typographicSyms) return false;
    if (!silent) state.push('text', '', 0).content = '<<';
    state.pos += 2;
    return true;
  });
  md.core.ruler.before('linkify', 'kramdown_typography', (state) => {
    const options = documentOptions(state.env);
    for (const token of state.tokens) {
      if (token.type === 'inline' && token.children) kramdownTypography(token.children, options);
    }
  });
}
