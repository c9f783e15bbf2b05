import { createHash } from 'node:crypto';

/**
 * A stable, URL-safe slug for any Unicode name: lower case, Latin diacritics dropped, letters and digits
 * of every script kept, everything else folded into single hyphens. A name with no letters or digits
 * gets a short hash, so it still has a feed of its own.
 */
export function slugify(name: string): string {
  if (name.length > SLUG_KEPT_LENGTH) return slugOf(name);
  let slug = slugs.get(name);
  if (slug === undefined) {
    if (slugs.size >= SLUGS_KEPT) slugs.clear();
    slug = slugOf(name);
    slugs.set(name, slug);
  }
  return slug;
}

// Category and tag names repeat from post to post: their slugs are kept, up to SLUGS_KEPT names of at
// most SLUG_KEPT_LENGTH characters (slugs a URL asks for pass here too).
const SLUGS_KEPT = 4096;
const SLUG_KEPT_LENGTH = 100;
const slugs = new Map<string, string>();

function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (slug) return slug;
  return `t-${createHash('sha256').update(name).digest('hex').slice(0, 10)}`;
}

/** Jekyll's fallback title for a post without one: the slug's words, capitalised. */
export function titleFromSlug(slug: string): string {
  return slug
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** Jekyll's slugify modes (Utils.slugify); `none` keeps the text. */
export type JekyllSlugMode = 'none' | 'raw' | 'default' | 'pretty' | 'ascii' | 'latin';

const JEKYLL_REPLACED: Readonly<Record<Exclude<JekyllSlugMode, 'none'>, RegExp>> = {
  raw: /\s+/gu,
  default: /[^\p{M}\p{L}\p{Nd}]+/gu,
  latin: /[^\p{M}\p{L}\p{Nd}]+/gu,
  pretty: /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu,
  ascii: /[^A-Za-z0-9]+/g,
};

// I18n.transliterate's own spellings of Latin letters that do not decompose into a letter and accents.
const LATIN: Readonly<Record<string, string>> = {
  Æ: 'AE', æ: 'ae', Ð: 'D', ð: 'd', Ø: 'O', ø: 'o', Þ: 'Th', þ: 'th', ß: 'ss', Ĳ: 'IJ', ĳ: 'ij', Œ: 'OE', œ: 'oe',
  Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l', Ŋ: 'NG', ŋ: 'ng', Ŧ: 'T', ŧ: 't',
};

// I18n.transliterate drops accents from Latin letters; what it cannot spell in ASCII becomes "?".
function transliterate(text: string): string {
  return text.replace(/[^\x00-\x7f]/gu, (char) => LATIN[char] ?? char.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x00-\x7f]/g, '?'));
}

/**
 * Jekyll's Utils.slugify: runs of characters the mode does not keep become one `-`, a leading and a
 * trailing `-` are dropped, and the result is lower-cased unless `cased`. (`3.0-released` keeps its dot
 * in `pretty` mode, which :title uses; `:slug` uses `default`.)
 */
export function jekyllSlugify(text: string, mode: JekyllSlugMode = 'default', cased = false): string {
  if (mode === 'none') return cased ? text : text.toLowerCase();
  const source = mode === 'latin' ? transliterate(text) : text;
  const slug = source.replace(JEKYLL_REPLACED[mode], '-').replace(/^-|-$/g, '');
  return cased ? slug : slug.toLowerCase();
}
