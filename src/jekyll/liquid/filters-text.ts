import { renderKramdown } from '../kramdown/markdown.js';
import { smartyPants } from '../kramdown/typography.js';
import { jekyllSlugify, type JekyllSlugMode } from '../../content/slug.js';
import { normalizeUri } from './filters-url.js';
import { registers, type FilterThis } from './registers.js';
import { asLiquid, rubyInspect, rubyString } from './ruby-values.js';

// Jekyll 4's text filters (jekyll/filters.rb).

const CJK = /[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}\p{Script=Hangul}]/gu;
const NON_CJK_WORD = /[^\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}\p{Script=Hangul}\s]+/gu;

function words(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/[ \t\n\v\f\r]+/).length;
}

/** Ruby's `String#to_i`: the leading integer, else 0. */
function toI(value: unknown): number {
  if (typeof value === 'number') return Math.trunc(value);
  const match = /^\s*([+-]?\d[\d_]*)/.exec(rubyString(value));
  return match ? Number(match[1]!.replace(/_/g, '')) : 0;
}

const SLUG_MODES = ['raw', 'default', 'pretty', 'ascii', 'latin'];

/** `xml_escape` (Ruby's `encode(xml: :attr)`): `&`, `<`, `>`, `"` and `'` as entities. */
export function xmlEscape(input: unknown): string {
  return rubyString(input).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Ruby's `CGI.escape`: all but letters, digits and `_.-~` percent-encoded, spaces as `+`. */
export function cgiEscape(input: unknown): string {
  return [...Buffer.from(rubyString(input), 'utf8')]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      if (/[A-Za-z0-9_.\-~]/.test(char)) return char;
      return byte === 0x20 ? '+' : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** The text filters, for registration. */
export const textFilters = {
  xml_escape: xmlEscape,
  cgi_escape: cgiEscape,
  uri_escape: (input: unknown) => normalizeUri(rubyString(input)),
  markdownify(this: FilterThis, input: unknown) {
    return renderKramdown(rubyString(input), registers(this.context).context.kramdown);
  },
  smartify(this: FilterThis, input: unknown) {
    return smartyPants(rubyString(input), registers(this.context).context.kramdown);
  },
  slugify(input: unknown, mode?: unknown) {
    if (input === undefined || input === null) return input;
    const name = mode === undefined || mode === null ? 'default' : String(mode);
    return jekyllSlugify(rubyString(input), (SLUG_MODES.includes(name) ? name : 'none') as JekyllSlugMode);
  },
  jsonify: (input: unknown) => JSON.stringify(asLiquid(input) ?? null),
  normalize_whitespace: (input: unknown) => rubyString(input).replace(/[ \t\n\v\f\r]+/g, ' ').trim(),
  number_of_words(input: unknown, mode?: unknown) {
    const text = rubyString(input);
    const cjk = (text.match(CJK) ?? []).length;
    if (mode === 'cjk') return cjk + (text.match(NON_CJK_WORD) ?? []).length;
    if (mode === 'auto') return cjk === 0 ? words(text) : cjk + (text.match(NON_CJK_WORD) ?? []).length;
    return words(text);
  },
  array_to_sentence_string(input: unknown, connector: unknown = 'and') {
    const array = Array.isArray(input) ? input.map(rubyString) : [];
    if (array.length === 0) return '';
    if (array.length === 1) return array[0];
    if (array.length === 2) return `${array[0]} ${connector} ${array[1]}`;
    return `${array.slice(0, -1).join(', ')}, ${connector} ${array[array.length - 1]}`;
  },
  inspect: (input: unknown) => xmlEscape(rubyInspect(input)),
  to_integer: (input: unknown) => (input === true ? 1 : input === false ? 0 : toI(input)),
};
