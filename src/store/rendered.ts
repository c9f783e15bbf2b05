import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** One encoding of a rendered feed: the bytes and their strong validator. */
export interface Variant {
  readonly body: Buffer;
  readonly etag: string;
}

/** A rendered feed with its compressed variants, built once per content version. */
export interface Rendered {
  readonly contentType: string;
  readonly lastModified: Date;
  readonly identity: Variant;
  readonly gzip: Variant;
  readonly br: Variant;
}

/** Renders the byte variants of `text`; ETags hash the bytes, so equal content has equal ETags anywhere. */
export function makeRendered(text: string, contentType: string, lastModified: Date): Rendered {
  const body = Buffer.from(text, 'utf8');
  const tag = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  return Object.freeze({
    contentType,
    lastModified,
    identity: { body, etag: `"${tag}"` },
    gzip: { body: gzipSync(body, { level: 9 }), etag: `"${tag}-gz"` },
    br: {
      body: brotliCompressSync(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      }),
      etag: `"${tag}-br"`,
    },
  });
}
