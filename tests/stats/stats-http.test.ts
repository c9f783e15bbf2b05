import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Herald } from '../../src/compose.js';
import { FakeClock, fixtureHerald } from '../helpers.js';
import { cast, EXPECTED } from './cast.js';
import { replay, type SimClient } from './traffic.js';

const PATHS = { rss: '/feed.xml', atom: '/atom.xml', json: '/feed.json', tag: '/tags/alpha/feed.xml' };

// Polls through the HTTP handler, each client keeping the ETag it was given (and its address in X-Forwarded-For).
function httpPoller(herald: Herald) {
  const held = new Map<SimClient, string>();
  const statuses = new Map<string, Map<number, number>>();
  const poll = async (client: SimClient) => {
    let call = request(herald.handler).get(client.path).set('User-Agent', client.ua).set('X-Forwarded-For', `10.9.9.9, ${client.address}`);
    const inm = client.validator ?? (client.conditional ? held.get(client) : undefined);
    if (inm !== undefined) call = call.set('If-None-Match', inm);
    const res = await call;
    if (res.status === 200) held.set(client, res.headers.etag as string);
    const byStatus = statuses.get(client.ua) ?? new Map<number, number>();
    statuses.set(client.ua, byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1));
    if (res.status === 429) return { status: 429 as const, retryAfter: Number(res.headers['retry-after']) };
    return res.status as 200 | 304;
  };
  return { poll, statuses };
}

const counts = (herald: Herald, key: string) =>
  Object.fromEntries(herald.stats!.report().feeds.find((feed) => feed.key === key)?.byReader.map((count) => [count.reader, count.subscribers]) ?? []);

describe('stats over HTTP', () => {
  it('counts two replayed days of polls per feed and reader, through the feed handler', async () => {
    const clock = new FakeClock(new Date('2024-06-03T00:00:00Z'));
    const herald = await fixtureHerald({ feeds: { cacheMaxAge: 300 }, stats: { forwardedFor: true } }, clock);
    const { poll } = httpPoller(herald);
    await replay(clock, cast(PATHS, 2 * 86_400), 2 * 86_400 - 60, poll);
    expect(counts(herald, 'site')).toEqual(EXPECTED.site);
    expect(counts(herald, 'tag:alpha')).toEqual(EXPECTED.tag);
    const readers = new Map(herald.stats!.report().readers.map((reader) => [reader.reader, reader]));
    expect(readers.get('vienna')!.invalidValidators).toBe(48);
    expect(readers.get('netnewswire')!.notModifiedShare).toBeCloseTo(95 / 96, 5);
    expect(readers.get('browser')!.subscribers).toBe(0);
  });

  it('answers 429 with Retry-After when polite polling is on, and not to conditional polls', async () => {
    const clock = new FakeClock(new Date('2024-06-03T00:00:00Z'));
    const herald = await fixtureHerald({ feeds: { cacheMaxAge: 300 }, stats: { forwardedFor: true, politePolling: true } }, clock);
    const { poll, statuses } = httpPoller(herald);
    const misbehaving = { ua: 'python-requests/2.31.0', address: '203.0.113.9', path: '/feed.xml', everySeconds: 60, conditional: false };
    const polite = { ua: 'NetNewsWire (RSS Reader; https://netnewswire.com/)', address: '198.51.100.1', path: '/feed.xml', everySeconds: 60, conditional: true };
    await replay(clock, [misbehaving, polite], 1800, poll);
    expect(Object.fromEntries(statuses.get(misbehaving.ua)!)).toEqual({ 200: 6, 429: 24 });
    expect(Object.fromEntries(statuses.get(polite.ua)!)).toEqual({ 200: 1, 304: 29 });
    const again = () => request(herald.handler).get('/feed.xml').set('User-Agent', misbehaving.ua).set('X-Forwarded-For', misbehaving.address);
    expect((await again()).status).toBe(200);
    const res = await again();
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('300');
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('If-None-Match');
    expect(herald.stats!.report().readers.find((reader) => reader.reader === 'other')!.throttled).toBe(25);
  });

  it('tells clients apart by the socket address unless told to trust X-Forwarded-For', async () => {
    const herald = await fixtureHerald({});
    for (const address of ['198.51.100.1', '198.51.100.2']) await request(herald.handler).get('/feed.xml').set('User-Agent', 'Newsboat/2.33').set('X-Forwarded-For', address);
    expect(counts(herald, 'site')).toEqual({ newsboat: 1 });
  });

  it('does not count HTML views, the index or the OPML list', async () => {
    const herald = await fixtureHerald({});
    for (const path of ['/feed.html', '/', '/feeds.opml', '/tags/alpha/feed.html']) await request(herald.handler).get(path).set('User-Agent', 'Newsboat/2.33');
    expect(herald.stats!.report().totals.polls).toBe(0);
  });

  it('serves the figures as JSON at /stats and as a page with Herald\'s HTML security headers at /stats.html', async () => {
    const herald = await fixtureHerald({});
    await request(herald.handler).get('/tags/alpha/atom.xml').set('User-Agent', 'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 7 subscribers)');
    await request(herald.handler).get('/tags/alpha/feed.xml?limit=1&page=2').set('User-Agent', 'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 7 subscribers)');
    const json = await request(herald.handler).get('/stats');
    expect(json.status).toBe(200);
    expect(json.headers['cache-control']).toBe('no-store');
    expect(json.body.feeds).toEqual([expect.objectContaining({ key: 'tag:alpha', label: 'Tag: alpha', path: '/tags/alpha/feed.html', subscribers: 7, reported: 7 })]);
    expect(json.body.readers).toEqual([expect.objectContaining({ reader: 'feedly', polls: 2, subscribers: 7 })]);
    const page = await request(herald.handler).get('/stats.html');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.text).toContain('<a href="/tags/alpha/feed.html">Tag: alpha</a>');
    expect(page.text).toContain('<svg');
  });

  it('keeps /stats and /stats.html for the bearer of operator.token; feeds stay open and are counted', async () => {
    const token = 'operator-token-0123456789';
    const herald = await fixtureHerald({ operator: { token } });
    expect((await request(herald.handler).get('/feed.xml').set('User-Agent', 'Newsboat/2.33')).status).toBe(200);
    for (const path of ['/stats', '/stats.html']) {
      for (const authorization of [undefined, 'Bearer not-the-operator-token', `Basic ${token}`]) {
        const call = request(herald.handler).get(path);
        const res = await (authorization ? call.set('Authorization', authorization) : call);
        expect(res.status, `${path} ${authorization}`).toBe(401);
        expect(res.headers['www-authenticate']).toBe('Bearer realm="herald"');
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.text).not.toContain('Newsboat');
      }
    }
    const json = await request(herald.handler).get('/stats').set('Authorization', `Bearer ${token}`);
    expect(json.status).toBe(200);
    expect(counts(herald, 'site')).toEqual({ newsboat: 1 });
    expect(json.body.feeds[0]).toMatchObject({ key: 'site', subscribers: 1 });
    const page = await request(herald.handler).get('/stats.html').set('Authorization', `bearer ${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<td>Newsboat</td>');
  });

  it('serves /stats and /stats.html on operator.listen only, and counts the polls of the public listener', async () => {
    const herald = await fixtureHerald({ operator: { listen: '127.0.0.1:0' } });
    await request(herald.handler).get('/atom.xml').set('User-Agent', 'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 12 subscribers)');
    for (const path of ['/stats', '/stats.html']) expect((await request(herald.handler).get(path)).status, path).toBe(404);
    const operator = herald.operatorHandler!;
    expect((await request(operator).get('/stats')).body.feeds[0]).toMatchObject({ key: 'site', subscribers: 12, reported: 12 });
    expect((await request(operator).get('/stats.html')).text).toContain('<td>Feedly</td>');
    expect((await request(operator).get('/atom.xml')).status).toBe(404);
    expect(herald.stats!.report().totals.polls).toBe(1);
  });

  it('has no /stats when the stats are off, and counts nothing', async () => {
    const herald = await fixtureHerald({ stats: { enabled: false } });
    expect(herald.stats).toBeUndefined();
    expect((await request(herald.handler).get('/feed.xml')).status).toBe(200);
    expect((await request(herald.handler).get('/stats')).status).toBe(404);
  });
});
