// Jekyll's slugs (jekyll/utils.rb `slugify`), the rule for the `slugify` filter and for the URLs
// Jekyll makes from titles and categories.

const MODES = ['raw', 'default', 'pretty', 'ascii', 'latin'] as const;

/** A slugify mode Jekyll knows; any other mode only lower-cases. */
export type SlugifyMode = (typeof MODES)[number];

const REPLACE: Record<SlugifyMode, RegExp> = {
  raw: /\s+/gu,
  default: /[^\p{M}\p{L}\p{Nd}]+/gu,
  pretty: /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu,
  ascii: /[^A-Za-z0-9]+/g,
  latin: /[^\p{M}\p{L}\p{Nd}]+/gu,
};

// I18n.transliterate's table for Latin letters that do not decompose into a letter and marks.
const LATIN: Record<string, string> = {
  Æ: 'AE', æ: 'ae', Ð: 'D', ð: 'd', Ø: 'O', ø: 'o', Þ: 'TH', þ: 'th', ß: 'ss', Œ: 'OE', œ: 'oe',
  Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l', Ŋ: 'NG', ŋ: 'ng', Ŧ: 'T', ŧ: 't',
};

/** I18n.transliterate as Jekyll's `latin` mode uses it: accents dropped, other non-ASCII letters `?`. */
function transliterate(text: string): string {
  let out = '';
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) out += char;
    else if (LATIN[char] !== undefined) out += LATIN[char];
    else {
      const base = char.normalize('NFD').replace(/\p{M}+/gu, '');
      out += /^[\x00-\x7f]+$/.test(base) ? base : '?';
    }
  }
  return out;
}

/** Whether `mode` is one of Jekyll's slugify modes. */
export function isSlugifyMode(mode: string): mode is SlugifyMode {
  return (MODES as readonly string[]).includes(mode);
}

/**
 * Jekyll 4's `Utils.slugify(string, mode:, cased:)`: runs of characters the mode does not keep become
 * one hyphen, a leading or trailing hyphen goes, and the result is lower case unless `cased`.
 * An unknown mode (`none`) only lower-cases.
 */
export function jekyllSlugify(text: string, mode: string = 'default', cased = false): string {
  if (!isSlugifyMode(mode)) return cased ? text : text.toLowerCase();
  const source = mode === 'latin' ? transliterate(text) : text;
  const slug = source.replace(REPLACE[mode], '-').replace(/^-|-$/g, '');
  return cased ? slug : slug.toLowerCase();
}
