import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHerald, startWebsub } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { repoRoot, silent } from '../helpers.js';

let dir: string;
let hub: http.Server;
let received: URLSearchParams[];
let failuresLeft: number;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'herald-websub-'));
  await mkdir(path.join(dir, 'posts'));
  await writeFile(path.join(dir, 'posts/2024-01-01-one.md'), '---\ntitle: One\ntags: [x]\n---\nOne.');
  received = [];
  failuresLeft = 0;
  // A local WebSub hub: records publish pings, failing the first `failuresLeft` of them.
  hub = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(503).end();
        return;
      }
      received.push(new URLSearchParams(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
});

afterEach(async () => {
  hub.close();
  await rm(dir, { recursive: true, force: true });
});

function heraldWithHub() {
  const hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/`;
  const config = parseConfig(
    { site: { url: 'https://example.com' }, paths: { posts: path.join(dir, 'posts'), static: dir }, feeds: { hubs: [hubUrl] } },
    repoRoot,
  );
  const herald = createHerald(config, silent, { notifier: { backoffMs: 5, attempts: 3 } });
  startWebsub(herald);
  return herald;
}

describe('WebSub publishing', () => {
  it('pings the hub with hub.mode=publish for every feed at start, then only for the feeds that changed', async () => {
    const herald = heraldWithHub();
    await herald.publisher.reload();
    await herald.notifier.idle();
    const topics = (params: URLSearchParams[]) => params.map((p) => p.get('hub.url')).sort();
    expect(received.every((p) => p.get('hub.mode') === 'publish')).toBe(true);
    expect(topics(received)).toEqual(
      ['/atom.xml', '/authors/herald/atom.xml', '/authors/herald/feed.json', '/authors/herald/feed.xml', '/feed.json', '/feed.xml', '/tags/x/atom.xml', '/tags/x/feed.json', '/tags/x/feed.xml'].map(
        (p) => `https://example.com${p}`,
      ),
    );

    received = [];
    await writeFile(path.join(dir, 'posts/2024-01-02-two.md'), '---\ntitle: Two\n---\nTwo.');
    await herald.publisher.filesChanged(['2024-01-02-two.md']);
    await herald.notifier.idle();
    expect(topics(received)).toEqual(['/atom.xml', '/authors/herald/atom.xml', '/authors/herald/feed.json', '/authors/herald/feed.xml', '/feed.json', '/feed.xml'].map((p) => `https://example.com${p}`));
  });

  it('retries with back-off when the hub fails, without blocking the publisher', async () => {
    failuresLeft = 2;
    const herald = heraldWithHub();
    await herald.publisher.reload();
    expect(herald.store.snapshot.posts).toHaveLength(1);
    await herald.notifier.idle();
    expect(received).toHaveLength(9);
  });
});

describe('WebSub under a burst of changes', () => {
  it('folds announcements made during a scan into one more scan, and pings each changed feed once', async () => {
    const herald = heraldWithHub();
    await herald.publisher.reload();
    await herald.notifier.idle();
    received = [];
    await writeFile(path.join(dir, 'posts/2024-01-02-p2.md'), '---\ntitle: P2\n---\nx');
    await herald.publisher.filesChanged(['2024-01-02-p2.md']);
    await herald.notifier.idle();
    // Three more announcements at once: one scan, and one more for those made while it ran.
    let scans = 0;
    const counted = { feeds: () => (scans++, herald.store.feeds()) };
    for (let i = 0; i < 3; i++) herald.notifier.contentChanged(counted, 'https://example.com');
    await herald.notifier.idle();
    const topics = received.map((p) => p.get('hub.url'));
    expect(new Set(topics).size).toBe(topics.length);
    expect([...topics].sort()).toEqual(['/atom.xml', '/authors/herald/atom.xml', '/authors/herald/feed.json', '/authors/herald/feed.xml', '/feed.json', '/feed.xml'].map((p) => `https://example.com${p}`));
    expect(scans).toBe(2);
  });
});

describe('an internationalised hub URL', () => {
  it('is advertised in punycode, in the Link header and the feed, instead of crashing the first feed request', async () => {
    const config = parseConfig({ site: { url: 'https://example.com' }, paths: { posts: path.join(dir, 'posts'), static: dir }, feeds: { hubs: ['https://hüb.例え.jp/ping'] } }, repoRoot);
    const herald = createHerald(config, silent);
    await herald.publisher.reload();
    const response = await request(herald.handler).get('/feed.xml');
    expect(response.status).toBe(200);
    expect(response.headers.link).toBe('<https://xn--hb-xka.xn--r8jz45g.jp/ping>; rel="hub", <https://example.com/feed.xml>; rel="self"');
    expect(response.text).toContain('href="https://xn--hb-xka.xn--r8jz45g.jp/ping" rel="hub"');
  });
});
