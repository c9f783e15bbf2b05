import { createHash } from 'node:crypto';

/**
 * A stable, URL-safe slug for any Unicode name: lower case, Latin diacritics dropped, letters and digits
 * of every script kept, everything else folded into single hyphens. A name with no letters or digits
 * gets a short hash, so it still has a feed of its own.
 */
export function slugify(name: string): string {
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
