import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StartGate } from '../../src/http/start-gate.js';

// Herald's door while a restart serves its saved first pages and loads the rest (issue 14).
let server: Server | undefined;
afterEach(() => server?.close());

async function gated(gate: StartGate): Promise<string> {
  server = createServer((req, res) => {
    if (gate.admit(req, res)) res.end(`answered ${req.url}`);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('StartGate', () => {
  it('lets the allowed pages and the health endpoints in, holds the rest until it opens, then answers them', async () => {
    const gate = new StartGate(10);
    const base = await gated(gate);
    expect(await (await fetch(`${base}/healthz`)).text()).toBe('answered /healthz');
    // Held until its page is allowed (a restart's saved pages), then answered at once; the others stay held.
    const early = fetch(`${base}/feed.xml`).then((response) => response.text());
    const other = fetch(`${base}/atom.xml`).then((response) => response.text());
    await new Promise((resolve) => setTimeout(resolve, 50));
    gate.allow(['/feed.xml'], (req, res) => res.end(`allowed ${req.url}`));
    expect(await early).toBe('allowed /feed.xml');
    expect(await (await fetch(`${base}/feed.xml`)).text()).toBe('answered /feed.xml');
    let held: string | undefined;
    const waiting = fetch(`${base}/tags/x/feed.xml`).then(async (response) => (held = await response.text()));
    const post = fetch(`${base}/feed.xml`, { method: 'POST' }).then((response) => response.text());
    // node:http, not fetch: fetch sets Sec-Fetch-Mode itself.
    const browser = new Promise<string>((resolve, reject) => {
      const sent = request(`${base}/feed.xml`, { headers: { 'Sec-Fetch-Dest': 'document', 'Sec-Fetch-Mode': 'navigate' } }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk));
        response.on('end', () => resolve(text));
      });
      sent.on('error', reject);
      sent.end();
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(held).toBeUndefined();
    gate.open((req, res) => res.end(`after ${req.method} ${req.url}`));
    expect(await other).toBe('after GET /atom.xml');
    expect(await waiting).toBe('after GET /tags/x/feed.xml');
    expect(await post).toBe('after POST /feed.xml');
    expect(await browser).toBe('after GET /feed.xml');
    expect(await (await fetch(`${base}/tags/y/feed.xml`)).text()).toBe('answered /tags/y/feed.xml');
  });

  it('tells requests over its bound to come back (503, Retry-After)', async () => {
    const gate = new StartGate(1);
    const base = await gated(gate);
    const first = fetch(`${base}/a`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await fetch(`${base}/b`);
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('1');
    gate.open((req, res) => res.end(`after ${req.url}`));
    expect(await (await first).text()).toBe('after /a');
  });

  it('closing before it opens turns away those held and any other not let in, and still lets the health endpoints in', async () => {
    const gate = new StartGate(10);
    gate.allow(['/feed.xml'], () => {});
    const base = await gated(gate);
    const held = fetch(`${base}/tags/x/feed.xml`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    gate.close();
    const away = await held;
    expect(away.status).toBe(503);
    expect(away.headers.get('retry-after')).toBe('1');
    expect(await away.text()).toContain('shutting down before the posts were loaded');
    expect((await fetch(`${base}/feeds.opml`)).status).toBe(503);
    expect(await (await fetch(`${base}/feed.xml`)).text()).toBe('answered /feed.xml');
    expect(await (await fetch(`${base}/readyz`)).text()).toBe('answered /readyz');
  });
});
