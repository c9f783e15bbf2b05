import { pino } from 'pino';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createHerald } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { repoRoot, tempPosts } from '../helpers.js';

const post = (title: string) => `---\ntitle: ${title}\n---\nText of ${title}.\n`;
let remove: (() => Promise<void>) | undefined;
afterEach(async () => remove?.());

describe('limits', () => {
  it('accept a million posts and posts of several megabytes by default', () => {
    const { limits } = parseConfig({}, repoRoot);
    expect(limits.maxPosts).toBeGreaterThanOrEqual(1_000_000);
    expect(limits.maxPostBytes).toBeGreaterThanOrEqual(16 * 1024 * 1024);
  });

  it('say when limits.maxPosts is reached, on /status and once in the log, and keep the newest posts', async () => {
    const temp = await tempPosts({ '2024-01-01-a.md': post('A'), '2024-01-02-b.md': post('B'), '2024-01-03-c.md': post('C') });
    remove = temp.remove;
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const config = parseConfig({ paths: { posts: temp.postsDir, static: temp.dir }, limits: { maxPosts: 2 } }, repoRoot);
    const herald = createHerald(config, log);
    await herald.publisher.reload();
    await herald.publisher.reload();
    const feed = await request(herald.handler).get('/feed.json');
    expect(feed.body.items.map((item: { title: string }) => item.title)).toEqual(['C', 'B']);
    const status = await request(herald.handler).get('/status');
    expect(status.body.status).toBe('degraded');
    const message = 'limits.maxPosts (2) reached: 1 of 3 post files left out, the oldest, up to 2024-01-01-a.md';
    expect(status.body.reasons).toEqual([message]);
    const warned = lines.map((line) => JSON.parse(line) as { msg: string; leftOut: number });
    expect(warned.map((entry) => [entry.msg, entry.leftOut])).toEqual([[`${message}; raise limits.maxPosts to serve them`, 1]]);
  });
});
