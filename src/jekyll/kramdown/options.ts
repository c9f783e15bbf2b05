/** The kramdown options that change what a Jekyll site's Markdown becomes (kramdown 2.4, GFM parser 1.1). */
export interface KramdownOptions {
  /** `GFM` (Jekyll's default) or `kramdown`: GFM adds fenced code, ~~strike~~, task lists and GitHub's header ids. */
  readonly input: 'GFM' | 'kramdown';
  readonly autoIds: boolean;
  readonly autoIdPrefix: string;
  /** Every newline in a paragraph is a line break (GFM parser; Jekyll sets it off). */
  readonly hardWrap: boolean;
  /** `--`, `---`, `...`, `<<`, `>>` become typographic symbols (off with GFM quirk `no_auto_typographic`). */
  readonly typographicSyms: boolean;
  /** Output for each typographic symbol (kramdown's `typographic_symbols` overrides). */
  readonly symbols: Readonly<Record<TypographicSymbol, string>>;
  /** Left single, right single, left double, right double quote. */
  readonly smartQuotes: readonly [string, string, string, string];
  /** `rouge`: code in Jekyll's `highlighter-rouge` wrappers; undefined: plain `<pre><code>`. */
  readonly syntaxHighlighter: 'rouge' | undefined;
  /** The language of a code block that names none (`syntax_highlighter_opts.default_lang`). */
  readonly defaultLang: string;
  readonly headerOffset: number;
  readonly footnoteNr: number;
  readonly footnoteBacklink: string;
  readonly footnotePrefix: string;
  /** Markdown is parsed inside block HTML tags without a `markdown` attribute. */
  readonly parseBlockHtml: boolean;
}

/** kramdown's typographic symbol names. */
export type TypographicSymbol = 'mdash' | 'ndash' | 'hellip' | 'laquo' | 'raquo' | 'laquo_space' | 'raquo_space';

const SYMBOLS: Readonly<Record<TypographicSymbol, string>> = {
  mdash: '\u2014', ndash: '\u2013', hellip: '\u2026', laquo: '\u00ab', raquo: '\u00bb',
  laquo_space: '\u00ab\u00a0', raquo_space: '\u00a0\u00bb',
};

/** What Jekyll 4.3 passes to kramdown when `_config.yml` says nothing. */
export const JEKYLL_KRAMDOWN: KramdownOptions = Object.freeze<KramdownOptions>({
  input: 'GFM',
  autoIds: true,
  autoIdPrefix: '',
  hardWrap: false,
  typographicSyms: true,
  symbols: SYMBOLS,
  smartQuotes: ['\u2018', '\u2019', '\u201c', '\u201d'],
  syntaxHighlighter: 'rouge',
  defaultLang: 'plaintext',
  headerOffset: 0,
  footnoteNr: 1,
  footnoteBacklink: '\u21a9',
  footnotePrefix: '',
  parseBlockHtml: false,
});

/** A bad kramdown setting in `_config.yml`, named by its key. */
export class KramdownOptionError extends Error {
  override name = 'KramdownOptionError';
}

const ENTITIES: Record<string, string> = {
  lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201c', rdquo: '\u201d', sbquo: '\u201a', bdquo: '\u201e',
  lsaquo: '\u2039', rsaquo: '\u203a', laquo: '\u00ab', raquo: '\u00bb', apos: "'", quot: '"',
};

function quoteChar(entity: string, key: string): string {
  const trimmed = entity.trim();
  if (/^\d+$/.test(trimmed)) return String.fromCodePoint(Number(trimmed));
  const char = ENTITIES[trimmed];
  if (char === undefined) throw new KramdownOptionError(`kramdown.${key}: ${JSON.stringify(trimmed)} is not an entity name or code point kramdown knows`);
  return char;
}

function bool(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  return !['false', 'no', 'off', '0', ''].includes(String(value).toLowerCase());
}

function smartQuotes(value: unknown, fallback: KramdownOptions['smartQuotes']): KramdownOptions['smartQuotes'] {
  if (value === undefined || value === null) return fallback;
  const parts = Array.isArray(value) ? value.map(String) : String(value).split(',');
  if (parts.length !== 4) throw new KramdownOptionError('kramdown.smart_quotes: needs four entities (left and right single, left and right double quote)');
  const [a, b, c, d] = parts.map((part) => quoteChar(part, 'smart_quotes')) as [string, string, string, string];
  return [a, b, c, d];
}

function symbols(value: unknown): Readonly<Record<TypographicSymbol, string>> {
  if (value === undefined || value === null) return SYMBOLS;
  if (typeof value !== 'object') throw new KramdownOptionError('kramdown.typographic_symbols: must be a mapping of symbol name to text');
  const result = { ...SYMBOLS };
  for (const [name, text] of Object.entries(value as Record<string, unknown>)) {
    if (!(name in SYMBOLS)) throw new KramdownOptionError(`kramdown.typographic_symbols: ${JSON.stringify(name)} is not a typographic symbol name`);
    result[name as TypographicSymbol] = String(text);
  }
  return result;
}

function highlighter(kramdown: Record<string, unknown>, site: Record<string, unknown>): 'rouge' | undefined {
  const name = 'syntax_highlighter' in kramdown ? kramdown.syntax_highlighter : site.highlighter ?? 'rouge';
  if (name === null || name === false || name === 'none' || name === 'nil') return undefined;
  if (name !== 'rouge') throw new KramdownOptionError(`kramdown.syntax_highlighter: ${JSON.stringify(name)} is not available (Herald writes Rouge's markup or none)`);
  return 'rouge';
}

function input(value: unknown): KramdownOptions['input'] {
  if (value === undefined || value === null) return 'GFM';
  if (String(value).toLowerCase() === 'gfm') return 'GFM';
  if (String(value).toLowerCase() === 'kramdown') return 'kramdown';
  throw new KramdownOptionError(`kramdown.input: ${JSON.stringify(value)} is not a parser Herald has (GFM or kramdown)`);
}

/**
 * kramdown's options from a site's `_config.yml` (its `kramdown:` mapping and top-level `highlighter`),
 * over Jekyll's defaults. Throws KramdownOptionError naming the key of a value kramdown would reject.
 */
export function kramdownOptions(siteConfig: Readonly<Record<string, unknown>>): KramdownOptions {
  const raw = siteConfig.kramdown;
  const k = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const opts = (k.syntax_highlighter_opts && typeof k.syntax_highlighter_opts === 'object' ? k.syntax_highlighter_opts : {}) as Record<string, unknown>;
  const quirks = Array.isArray(k.gfm_quirks) ? k.gfm_quirks.map(String) : String(k.gfm_quirks ?? 'paragraph_end').split(',');
  const base = JEKYLL_KRAMDOWN;
  return Object.freeze({
    input: input(k.input),
    autoIds: bool(k.auto_ids, base.autoIds),
    autoIdPrefix: String(k.auto_id_prefix ?? base.autoIdPrefix),
    hardWrap: bool(k.hard_wrap, base.hardWrap),
    typographicSyms: !quirks.map((q) => q.trim()).includes('no_auto_typographic'),
    symbols: symbols(k.typographic_symbols),
    smartQuotes: smartQuotes(k.smart_quotes, base.smartQuotes),
    syntaxHighlighter: bool(opts.disable, false) ? undefined : highlighter(k, siteConfig as Record<string, unknown>),
    defaultLang: String(opts.default_lang ?? base.defaultLang),
    headerOffset: Number(k.header_offset ?? 0) || 0,
    footnoteNr: Number(k.footnote_nr ?? 1) || 1,
    footnoteBacklink: k.footnote_backlink === undefined ? base.footnoteBacklink : decodeBacklink(String(k.footnote_backlink)),
    footnotePrefix: String(k.footnote_prefix ?? ''),
    parseBlockHtml: bool(k.parse_block_html, base.parseBlockHtml),
  });
}

function decodeBacklink(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
}

const INLINE_KEYS: Record<string, string> = {
  auto_ids: 'auto_ids', auto_id_prefix: 'auto_id_prefix', smart_quotes: 'smart_quotes', hard_wrap: 'hard_wrap',
  footnote_nr: 'footnote_nr', footnote_backlink: 'footnote_backlink', footnote_prefix: 'footnote_prefix',
  header_offset: 'header_offset', parse_block_html: 'parse_block_html', syntax_highlighter: 'syntax_highlighter',
};

/**
 * The options after a document's `{::options key="value" /}`: keys kramdown knows change, others and
 * values kramdown would reject are ignored, as kramdown ignores them (with a warning nobody sees).
 */
export function withInlineOptions(base: KramdownOptions, pairs: readonly (readonly [string, string])[]): KramdownOptions {
  const current = toConfig(base);
  for (const [key, value] of pairs) {
    const name = INLINE_KEYS[key];
    if (name === undefined) continue;
    const next = { ...current, [name]: value === 'nil' ? null : value };
    try {
      kramdownOptions({ kramdown: next });
      current[name] = next[name];
    } catch (error) {
      if (!(error instanceof KramdownOptionError)) throw error;
    }
  }
  return kramdownOptions({ kramdown: current });
}

function toConfig(options: KramdownOptions): Record<string, unknown> {
  return {
    input: options.input,
    auto_ids: options.autoIds,
    auto_id_prefix: options.autoIdPrefix,
    hard_wrap: options.hardWrap,
    gfm_quirks: options.typographicSyms ? 'paragraph_end' : 'paragraph_end,no_auto_typographic',
    typographic_symbols: options.symbols,
    smart_quotes: options.smartQuotes.map((char) => String(char.codePointAt(0))),
    syntax_highlighter: options.syntaxHighlighter ?? null,
    syntax_highlighter_opts: { default_lang: options.defaultLang },
    header_offset: options.headerOffset,
    footnote_nr: options.footnoteNr,
    footnote_backlink: options.footnoteBacklink,
    footnote_prefix: options.footnotePrefix,
    parse_block_html: options.parseBlockHtml,
  };
}
