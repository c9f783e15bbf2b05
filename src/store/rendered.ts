import { createHash } from 'node:crypto';
import { brotliCompress, constants, gzipSync } from 'node:zlib';

/** One encoding of a rendered feed: the bytes, their strong validator and their Content-Encoding, if any. */
export interface Variant {
  readonly body: Buffer;
  readonly etag: string;
  readonly encoding?: 'gzip' | 'br';
}

/** A rendered feed with its compressed variants, each built at most once per content version. */
export interface Rendered {
  readonly contentType: string;
  readonly identity: Variant;
  readonly gzip: Variant;
  /** The Brotli variant once it is ready; the first call after the bytes are a second old starts compressing it off the event loop. */
  brotli(): Variant | undefined;
  /** The ETags of every variant of these bytes (identity, gzip, Brotli), whether compressed yet or not. */
  readonly etags: readonly string[];
}

// Brotli at quality 11 costs tens to hundreds of milliseconds for a feed: it runs in libuv's thread pool,
// and gzip is served until it is done. It starts only once the bytes have been served for a while, so a
// burst of edits (each one a new version) does not keep both cores compressing versions nobody keeps.
const BROTLI_AFTER_MS = 1000;

function background(etag: string, body: Buffer, made: (bytes: number) => void): () => Variant | undefined {
  const born = performance.now();
  let variant: Variant | undefined;
  let started = false;
  return () => {
    if (!started && performance.now() - born >= BROTLI_AFTER_MS) {
      started = true;
      const params = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length };
      brotliCompress(body, { params }, (error, compressed) => {
        if (error) return;
        variant = Object.freeze({ etag, body: compressed, encoding: 'br' });
        made(compressed.length);
      });
    }
    return variant;
  };
}

function lazy(etag: string, encoding: 'gzip', compress: () => Buffer, made: (bytes: number) => void): Variant {
  let body: Buffer | undefined;
  return Object.freeze({
    etag,
    encoding,
    get body() {
      if (!body) {
        body = compress();
        made(body.length);
      }
      return body;
    },
  });
}

// A tag as makeRendered writes it: 27 base64url characters of SHA-256, a suffix per encoding.
const ETAG_FORM = /^"[A-Za-z0-9_-]{27}(?:-gz|-br)?"$/;

/** Whether `tag` (one entity-tag, quotes included, no W/) has the form of the ETags Herald issues. */
export function isHeraldEtag(tag: string): boolean {
  return ETAG_FORM.test(tag);
}

/** The identity ETag of `body`, quotes included: what makeRendered issues for these bytes. */
export function bytesTag(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/**
 * The byte variants of `text`. ETags hash the bytes, so equal content has equal ETags on every replica;
 * a compressed variant's ETag is the identity tag plus a suffix. Each variant is compressed once, when
 * first asked for; `made` hears the length of each compressed body once it exists (a cache counts it).
 */
export function makeRendered(text: string, contentType: string, made: (bytes: number) => void = () => {}): Rendered {
  const body = Buffer.from(text, 'utf8');
  const tag = bytesTag(body).slice(1, -1);
  const etags = Object.freeze([`"${tag}"`, `"${tag}-gz"`, `"${tag}-br"`] as const);
  return Object.freeze({
    contentType,
    identity: Object.freeze({ body, etag: etags[0] }),
    gzip: lazy(etags[1], 'gzip', () => gzipSync(body, { level: 9 }), made),
    brotli: background(etags[2], body, made),
    etags,
  });
}
