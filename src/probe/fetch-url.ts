import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, type ZlibOptions } from 'node:zlib';
import type { Clock } from '../store/publisher.js';

/** The bounds of one request: how long it may take and how many bytes (as sent, and decoded) it may bring. */
export interface FetchLimits {
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

/** One response as a reader receives it: status, headers, and the body decoded from its Content-Encoding. */
export interface FetchedResponse {
  readonly ok: true;
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The body after Content-Encoding is undone (empty for a 304 or a redirect). */
  readonly body: Buffer;
}

/** Why no response could be read: no connection, no answer in time, too many bytes, a body that does not decode. */
export interface FetchFailure {
  readonly ok: false;
  readonly reason: 'unreachable' | 'timeout' | 'too-large' | 'encoding';
  readonly message: string;
}

const inflaters: Readonly<Record<string, (body: Buffer, options: ZlibOptions) => Promise<Buffer>>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  br: promisify(brotliDecompress) as (body: Buffer, options: ZlibOptions) => Promise<Buffer>,
};

/**
 * GETs `url` once, following no redirect, within `limits` (the time-out on `clock` covers connecting,
 * waiting and reading; the body is dropped past `maxBytes`, before and after decoding, which runs in
 * libuv's thread pool). Resolves to the response or the reason there is none; never rejects.
 */
export function fetchUrl(url: string, headers: Readonly<Record<string, string>>, limits: FetchLimits, clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>): Promise<FetchedResponse | FetchFailure> {
  return new Promise((resolve) => {
    const client = url.startsWith('https:') ? https : http;
    let settled = false;
    const finish = (result: FetchedResponse | FetchFailure) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      resolve(result);
    };
    const fail = (reason: FetchFailure['reason'], message: string) => {
      finish({ ok: false, reason, message });
      request.destroy();
    };
    const request = client.get(url, { headers: { ...headers }, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      let length = 0;
      if (Number(response.headers['content-length'] ?? 0) > limits.maxBytes) return fail('too-large', `Content-Length ${response.headers['content-length']} is over ${limits.maxBytes} bytes`);
      response.on('data', (chunk: Buffer) => {
        length += chunk.length;
        if (length > limits.maxBytes) return fail('too-large', `the body is over ${limits.maxBytes} bytes`);
        chunks.push(chunk);
      });
      response.on('error', (error) => fail('unreachable', error.message));
      response.on('end', () => {
        if (settled) return;
        const raw = Buffer.concat(chunks);
        const encoding = String(response.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
        const inflate = inflaters[encoding];
        if (!inflate) {
          if (encoding === 'identity' || encoding === '') return finish({ ok: true, status: response.statusCode ?? 0, headers: response.headers, body: raw });
          return fail('encoding', `Content-Encoding ${JSON.stringify(encoding)} was not asked for (Accept-Encoding: ${headers['Accept-Encoding'] ?? 'none'})`);
        }
        if (!raw.length) return finish({ ok: true, status: response.statusCode ?? 0, headers: response.headers, body: raw });
        inflate(raw, { maxOutputLength: limits.maxBytes }).then(
          (body) => finish({ ok: true, status: response.statusCode ?? 0, headers: response.headers, body }),
          (error: Error) => fail((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'encoding', `the ${encoding} body does not decode: ${error.message}`),
        );
      });
    });
    request.on('error', (error) => fail('unreachable', error.message));
    const timer = clock.setTimeout(() => fail('timeout', `no complete answer within ${limits.timeoutMs} ms`), limits.timeoutMs);
    timer.unref?.();
  });
}
