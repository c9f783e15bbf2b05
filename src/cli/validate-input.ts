import { createReadStream } from 'node:fs';
import type { Finding } from '../validate/index.js';

/** How long `herald validate` waits for one input and how many bytes it reads of it. */
export interface InputLimits {
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

/** The bytes of one input and what the server said of them, or why they could not be had. */
export type Input =
  | { readonly ok: true; readonly body: Buffer; readonly url?: string; readonly contentType?: string }
  | { readonly ok: false; readonly finding: Finding };

/** An input over the size limit; reading stopped at the limit. */
class TooLarge extends Error {
  override name = 'TooLarge';
}

const ACCEPT = 'application/atom+xml, application/rss+xml, application/feed+json, text/x-opml, application/xml;q=0.9, */*;q=0.8';

const failed = (rule: string, message: string): Input => ({ ok: false, finding: { severity: 'error', rule, message } });

/** A byte count as people read it: 16 MiB, 512 KiB, 300 bytes. */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]] as const) {
    if (bytes >= size && bytes % (size / 1024) === 0) return `${Number((bytes / size).toFixed(2))} ${unit}`;
  }
  return `${bytes} bytes`;
}

/** Collects chunks until the end, throwing TooLarge as soon as they pass `maxBytes` (nothing past it is kept). */
async function collect(chunks: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Buffer> {
  const kept: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new TooLarge();
    kept.push(chunk);
  }
  return Buffer.concat(kept, total);
}

function failure(err: unknown, signal: AbortSignal, limits: InputLimits, unreadable: (err: unknown) => Input): Input {
  if (err instanceof TooLarge) return failed('input.too-large', `larger than the limit of ${formatBytes(limits.maxBytes)} (--max-bytes); stopped reading there`);
  if (signal.aborted) return failed('input.timeout', `not read completely within ${limits.timeoutMs / 1000} s (--timeout); gave up`);
  return unreadable(err);
}

const reason = (err: unknown) => {
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err instanceof Error ? err.message : String(err)}${cause}`;
};

/** Fetches an http(s) URL, following redirects, within the time and size limits; the body streams and stops at the limit. */
async function fetchUrl(target: string, limits: InputLimits): Promise<Input> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const response = await fetch(target, { headers: { accept: ACCEPT }, redirect: 'follow', signal });
    if (!response.ok) {
      await response.body?.cancel();
      return failed('input.http-status', `the server answered ${response.status} ${response.statusText}`);
    }
    if (Number(response.headers.get('content-length') ?? 0) > limits.maxBytes) {
      await response.body?.cancel();
      throw new TooLarge();
    }
    const body = response.body ? await collect(response.body, limits.maxBytes) : Buffer.alloc(0);
    const contentType = response.headers.get('content-type') ?? undefined;
    return { ok: true, body, url: response.url || target, ...(contentType ? { contentType } : {}) };
  } catch (err) {
    return failure(err, signal, limits, () => failed('input.fetch-failed', `cannot fetch: ${reason(err)}`));
  }
}

/** Reads a file within the time and size limits, streaming, so a huge or endless file costs at most the limit. */
async function readLocal(target: string, limits: InputLimits): Promise<Input> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const stream = createReadStream(target, { signal });
  try {
    return { ok: true, body: await collect(stream, limits.maxBytes) };
  } catch (err) {
    return failure(err, signal, limits, () => {
      const code = (err as NodeJS.ErrnoException).code;
      return failed('input.unreadable', `cannot read: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : reason(err)}`);
    });
  } finally {
    stream.destroy();
  }
}

/** The bytes of a URL or a file, read within `limits`; a failure is an `input.*` error finding. */
export function readInput(target: string, limits: InputLimits): Promise<Input> {
  return /^https?:\/\//i.test(target) ? fetchUrl(target, limits) : readLocal(target, limits);
}
