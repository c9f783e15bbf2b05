const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const TAG = /^([A-Za-z]{2,3})(?:-[A-Za-z0-9]{1,8})*$/;

/**
 * Whether `value` is a language tag whose primary subtag is a known ISO 639 language (RFC 3066,
 * as RSS 2.0's language, xml:lang and Atom's hreflang use); private-use `x-` tags pass too.
 */
export function isLanguageTag(value: string): boolean {
  if (/^(?:x|i)-[A-Za-z0-9-]+$/i.test(value) || /^(?:und|mul|zxx|mis)$/i.test(value)) return true;
  const primary = TAG.exec(value)?.[1];
  if (!primary) return false;
  try {
    return names.of(primary.toLowerCase()) !== undefined;
  } catch {
    return false;
  }
}
