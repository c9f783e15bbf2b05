import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

const ETAG = /^"([A-Za-z0-9_-]{27})(-gz|-br)?"$/;
const SUFFIX: Readonly<Record<string, string | undefined>> = { gzip: '-gz', br: '-br' };

/**
 * Why a 200's body does not match its ETag, or undefined when it does. Herald's ETag is `"` + the first 27
 * characters of base64url(sha256(identity bytes)) + `"`, with `-gz`/`-br` for the compressed variants, so the
 * body is decompressed and its identity bytes hashed.
 */
export function tornReason(headers: IncomingHttpHeaders, body: Buffer): string | undefined {
  const match = ETAG.exec(headers.etag ?? '');
  if (!match) return `ETag ${JSON.stringify(headers.etag)} is not Herald's shape`;
  const encoding = headers['content-encoding'];
  if ((match[2] ?? undefined) !== (encoding ? SUFFIX[encoding] ?? `unknown ${encoding}` : undefined)) {
    return `ETag ${headers.etag} does not go with Content-Encoding ${encoding ?? 'identity'}`;
  }
  let identity: Buffer;
  try {
    identity = encoding === 'gzip' ? gunzipSync(body) : encoding === 'br' ? brotliDecompressSync(body) : body;
  } catch (error) {
    return `${encoding} body does not decompress: ${(error as Error).message}`;
  }
  const tag = createHash('sha256').update(identity).digest('base64url').slice(0, 27);
  return tag === match[1] ? undefined : `body hashes to ${tag}, ETag says ${match[1]}`;
}
