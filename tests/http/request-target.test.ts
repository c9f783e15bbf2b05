import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHerald } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { fixtures, repoRoot } from '../helpers.js';

const logged: string[] = [];
let server: http.Server;

beforeAll(async () => {
  const log = pino({ level: 'info' }, { write: (line: string) => void logged.push(line) });
  const config = parseConfig({ paths: { posts: path.join(fixtures, 'posts'), static: path.join(fixtures, 'static') } }, repoRoot);
  const herald = createHerald(config, log);
  await herald.publisher.reload();
  server = http.createServer(herald.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends one request with a raw request line (no client library would send these) and returns the response. */
function rawRequest(method: string, target: string): Promise<string> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    let response = '';
    socket.on('data', (chunk) => (response += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(response));
  });
}

describe('request targets that are not URLs', () => {
  it.each([
    ['GET', 'http://['],
    ['HEAD', 'http://[::1/feed.xml'],
    ['GET', 'http://a:b/feed.xml'],
    ['GET', '//[/feed.xml'],
    ['GET', 'http://%zz/'],
    ['POST', 'http://['],
  ])('%s %s is a 400 with a one-line reason, and nothing is logged as an error', async (method, target) => {
    logged.length = 0;
    const response = await rawRequest(method, target);
    expect(response).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(response).toContain('X-Content-Type-Options: nosniff');
    if (method !== 'HEAD') expect(response).toMatch(/\r\n\r\n400 the request target is not a valid URL\n$/);
    expect(logged.filter((line) => JSON.parse(line).level >= 50)).toEqual([]);
  });

  it('still serves the feeds after them', async () => {
    expect(await rawRequest('GET', '/feed.xml')).toMatch(/^HTTP\/1\.1 200 OK/);
  });
});
