import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

/** What the local hub has been sent so far. */
export interface HubFigures {
  /** Publish pings received (answered or not). */
  readonly pings: number;
  /** Pings answered 503 on purpose (`failEvery`). */
  readonly failed: number;
  /** Distinct topics (hub.url) pinged. */
  readonly topics: number;
  /** Most requests the hub held at once: the sockets Herald had open to it. */
  readonly peakConcurrent: number;
}

/** A WebSub hub on 127.0.0.1 that counts publish pings (W3C WebSub §7); it can answer slowly or fail some. */
export interface LocalHub {
  readonly url: string;
  figures(): HubFigures;
  close(): Promise<void>;
}

/**
 * Starts the hub. `delayMs` holds each answer back that long; `failEvery` > 0 answers every n-th ping 503.
 * Bodies over 64 KiB are cut off: a publish ping is one form field.
 */
export async function startLocalHub({ delayMs = 0, failEvery = 0 }: { delayMs?: number; failEvery?: number } = {}): Promise<LocalHub> {
  let pings = 0;
  let failed = 0;
  let concurrent = 0;
  let peakConcurrent = 0;
  const topics = new Set<string>();
  const server = createServer((req, res) => {
    concurrent++;
    peakConcurrent = Math.max(peakConcurrent, concurrent);
    res.on('close', () => concurrent--);
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      if (body.length < 65_536) body += chunk;
    });
    req.on('end', () => {
      const form = new URLSearchParams(body);
      if (req.method !== 'POST' || form.get('hub.mode') !== 'publish') {
        res.writeHead(400).end();
        return;
      }
      pings++;
      topics.add(form.get('hub.url') ?? '');
      const fail = failEvery > 0 && pings % failEvery === 0;
      if (fail) failed++;
      const answer = () => res.writeHead(fail ? 503 : 204).end();
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hub`,
    figures: () => ({ pings, failed, topics: topics.size, peakConcurrent }),
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
