import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Herald } from '../../src/compose.js';
import { FakeClock, fixtureHerald } from '../helpers.js';

// What the proxy in front of Herald does to each exchange.
type Mode = 'pass' | 'strip-validators' | 'no-304' | 'challenge' | 'redirect' | 'wrong-type' | 'rewrite' | 'hang';

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
const close = (server: Server) => new Promise<void>((resolve) => {
  server.closeAllConnections();
  server.close(() => resolve());
});

const CHALLENGE = '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser before accessing the site.</body></html>';

let mode: Mode = 'pass';
let upstream = 0;
const seen: IncomingMessage['headers'][] = [];
const clock = new FakeClock(new Date('2024-06-01T00:00:00Z'));
const TIMEOUT_MS = 2000;

// A proxy that forwards to Herald and misbehaves as `mode` says, as a CDN in front might.
function proxy(req: IncomingMessage, res: ServerResponse): void {
  seen.push(req.headers);
  if (mode === 'hang') return clock.advance(TIMEOUT_MS + 1);
  if (mode === 'challenge') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8', 'Cache-Control': 'no-store' }).end(CHALLENGE);
  if (mode === 'redirect') return void res.writeHead(301, { Location: `/moved${req.url}` }).end();
  const headers = { ...req.headers };
  if (mode === 'no-304') {
    delete headers['if-none-match'];
    delete headers['if-modified-since'];
  }
  if (mode === 'rewrite') delete headers['accept-encoding'];
  const forward = httpRequest({ host: '127.0.0.1', port: upstream, method: req.method, path: req.url, headers }, (answer) => {
    const out = { ...answer.headers };
    if (mode === 'strip-validators') {
      delete out.etag;
      delete out['last-modified'];
    }
    if (mode === 'wrong-type') out['content-type'] = 'text/plain; charset=utf-8';
    if (mode !== 'rewrite' || answer.statusCode !== 200) {
      res.writeHead(answer.statusCode ?? 502, out);
      return void answer.pipe(res);
    }
    // An "optimising" proxy that injects a comment into every body.
    const chunks: Buffer[] = [];
    answer.on('data', (chunk: Buffer) => chunks.push(chunk));
    answer.on('end', () => {
      const body = Buffer.from(Buffer.concat(chunks).toString('utf8').replace(/^(<\?xml[^>]*\?>)?/, '$1<!-- optimised -->'));
      delete out['content-length'];
      res.writeHead(200, { ...out, 'Content-Length': body.length }).end(body);
    });
  });
  forward.on('error', () => res.writeHead(502).end());
  req.pipe(forward);
}

let herald: Herald;
let front: Server;
let origin: Server;

beforeAll(async () => {
  front = createServer(proxy);
  const port = await listen(front);
  herald = await fixtureHerald({ server: { publicUrl: `http://127.0.0.1:${port}` }, probe: { enabled: true, maxUrls: 4, timeoutMs: TIMEOUT_MS } }, clock);
  origin = createServer(herald.handler);
  upstream = await listen(origin);
});

afterAll(async () => {
  await Promise.all([close(front), close(origin)]);
});

// One run behind the proxy in `as`; what /status says of it.
async function probeBehind(as: Mode) {
  mode = as;
  seen.length = 0;
  await herald.probe!.run();
  const status = await request(herald.handler).get('/status').expect(200);
  return status.body as { reasons: string[]; probe: { probe: string; status: string; totals: { urls: number; requests: number; problems: number }; urls: Array<{ url: string; format: string; statuses: Array<number | null>; problems: Array<{ kind: string; message: string }> }> } };
}

const kinds = (status: Awaited<ReturnType<typeof probeBehind>>) => [...new Set(status.probe.urls.flatMap((url) => url.problems.map((problem) => problem.kind)))].sort();

describe('the outside-in probe', () => {
  it('is off by default, and says so at /status', async () => {
    const plain = await fixtureHerald();
    expect(plain.probe).toBeUndefined();
    const status = await request(plain.handler).get('/status').expect(200);
    expect(status.body.probe).toEqual({ probe: 'off' });
  });

  it('says pending before its first run', async () => {
    const status = await request(herald.handler).get('/status').expect(200);
    expect(status.body.probe).toEqual({ probe: 'pending' });
  });

  it('reports nothing behind a proxy that passes everything through, and asks as a reader does', async () => {
    const status = await probeBehind('pass');
    expect(status.probe.status).toBe('ok');
    expect(kinds(status)).toEqual([]);
    expect(status.reasons.some((reason) => reason.includes('probe'))).toBe(false);
    // The site's feed in each format, then a sample of the others, each fetched and then asked again conditionally.
    const urls = status.probe.urls.map((url) => url.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, ''));
    expect(urls.slice(0, 3).sort()).toEqual(['/atom.xml', '/feed.json', '/feed.xml']);
    expect(urls).toHaveLength(4);
    expect(urls[3]).toMatch(/^\/(categories|tags|authors)\/[^/]+\/(feed\.xml|atom\.xml|feed\.json)$/);
    expect(status.probe.urls.every((url) => url.statuses.join() === '200,304')).toBe(true);
    expect(status.probe.totals).toEqual({ urls: 4, requests: 8, problems: 0 });
    expect(seen).toHaveLength(8);
    for (const headers of seen) {
      expect(headers['accept-encoding']).toBe('gzip, br');
      expect(headers['user-agent']).toMatch(/^Mozilla\/5\.0 \(compatible; HeraldProbe/);
    }
    const conditional = seen.filter((headers) => headers['if-none-match'] !== undefined);
    expect(conditional).toHaveLength(4);
    for (const headers of conditional) {
      expect(headers['if-none-match']).toMatch(/^"[A-Za-z0-9_-]{27}(-gz|-br)?"$/);
      expect(new Date(headers['if-modified-since']!).getTime()).toBeGreaterThan(0);
    }
  });

  it('reports a proxy that strips ETag and Last-Modified', async () => {
    const status = await probeBehind('strip-validators');
    expect(kinds(status)).toEqual(['etag-missing', 'last-modified-missing']);
    expect(status.probe.urls.every((url) => url.statuses.join() === '200')).toBe(true);
    expect(status.reasons).toContain(`the probe found ${status.probe.totals.problems} problem(s) at the public feed URLs (a CDN or proxy in front): see details.probe`);
  });

  it('reports a proxy that answers 200 to a conditional request whose validator is current', async () => {
    const status = await probeBehind('no-304');
    expect(kinds(status)).toEqual(['no-304']);
    expect(status.probe.urls[0]!.problems[0]!.message).toMatch(/If-None-Match: "[^"]+".*got a 200/);
  });

  it('reports an HTML challenge page in place of the feed', async () => {
    const status = await probeBehind('challenge');
    expect(kinds(status)).toEqual(['content-type', 'etag-missing', 'last-modified-missing', 'not-a-feed']);
    const rss = status.probe.urls.find((url) => url.url.endsWith('/feed.xml'))!;
    expect(rss.problems.find((problem) => problem.kind === 'not-a-feed')!.message).toBe('the body is not a RSS document but an HTML page titled "Just a moment..."');
    expect(rss.problems.find((problem) => problem.kind === 'content-type')!.message).toContain('"text/html; charset=UTF-8"');
  });

  it('reports a redirect and where it goes', async () => {
    const status = await probeBehind('redirect');
    expect(kinds(status)).toEqual(['redirect']);
    const rss = status.probe.urls.find((url) => url.url.endsWith('/feed.xml'))!;
    expect(rss.problems[0]!.message).toBe(`301 redirect to ${rss.url.replace(/\/feed\.xml$/, '/moved/feed.xml')}: readers may follow it, or keep polling the old URL`);
  });

  it('reports a wrong Content-Type', async () => {
    const status = await probeBehind('wrong-type');
    expect(kinds(status)).toEqual(['content-type']);
    const json = status.probe.urls.find((url) => url.url.endsWith('/feed.json'))!;
    expect(json.problems[0]!.message).toBe('Content-Type "text/plain; charset=utf-8", where Herald sends "application/feed+json; charset=utf-8"');
  });

  it('reports a body that differs from what Herald serves at the URL', async () => {
    const status = await probeBehind('rewrite');
    const xml = status.probe.urls.filter((url) => url.format !== 'json');
    expect(xml.length).toBeGreaterThan(0);
    for (const url of xml) expect(url.problems.map((problem) => problem.kind)).toEqual(['body-differs']);
  });

  it('gives up on a URL that does not answer within probe.timeoutMs', async () => {
    const status = await probeBehind('hang');
    expect(kinds(status)).toEqual(['timeout']);
    expect(status.probe.urls[0]!.problems[0]!.message).toBe(`no complete answer within ${TIMEOUT_MS} ms`);
    expect(status.probe.urls.every((url) => url.statuses.join() === '')).toBe(true);
  });

  it('counts the URLs with each kind of problem in /metrics', async () => {
    await probeBehind('strip-validators');
    const metrics = await request(herald.handler).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/^herald_probe_problems\{kind="etag-missing"\} 4$/m);
    expect(metrics.text).toMatch(/^herald_probe_problems\{kind="no-304"\} 0$/m);
    expect(metrics.text).toMatch(/^herald_probe_duration_seconds \d/m);
  });
});
