import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { start, type Started } from './server.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const poll = (server: Started, address: string, ua = 'Newsboat/2.33 (Linux x86_64)') =>
  fetch(`http://127.0.0.1:${server.port}/feed.xml`, { headers: { 'user-agent': ua, 'x-forwarded-for': address } });

async function siteSubscribers(server: Started): Promise<{ subscribers: number; instances: number }> {
  const stats = (await (await fetch(`http://127.0.0.1:${server.port}/stats`)).json()) as { feeds: Array<{ key: string; subscribers: number }>; instances: unknown[] };
  return { subscribers: stats.feeds.find((feed) => feed.key === 'site')?.subscribers ?? 0, instances: stats.instances.length };
}

// Asks until `want` holds (each instance reads the other's file every second), at most 50 times.
async function eventually(server: Started, want: (figures: { subscribers: number; instances: number }) => boolean) {
  let figures = await siteSubscribers(server);
  for (let i = 0; i < 50 && !want(figures); i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    figures = await siteSubscribers(server);
  }
  return figures;
}

describe('two Herald processes sharing a stats folder', () => {
  it('count a client that polls both once, show the merged figures on each, and keep them across a restart', async () => {
    const data = await mkdtemp(path.join(os.tmpdir(), 'herald-replicas-'));
    dirs.push(data);
    const env = (instance: string) => ({ DATA_DIR: data, STATS_INSTANCE: instance, STATS_FORWARDED_FOR: 'true', STATS_SAVE_SECONDS: '1' });
    const [a, b] = await Promise.all([start(env('a')), start(env('b'))]);
    try {
      for (const address of ['198.51.100.1', '198.51.100.2']) expect((await poll(a, address)).status).toBe(200);
      for (const address of ['198.51.100.2', '198.51.100.3']) expect((await poll(b, address)).status).toBe(200);
      expect((await poll(b, '3.1.0.1', 'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 40 subscribers)')).status).toBe(200);
      expect(await eventually(a, (f) => f.subscribers === 43)).toEqual({ subscribers: 43, instances: 2 });
      expect(await eventually(b, (f) => f.subscribers === 43)).toEqual({ subscribers: 43, instances: 2 });
      expect((await readdir(path.join(data, 'stats'))).sort()).toEqual(['a.json', 'b.json', 'keys']);
      a.child.kill('SIGTERM');
      expect(await a.exit).toBe(0);
      const again = await start(env('a'));
      try {
        // The restarted instance reads its own file and the other's, with the same keys: client 2 is still one client.
        expect((await poll(again, '198.51.100.2')).status).toBe(200);
        expect(await siteSubscribers(again)).toEqual({ subscribers: 43, instances: 2 });
      } finally {
        again.child.kill('SIGTERM');
        await again.exit;
      }
    } finally {
      for (const server of [a, b]) if (server.child.exitCode === null) server.child.kill('SIGTERM');
      await Promise.all([a.exit, b.exit]);
    }
  }, 60_000);
});
