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
  if (header === etag || header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => opaque(tag) === wanted);
}

/** RFC 9110 §13.1.3: true when the resource has not changed since the If-Modified-Since date. */
export function notModifiedSince(header: string, lastModified: Date): boolean {
  const since = Date.parse(header);
  return Number.isFinite(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}
