import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHerald, type Herald } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { FakeClock, fixtures, repoRoot, silent } from '../helpers.js';

// A local hub stub with two hubs on it (/a and /b): counts requests and sockets open at once.
let hub: http.Server;
let hubUrl: string;
let active = 0;
let maxActive = 0;
let sockets = 0;
let maxSockets = 0;
let received: Record<string, string[]>;
let failing: Set<string>;
let holdMs: number;
// When set, the hub answers a request only when the test releases it (a hub as slow as the test wants).
let held: Array<() => void> | undefined;

beforeEach(async () => {
  active = maxActive = sockets = maxSockets = 0;
  received = { '/a': [], '/b': [] };
  failing = new Set();
  holdMs = 0;
  held = undefined;
  hub = http.createServer((req, res) => {
    active++;
    maxActive = Math.max(maxActive, active);
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const answer = () => {
        active--;
        received[req.url!]!.push(new URLSearchParams(body).get('hub.url')!);
        res.writeHead(failing.has(req.url!) ? 503 : 204).end();
      };
      if (held) held.push(answer);
      else if (holdMs) setTimeout(answer, holdMs);
      else answer();
    });
  });
  hub.on('connection', (socket) => {
    sockets++;
    maxSockets = Math.max(maxSockets, sockets);
    socket.on('close', () => sockets--);
  });
  await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
  hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`;
});

afterEach(async () => {
  hub.closeAllConnections();
  await new Promise((resolve) => hub.close(resolve));
});

function herald(websub: Record<string, unknown>, clock?: FakeClock): Herald {
  const config = parseConfig(
    { site: { url: 'https://example.com' }, paths: { posts: `${fixtures}/posts`, static: `${fixtures}/static` }, feeds: { hubs: [`${hubUrl}/a`, `${hubUrl}/b`] }, websub },
    repoRoot,
  );
  return createHerald(config, silent, clock ? { clock } : {});
}

const topics = (count: number, version = '1') => new Map(Array.from({ length: count }, (_, i) => [`https://example.com/tags/t${i}/feed.xml`, version]));

async function settled(h: Herald): Promise<void> {
  for (let i = 0; i < 2000 && h.notifier.figures().inFlight; i++) await new Promise((resolve) => setTimeout(resolve, 2));
}

describe('WebSub fan-out to many feeds (issue 15, item 4: 30,003 feeds opened 20,000 sockets)', () => {
  it('never has more than websub.concurrency pings or sockets open, delivers every ping, and /healthz answers meanwhile', async () => {
    holdMs = 1;
    const h = herald({ concurrency: 4 });
    h.notifier.feedsChanged(topics(200));
    // Changed again while queued: coalesced, each feed stays queued once per hub; the 4 already in flight
    // are queued once more (the hub must hear of the newer version).
    h.notifier.feedsChanged(topics(200, '2'));
    expect(h.notifier.figures()).toMatchObject({ queued: 400, inFlight: 4 });

    const health = await request(h.handler).get('/healthz');
    expect(health.status).toBe(200);
    const metrics = await request(h.handler).get('/metrics');
    const queued = Number(/herald_websub_backlog\{state="queued"\} (\d+)/.exec(metrics.text)?.[1]);
    expect(queued).toBeGreaterThan(0);

    await h.notifier.idle();
    // The bound; and more than one at once, so the pool is used (how close to 4 depends on the machine's load).
    expect(maxActive).toBeLessThanOrEqual(4);
    expect(maxActive).toBeGreaterThanOrEqual(2);
    expect(maxSockets).toBeLessThanOrEqual(4);
    for (const path of ['/a', '/b']) {
      expect(received[path]).toHaveLength(202);
      expect(new Set(received[path]).size).toBe(200);
    }
    const after = await request(h.handler).get('/metrics');
    expect(after.text).toContain('herald_websub_backlog{state="queued"} 0');
    expect(after.text).toContain('herald_websub_pings_total{outcome="delivered"} 404');
  });

  it('with a hub that answers slowly, keeps websub.concurrency pings open at most, and the backlog metric drains to zero', async () => {
    held = [];
    const h = herald({ concurrency: 3 });
    h.notifier.feedsChanged(topics(15));
    const backlog = async () => {
      const text = (await request(h.handler).get('/metrics')).text;
      const state = (name: string) => Number(new RegExp(`herald_websub_backlog\\{state="${name}"\\} (\\d+)`).exec(text)?.[1]);
      return { queued: state('queued'), inFlight: state('in_flight') };
    };
    // 30 pings (15 feeds, 2 hubs); the hub answers one at a time, only when released.
    for (let left = 30; left > 0; left--) {
      for (let round = 0; round < 1000 && held.length < Math.min(3, left); round++) await new Promise((resolve) => setTimeout(resolve, 2));
      // The pool is full, and stays full while the hub holds its answers: nothing more is opened.
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(held).toHaveLength(Math.min(3, left));
      expect(active).toBe(Math.min(3, left));
      expect(await backlog()).toEqual({ queued: left - Math.min(3, left), inFlight: Math.min(3, left) });
      held.shift()!();
    }
    await h.notifier.idle();
    expect(maxActive).toBe(3);
    expect(maxSockets).toBeLessThanOrEqual(3);
    expect(await backlog()).toEqual({ queued: 0, inFlight: 0 });
    for (const path of ['/a', '/b']) expect(new Set(received[path]).size).toBe(15);
  });

  it('pauses a failing hub with a doubling back-off, probing it with one ping at a time, while the other hub is served', async () => {
    const clock = new FakeClock(new Date('2024-06-01T00:00:00Z'));
    failing.add('/a');
    const h = herald({ concurrency: 4, attempts: 3, backoffMs: 1000 }, clock);
    h.notifier.feedsChanged(topics(40));
    await settled(h);
    // The first burst took both hubs in turn; /a failed and is paused, /b got everything.
    expect(received['/a']).toHaveLength(2);
    expect(received['/b']).toHaveLength(40);
    expect(h.notifier.figures()).toMatchObject({ queued: 40, inFlight: 0, backingOff: 1 });

    clock.advance(999);
    await settled(h);
    expect(received['/a']).toHaveLength(2);
    clock.advance(1);
    await settled(h);
    expect(received['/a']).toHaveLength(3);
    // Second failure: the pause doubles to 2 s.
    clock.advance(1999);
    await settled(h);
    expect(received['/a']).toHaveLength(3);
    clock.advance(1);
    await settled(h);
    expect(received['/a']).toHaveLength(4);

    // The hub recovers: the next probe succeeds and the rest of its queue goes out.
    failing.clear();
    clock.advance(4000);
    await h.notifier.idle();
    const figures = h.notifier.figures();
    expect(figures).toMatchObject({ queued: 0, inFlight: 0, backingOff: 0 });
    // Four pings failed once each (under attempts: 3), were queued again and delivered with the rest.
    expect(figures.givenUp).toBe(0);
    expect(figures.delivered).toBe(80);
    expect(new Set(received['/a']).size).toBe(40);
    expect(maxActive).toBeLessThanOrEqual(4);
  });
});
