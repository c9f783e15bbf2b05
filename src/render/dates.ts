/** RFC 822 date as RSS 2.0 requires (with a four-digit year, as RFC 1123 and the W3C validator expect). */
export function rfc822(date: Date): string {
  return date.toUTCString();
}

/** RFC 3339 date-time in UTC, without a fraction when the instant has none (Atom, JSON Feed). */
export function rfc3339(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}
