import type { Rendered, Variant } from '../store/rendered.js';
import { BoundedMap } from './bounded-map.js';

/** Which compressed variants an Accept-Encoding header allows; Brotli only when preferred at least as much as gzip. */
interface Acceptance {
  readonly br: boolean;
  readonly gzip: boolean;
}

/** The encodings a client accepts, with q-values (RFC 9110 §12.5.3). */
function acceptedEncodings(header: string): Map<string, number> {
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (!coding) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = q ? Number(q.slice(2)) : 1;
    accepted.set(coding, Number.isFinite(value) ? value : 0);
  }
  return accepted;
}

function acceptance(header: string): Acceptance {
  const accepted = acceptedEncodings(header);
  const q = (coding: string) => accepted.get(coding) ?? accepted.get('*') ?? 0;
  return { br: q('br') > 0 && q('br') >= q('gzip'), gzip: q('gzip') > 0 || (accepted.get('x-gzip') ?? 0) > 0 };
}

// Clients send a handful of distinct Accept-Encoding strings, so each is parsed once: at most 64 of at
// most 256 characters are kept (32 KiB), longer ones are parsed every time.
const acceptances = new BoundedMap<string, Acceptance>(64);
const MAX_REMEMBERED_HEADER = 256;

/** The variant to send for an Accept-Encoding header: Brotli (once ready), then gzip, then the identity bytes. */
export function chooseVariant(rendered: Rendered, header: string | undefined): Variant {
  if (!header) return rendered.identity;
  let accepts = acceptances.get(header);
  if (!accepts) {
    accepts = acceptance(header);
    if (header.length <= MAX_REMEMBERED_HEADER) acceptances.set(header, accepts);
  }
  const br = accepts.br ? rendered.brotli() : undefined;
  return br ?? (accepts.gzip ? rendered.gzip : rendered.identity);
}

/** RFC 9110 §13.1.2: If-None-Match with weak comparison; `*` matches any current representation. */
export function noneMatch(header: string, etag: string): boolean {
  return matchingTag(header, [etag], etag) !== undefined;
}

/**
 * Which of the `current` entity-tags (every variant of the same bytes) If-None-Match names, by weak
 * comparison (RFC 9110 §13.1.2): `preferred` (the variant that would be sent) when it is named or for
 * `*`, else the first named; undefined when none is. A client holding the gzip bytes is not sent them
 * again because Brotli has become available.
 */
export function matchingTag(header: string, current: readonly string[], preferred: string): string | undefined {
  if (header === preferred || header.trim() === '*') return preferred;
  const named = new Set(header.split(',').map(opaque));
  if (named.has(opaque(preferred))) return preferred;
  return current.find((tag) => named.has(opaque(tag)));
}

function opaque(tag: string): string {
  return tag.trim().replace(/^W\//, '');
}

/** RFC 9110 §13.1.3: true when the resource has not changed since the If-Modified-Since date. */
export function notModifiedSince(header: string, lastModified: Date): boolean {
  const since = Date.parse(header);
  return Number.isFinite(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}
