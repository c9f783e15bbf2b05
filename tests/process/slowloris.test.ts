import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtures } from '../helpers.js';
import { start, stop } from './server.js';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(path.join(os.tmpdir(), 'herald-slowloris-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

// A connection that sends one header line every `everyMs` and never ends its headers; resolves with what it was sent back.
function slowloris(port: number, everyMs: number): { closed: Promise<string>; lines: () => number } {
  const socket = net.connect(port, '127.0.0.1');
  let lines = 0;
  let answer = '';
  socket.on('data', (chunk) => (answer += chunk));
  socket.on('error', () => {});
  socket.once('connect', () => socket.write('GET /feed.xml HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
  const timer = setInterval(() => {
    lines++;
    socket.write(`X-Line-${lines}: a\r\n`);
  }, everyMs);
  const closed = new Promise<string>((resolve) =>
    socket.once('close', () => {
      clearInterval(timer);
      resolve(answer);
    }),
  );
  return { closed, lines: () => lines };
}

describe('a slowloris connection (issue 15)', () => {
  it('is answered 408 and closed soon after server.headersTimeoutMs, not at Node’s 30 s check', async () => {
    await writeFile(path.join(dir, 'herald.yml'), 'server:\n  headersTimeoutMs: 400\n');
    const server = await start({ HERALD_CONFIG: path.join(dir, 'herald.yml'), POSTS_DIR: path.join(fixtures, 'posts') });
    try {
      const lorises = [slowloris(server.port, 50), slowloris(server.port, 50)];
      const answers = await Promise.all(lorises.map((loris) => loris.closed));
      for (const answer of answers) expect(answer).toMatch(/^HTTP\/1.1 408 /);
      // Closed after the time-out (at least 6 header lines of 50 ms were sent) and well before Node's
      // default 30 s check would have come (600 lines); the check runs every 40 ms here.
      for (const loris of lorises) expect(loris.lines()).toBeGreaterThanOrEqual(6);
      for (const loris of lorises) expect(loris.lines()).toBeLessThan(100);
      expect((await fetch(`http://127.0.0.1:${server.port}/feed.xml`)).status).toBe(200);
    } finally {
      await stop(server);
    }
  });

  it('refuses a server.headersTimeoutMs over the request time-out, naming the key', async () => {
    await writeFile(path.join(dir, 'herald.yml'), 'server:\n  headersTimeoutMs: 60000\n');
    await expect(start({ HERALD_CONFIG: path.join(dir, 'herald.yml') })).rejects.toThrow(/server\.headersTimeoutMs = 60000 is invalid/);
  });
});
