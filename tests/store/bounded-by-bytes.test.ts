import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Herald } from '../../src/compose.js';
import { heraldOn, tempPosts } from '../helpers.js';

const POSTS = 45;
const RENDERED_BYTES = 256 * 1024;
const URL_BYTES = 64 * 1024;

let herald: Herald;
let server: http.Server;
let remove: () => Promise<void>;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(path: string, encoding = 'gzip'): Promise<{ status: number; etag: string | undefined; length: number }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent, headers: { 'accept-encoding': encoding } }, (res) => {
        let length = 0;
        res.on('data', (chunk: Buffer) => (length += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode!, etag: res.headers.etag, length }));
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < POSTS; i++) {
    const day = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    files[`${day}-post-${i}.md`] = `---\ntitle: Post ${i}\ntags: [t${i % 3}]\n---\nBody of post ${i}, with a few words to render.`;
  }
  let dir: string;
  ({ dir, remove } = await tempPosts(files));
  herald = await heraldOn(dir, {}, { cache: { renderedBytes: RENDERED_BYTES, urlBytes: URL_BYTES } });
  server = http.createServer(herald.handler).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
});

afterAll(async () => {
  agent.destroy();
  await new Promise((resolve) => server.close(resolve));
  await remove();
});

describe('caches bounded by bytes', () => {
  it('keep thousands of distinct ?limit=&page= pairs (and spellings) under their bounds, and still serve every page right', async () => {
    const first = await get('/feed.xml');
    const urls: string[] = [];
    const feeds: Array<[string, number]> = [['', POSTS], ['/tags/t0', POSTS / 3], ['/tags/t1', POSTS / 3], ['/tags/t2', POSTS / 3]];
    for (const [folder, count] of feeds) {
      for (const file of ['feed.xml', 'atom.xml', 'feed.json', 'feed.html']) {
        for (let limit = 1; limit <= POSTS; limit++) {
          for (let page = 1; page <= Math.ceil(count / limit); page++) urls.push(`${folder}/${file}?limit=${limit}&page=${page}`);
        }
      }
    }
    // Other spellings of the same pages: remembered as URLs of their own.
    for (let limit = 1; limit <= POSTS; limit++) urls.push(`/feed.json?page=1&limit=0${limit}`, `/feed.json?limit=00${limit}`);
    expect(urls.length).toBeGreaterThanOrEqual(2000);
    let rendered = 0; // bytes received: far more than the bound
    for (const [index, url] of urls.entries()) {
      // Some gzip, so that compressed variants count too (gzip at level 9 is the slow part of this test).
      const res = await get(url, index % 8 ? 'identity' : 'gzip');
      expect(res.status, url).toBe(200);
      rendered += res.length;
      if (index % 100 === 0) {
        expect(herald.store.figures().bytes).toBeLessThanOrEqual(RENDERED_BYTES);
      }
    }
    const figures = herald.store.figures();
    expect(rendered).toBeGreaterThan(10 * RENDERED_BYTES);
    expect(figures.bytes).toBeLessThanOrEqual(RENDERED_BYTES);
    expect(figures.evictions).toBeGreaterThan(0);
    const metrics = (await request(herald.handler).get('/metrics')).text;
    const gauge = (name: string, cache: string) => Number(new RegExp(`${name}\\{cache="${cache}"\\} (\\d+)`).exec(metrics)![1]);
    expect(gauge('herald_cache_max_bytes', 'rendered')).toBe(RENDERED_BYTES);
    expect(gauge('herald_cache_max_bytes', 'urls')).toBe(URL_BYTES);
    expect(gauge('herald_cache_bytes', 'rendered')).toBeLessThanOrEqual(RENDERED_BYTES);
    expect(gauge('herald_cache_bytes', 'urls')).toBeLessThanOrEqual(URL_BYTES);
    expect(gauge('herald_cache_bytes', 'urls')).toBeGreaterThan(URL_BYTES / 2);
    // Evicted pages are rendered again, byte for byte.
    expect((await get('/feed.json?limit=1&page=1')).etag).toBe((await get('/feed.json?limit=1&page=1')).etag);
    expect((await get('/feed.xml')).etag).toBe(first.etag);
  }, 90_000); // two thousand requests: seconds alone, far longer on a loaded machine
});
