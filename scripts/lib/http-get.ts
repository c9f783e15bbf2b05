import { request, type Agent, type IncomingHttpHeaders } from 'node:http';

/** A response as it came over the wire: no decompression, the whole body. */
export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** GET `url` with `headers`; rejects on a network error or after `timeoutMs`. The body is left encoded. */
export function get(url: string, headers: Record<string, string> = {}, options: { timeoutMs?: number; agent?: Agent } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers, agent: options.agent ?? false, timeout: options.timeoutMs ?? 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timed out after ${options.timeoutMs ?? 10_000} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** Polls `url` every `intervalMs` until `accept(response)`; resolves with that response, or undefined after `timeoutMs`. */
export async function pollUntil(
  url: string,
  accept: (response: RawResponse) => boolean,
  { timeoutMs, intervalMs = 10, stillAlive = () => true }: { timeoutMs: number; intervalMs?: number; stillAlive?: () => boolean },
): Promise<RawResponse | undefined> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline && stillAlive()) {
    try {
      const response = await get(url, {}, { timeoutMs: Math.max(100, deadline - performance.now()) });
      if (accept(response)) return response;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return undefined;
}
