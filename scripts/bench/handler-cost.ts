import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino } from 'pino';
import { createHerald, type Herald } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { ROOT } from '../lib/herald.js';
import { median } from '../lib/table.js';

/** Nanoseconds of CPU per request of Herald's handler, stats on and off, and what counting adds. */
export interface HandlerCostRow {
  readonly name: string;
  readonly onNs: number;
  readonly offNs: number;
}

const READER = 'NetNewsWire (RSS Reader; https://netnewswire.com/)';
// 250 client addresses, flat strings as a socket's remoteAddress is.
const ADDRESSES = Array.from({ length: 250 }, (_, i) => `198.51.100.${i}`);
/** Rounds per case (stats on and off alternating), and requests per round. */
export const COST_ROUNDS = 15;
export const COST_PER_ROUND = 50_000;

// The least a response must do for the handler: take the status and headers, then the body.
class NullResponse {
  statusCode = 0;
  writeHead(status: number): this {
    this.statusCode = status;
    return this;
  }
  end(): this {
    return this;
  }
  setHeader(): void {}
}

async function heraldOf(postsDir: string, stats: boolean): Promise<Herald> {
  const config = parseConfig({ paths: { posts: postsDir }, feeds: { itemsPerFeed: 50 }, stats: { enabled: stats }, validation: { enabled: false }, watch: { enabled: false } }, ROOT);
  const herald = createHerald(config, pino({ level: 'silent' }));
  await herald.publisher.reload();
  return herald;
}

// 1,000 copies of one conditional request from 250 clients, their header strings made anew (as a parser makes them).
function requestsOf(etag: string): IncomingMessage[] {
  return Array.from({ length: 1000 }, (_, i) => ({
    method: 'GET',
    url: '/feed.xml',
    headers: { 'user-agent': `${READER} `.trimEnd(), 'if-none-match': `${etag} `.trimEnd() },
    socket: { remoteAddress: ADDRESSES[i % 250] },
  })) as unknown as IncomingMessage[];
}

// With `fresh`, each request comes on a new socket object (a new connection): nothing is remembered for it.
function cpuNsPerRequest(herald: Herald, requests: readonly IncomingMessage[], fresh: boolean): number {
  const res = new NullResponse() as unknown as ServerResponse;
  const before = process.cpuUsage();
  for (let i = 0; i < COST_PER_ROUND; i++) {
    const req = requests[i % requests.length]!;
    if (fresh) (req as { socket: object }).socket = { remoteAddress: ADDRESSES[i % 250] };
    herald.handler(req, res);
  }
  const used = process.cpuUsage(before);
  if (res.statusCode !== 304) throw new Error(`the handler answered ${res.statusCode}, not 304`);
  return ((used.user + used.system) * 1000) / COST_PER_ROUND;
}

/**
 * Herald's request handler called in this process on a 304 (the cached-feed hot path), with the stats on
 * and off, alternating rounds so that the machine's load falls on both alike; no sockets, so what is
 * left is Herald's own work per request, where the cost of counting shows most.
 */
export async function measureHandlerCost(postsDir: string): Promise<HandlerCostRow[]> {
  const [on, off] = [await heraldOf(postsDir, true), await heraldOf(postsDir, false)];
  const etag = await new Promise<string>((resolve) => {
    const res = { writeHead: (_status: number, headers: Record<string, string>) => (resolve(headers.ETag!), res), end: () => res };
    off.handler({ method: 'GET', url: '/feed.xml', headers: {}, socket: {} } as unknown as IncomingMessage, res as unknown as ServerResponse);
  });
  const requests = requestsOf(etag);
  const cases = [
    { name: '304, 250 clients, kept-alive connections', fresh: false },
    { name: '304, 250 clients, a connection per request', fresh: true },
  ];
  return cases.map(({ name, fresh }) => {
    const onNs: number[] = [];
    const offNs: number[] = [];
    for (let round = 0; round < COST_ROUNDS; round++) {
      onNs.push(cpuNsPerRequest(on, requests, fresh));
      offNs.push(cpuNsPerRequest(off, requests, fresh));
    }
    return { name, onNs: median(onNs) ?? NaN, offNs: median(offNs) ?? NaN };
  });
}
