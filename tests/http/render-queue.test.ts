import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHerald, type Herald } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { RenderQueue } from '../../src/http/render-queue.js';
import { FakeClock, fixtures, repoRoot, silent } from '../helpers.js';

const LIMIT = 3;
let herald: Herald;
let queue: RenderQueue;
let server: Server;
let base: string;
// The queue's turns, run by hand: nothing waiting is rendered until `turn()`.
let turns: Array<() => void>;

beforeEach(async () => {
  turns = [];
  queue = new RenderQueue(LIMIT, (run) => turns.push(run));
  const config = parseConfig({ site: { url: 'https://example.com' }, paths: { posts: path.join(fixtures, 'posts'), static: path.join(fixtures, 'static') } }, repoRoot);
  herald = createHerald(config, silent, { clock: new FakeClock(new Date('2024-06-01T00:00:00Z')), renderQueue: queue });
  await herald.publisher.reload();
  server = createServer(herald.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

// Waits (a bounded number of event-loop rounds) until `done` holds.
async function until(done: () => boolean): Promise<void> {
  for (let round = 0; round < 2000 && !done(); round++) await new Promise((resolve) => setTimeout(resolve, 2));
  expect(done()).toBe(true);
}

const waiting = () => queue.figures().waiting;
const entries = () => herald.store.figures().entries;

// Runs one turn of the queue, lets its render finish (these pages are one slice: a few promise steps, no
// turn of the event loop between slices) and returns how many documents it added to the cache.
async function turn(): Promise<number> {
  const before = entries();
  turns.shift()!();
  await new Promise((resolve) => setImmediate(resolve));
  return entries() - before;
}

describe('documents not in the cache (issue 15: a query-string flood)', () => {
  it('wait in a bounded queue, one render per turn; past the bound they get 503 with Retry-After, and cached answers never wait', async () => {
    const first = fetch(`${base}/feed.xml`);
    await until(() => waiting().urgent === 1);
    expect(await turn()).toBe(1);
    const cached = await first;
    expect(cached.status).toBe(200);
    const etag = cached.headers.get('etag');

    // Eight distinct page sizes at once: three wait, five are shed at once.
    const answers: Response[] = [];
    const flood = Array.from({ length: 8 }, (_, index) => fetch(`${base}/feed.xml?limit=${index + 1}`).then((res) => (answers.push(res), res)));
    await until(() => answers.length === 8 - LIMIT);
    expect(waiting()).toEqual({ urgent: 0, other: LIMIT });
    for (const res of answers) {
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    expect(queue.figures().shed).toBe(8 - LIMIT);

    // While they wait: /healthz and the cached feed are answered, and nothing waiting has been rendered.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const again = await fetch(`${base}/feed.xml`);
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).toBe(etag);
    expect(waiting().other).toBe(LIMIT);

    // A first page is rendered ahead of the pages waiting, even with their lane full.
    const tagFeed = fetch(`${base}/tags/alpha/feed.xml`);
    await until(() => waiting().urgent === 1);
    expect(await turn()).toBe(1);
    expect((await tagFeed).status).toBe(200);
    expect(waiting().other).toBe(LIMIT);

    // Then the waiting pages, each turn rendering one document.
    for (let left = LIMIT; left > 0; left--) {
      await until(() => turns.length === 1);
      expect(await turn()).toBe(1);
      expect(waiting().other).toBe(left - 1);
    }
    const all = await Promise.all(flood);
    expect(all.filter((res) => res.status === 200)).toHaveLength(LIMIT);
    expect(turns).toHaveLength(0);
    // A page now cached is answered without waiting for a turn.
    const cachedPage = all.find((res) => res.status === 200)!.url;
    expect((await fetch(cachedPage)).status).toBe(200);
    expect(waiting()).toEqual({ urgent: 0, other: 0 });

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/herald_render_shed_total 5\n/);
    expect(metrics).toMatch(/herald_http_requests_total\{route="feed",status="503"\} 5\n/);
    expect(metrics).toMatch(/herald_render_queue\{lane="other"\} 0\n/);
  });

  it('renders nothing for a client that went away while it waited', async () => {
    const controller = new AbortController();
    const gone = fetch(`${base}/feed.xml?limit=2`, { signal: controller.signal }).catch(() => 'aborted');
    await until(() => waiting().other === 1);
    controller.abort();
    expect(await gone).toBe('aborted');
    await until(() => turns.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await turn()).toBe(0);
  });

  it('refuses a limits.renderQueue under 1, naming the key', () => {
    expect(() => parseConfig({ limits: { renderQueue: 0 } }, repoRoot)).toThrow(/limits\.renderQueue = 0 is invalid/);
  });
});
