import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePosts } from '../../scripts/generate-posts.js';
import { outputHas, start, stop } from './server.js';

describe('the server process', () => {
  it('on SIGTERM stops accepting, finishes the request in flight, and exits 0', async () => {
    const server = await start();
    // Listening comes before the load is over; this request is one the loaded server answers.
    await outputHas(server, '"posts loaded"');
    const socket = net.connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let response = '';
    socket.on('data', (chunk) => (response += chunk));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write('GET /feed.xml HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await new Promise((resolve) => setTimeout(resolve, 100));
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(new Promise((resolve, reject) => net.connect(server.port, '127.0.0.1').on('connect', resolve).on('error', reject))).rejects.toThrow(/ECONNREFUSED/);
    socket.write('\r\n');
    await closed;
    expect(response).toMatch(/^HTTP\/1.1 200 OK/);
    expect(response).toContain('</rss>');
    const code = await server.exit;
    expect(code, server.output()).toBe(0);
    expect(server.output()).toContain('"shutting down"');
  });

  it('restarted on its data folder, serves the feeds it served, its first pages from the saved ones while it loads', async () => {
    const data = await mkdtemp(path.join(os.tmpdir(), 'herald-restart-'));
    try {
      const feeds = ['/feed.xml', '/atom.xml', '/feed.json'];
      const bodies = async (port: number) => Promise.all(feeds.map(async (at) => (await fetch(`http://127.0.0.1:${port}${at}`)).text()));
      const first = await start({ DATA_DIR: data });
      const served = await bodies(first.port);
      await stop(first);
      expect(first.output()).not.toContain('saved first pages');
      const again = await start({ DATA_DIR: data });
      try {
        await outputHas(again, '"serving the saved first pages while the posts load"');
        expect(await bodies(again.port)).toEqual(served);
      } finally {
        await stop(again);
      }
    } finally {
      await rm(data, { recursive: true, force: true });
    }
  });

  it('stopped while a restart serves its saved first pages, tells what waits for the load to come back and exits 0', async () => {
    const data = await mkdtemp(path.join(os.tmpdir(), 'herald-restart-'));
    const posts = await mkdtemp(path.join(os.tmpdir(), 'herald-restart-posts-'));
    try {
      // Enough posts for the load to outlast the request and the signal below by some hundreds of ms.
      await generatePosts(6000, posts);
      const env = { DATA_DIR: data, POSTS_DIR: posts };
      const first = await start(env);
      // Served once, their bodies are rendered: the pages are saved as the first start stops.
      for (const at of ['/feed.xml', '/atom.xml', '/feed.json']) expect((await fetch(`http://127.0.0.1:${first.port}${at}`)).status).toBe(200);
      await stop(first);
      const again = await start(env);
      await outputHas(again, '"serving the saved first pages while the posts load"');
      const held = fetch(`http://127.0.0.1:${again.port}/feeds.opml`);
      await new Promise((resolve) => setTimeout(resolve, 30));
      again.child.kill('SIGTERM');
      const response = await held;
      expect(response.status, again.output()).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(await response.text()).toContain('shutting down before the posts were loaded');
      expect(await again.exit, again.output()).toBe(0);
      expect(again.output()).toContain('"shutting down"');
    } finally {
      await rm(data, { recursive: true, force: true });
      await rm(posts, { recursive: true, force: true });
    }
  });

  it('listens from the start: while a first load runs /healthz is 200, /readyz 503, and a feed waits for the load', async () => {
    const posts = await mkdtemp(path.join(os.tmpdir(), 'herald-first-load-'));
    try {
      // Enough posts for the load to outlast the requests below.
      await generatePosts(6000, posts);
      const server = await start({ POSTS_DIR: posts });
      try {
        const base = `http://127.0.0.1:${server.port}`;
        expect((await fetch(`${base}/healthz`)).status).toBe(200);
        const ready = await fetch(`${base}/readyz`);
        expect(ready.status, server.output()).toBe(503);
        expect(server.output()).not.toContain('"posts loaded"');
        const feed = await fetch(`${base}/feed.xml`);
        expect(feed.status).toBe(200);
        expect(server.output()).toContain('"posts loaded"');
        expect(await feed.text()).toContain('</rss>');
        expect((await fetch(`${base}/readyz`)).status).toBe(200);
      } finally {
        await stop(server);
      }
    } finally {
      await rm(posts, { recursive: true, force: true });
    }
  });

  it('answers an over-long URL with 414 and over-large headers with 431', async () => {
    const server = await start();
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const longUrl = await fetch(`${base}/feed.xml?${'a'.repeat(3000)}`);
      expect(longUrl.status).toBe(414);
      expect(await longUrl.text()).toBe('414 URL longer than 2048 characters\n');
      const bigHeaders = await fetch(`${base}/feed.xml`, { headers: { 'x-filler': 'b'.repeat(20_000) } });
      expect(bigHeaders.status).toBe(431);
      expect((await fetch(`${base}/feed.xml`)).status).toBe(200);
    } finally {
      await stop(server);
    }
  });

  it('serves the operator endpoints on OPERATOR_LISTEN, and only ok or degraded on the public port', async () => {
    const server = await start({ OPERATOR_LISTEN: '127.0.0.1:0' });
    try {
      const line = await new Promise<string>((resolve) => {
        const find = () => server.output().split('\n').find((l) => l.includes('"herald operator endpoints listening"'));
        const found = find();
        if (found) return resolve(found);
        server.child.stdout!.on('data', () => {
          const later = find();
          if (later) resolve(later);
        });
      });
      const operator = `http://127.0.0.1:${JSON.parse(line).port}`;
      expect((await fetch(`${operator}/metrics`)).status).toBe(200);
      expect(Object.keys((await (await fetch(`${operator}/status`)).json()) as object)).toContain('content');
      expect((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status).toBe(404);
      expect(Object.keys((await (await fetch(`http://127.0.0.1:${server.port}/status`)).json()) as object)).toEqual(['status']);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exit).toBe(0);
  });

  it('refuses to start on a bad config value, naming the key', async () => {
    await expect(start({ CACHE_MAX_AGE: '-5' })).rejects.toThrow(/exited with 2: .*feeds\.cacheMaxAge = -5 is invalid: expected a whole number of at least 0 \(from environment variable CACHE_MAX_AGE\)/s);
  });
});
