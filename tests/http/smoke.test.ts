import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createHerald } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('the repository posts', () => {
  it('are served as an RSS feed', async () => {
    const config = parseConfig({ site: { url: 'https://example.com' } }, root);
    const herald = createHerald(config, pino({ level: 'silent' }));
    await herald.publisher.reload();
    const res = await request(herald.handler).get('/feed.xml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(res.text).toContain('MI6 launches dark web portal');
  });
});
