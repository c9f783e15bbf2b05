import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/load-config.js';
import { mountOperatorRoutes, type StatusSource } from '../../src/http/operator.js';
import { Metrics } from '../../src/metrics/metrics.js';
import { fixtureHerald, repoRoot } from '../helpers.js';

const TOKEN = 'operator-token-0123456789';

describe('/status and /validation as bytes', () => {
  it('are built once per change, carry an ETag and answer 304 to If-None-Match', async () => {
    let serialised = 0;
    const report = { status: 'ok', toJSON: () => (serialised++, { status: 'ok', feeds: [] }) };
    let current: object | undefined;
    const source: StatusSource = { ready: () => true, status: () => ({ state: 'ok', details: { reasons: [] } }), validation: () => current };
    const app = express();
    mountOperatorRoutes(app, { status: source, metrics: new Metrics() }, { listener: 'public', separate: false }, {});
    const pending = await request(app).get('/validation');
    expect(pending.status).toBe(503);
    expect(pending.headers['cache-control']).toBe('no-store');
    current = report;
    const first = await request(app).get('/validation');
    const again = await request(app).get('/validation');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ status: 'ok', feeds: [] });
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(serialised).toBe(1);
    const revalidated = await request(app).get('/validation').set('If-None-Match', first.headers.etag as string);
    expect(revalidated.status).toBe(304);
    expect(revalidated.text).toBe('');
    current = { ...report };
    await request(app).get('/validation');
    expect(serialised).toBe(2);
  });

  it('give /status a new ETag when the content changes, and the same one until then', async () => {
    const herald = await fixtureHerald();
    const first = await request(herald.handler).get('/status');
    expect(first.body.status).toBe('degraded');
    expect(first.body.content.problems.length).toBeGreaterThan(0);
    expect((await request(herald.handler).get('/status').set('If-None-Match', first.headers.etag as string)).status).toBe(304);
    await herald.publisher.reload();
    const after = await request(herald.handler).get('/status').set('If-None-Match', first.headers.etag as string);
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(first.headers.etag);
  });
});

describe('operator.token', () => {
  it('keeps details, /validation and /metrics for the bearer of the token; health and feeds stay open', async () => {
    const herald = await fixtureHerald({ operator: { token: TOKEN } });
    await herald.validator.run('start');
    const anonymous = await request(herald.handler).get('/status');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ status: 'degraded' });
    for (const path of ['/validation', '/metrics']) {
      for (const authorization of [undefined, 'Bearer wrong-token-0123456789', `Basic ${TOKEN}`]) {
        const req = request(herald.handler).get(path);
        const res = await (authorization ? req.set('Authorization', authorization) : req);
        expect(res.status, `${path} ${authorization}`).toBe(401);
        expect(res.headers['www-authenticate']).toBe('Bearer realm="herald"');
      }
    }
    const auth = `Bearer ${TOKEN}`;
    expect((await request(herald.handler).get('/status').set('Authorization', auth)).body.content.problems.length).toBeGreaterThan(0);
    expect((await request(herald.handler).get('/validation').set('Authorization', auth)).body.totals.feeds).toBeGreaterThan(0);
    expect((await request(herald.handler).get('/metrics').set('Authorization', auth)).text).toContain('herald_http_requests_total');
    for (const path of ['/healthz', '/readyz', '/feed.xml', '/']) expect((await request(herald.handler).get(path)).status, path).toBe(200);
  });
});

describe('operator.listen', () => {
  it('serves the details on the operator listener only; the public one says ok or degraded', async () => {
    const herald = await fixtureHerald({ operator: { listen: '127.0.0.1:0' } });
    expect((await request(herald.handler).get('/metrics')).status).toBe(404);
    expect((await request(herald.handler).get('/validation')).status).toBe(404);
    expect((await request(herald.handler).get('/status')).body).toEqual({ status: 'degraded' });
    const operator = herald.operatorHandler!;
    expect((await request(operator).get('/metrics')).text).toContain('herald_cache_bytes');
    expect((await request(operator).get('/status')).body.reasons).toHaveLength(1);
    expect((await request(operator).get('/healthz')).status).toBe(200);
    expect((await request(operator).get('/feed.xml')).status).toBe(404);
  });

  it('are checked at start-up, naming the key and never showing a token', () => {
    expect(parseConfig({ operator: { listen: '9100' } }, repoRoot).operator.listen).toEqual({ host: '127.0.0.1', port: 9100 });
    expect(parseConfig({ operator: { listen: '[::1]:9100' } }, repoRoot).operator.listen).toEqual({ host: '::1', port: 9100 });
    expect(() => parseConfig({ operator: { listen: 'host:99999' } }, repoRoot)).toThrow(/operator\.listen/);
    expect(() => parseConfig({ operator: { token: 'short secret' } }, repoRoot)).toThrow(ConfigError);
    expect(() => parseConfig({ operator: { token: 'short secret' } }, repoRoot)).toThrow(/operator\.token = \(not shown\)/);
  });
});
