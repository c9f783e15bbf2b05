import { rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtures } from '../helpers.js';
import { folderWithBigFile, start, stop } from './server.js';

// Far larger than the socket buffers, so most of it waits in Herald while the client does not read.
const BIG = 16 * 1024 * 1024;
let dir: string;

beforeEach(async () => {
  dir = await folderWithBigFile('herald-send-', BIG);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

// Asks for the big file on a connection that closes after it; `closed` resolves with the bytes read.
function reader(port: number): { socket: net.Socket; closed: Promise<number> } {
  const socket = net.connect(port, '127.0.0.1');
  let received = 0;
  socket.on('data', (chunk: Buffer) => (received += chunk.length));
  socket.on('error', () => {});
  socket.write('GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
  return { socket, closed: new Promise((resolve) => socket.once('close', () => resolve(received))) };
}

describe('a client that stops reading a response (issue 15)', () => {
  it('is cut after server.sendTimeoutMs without progress and counted in /metrics; a slow but steady reader is not', async () => {
    await writeFile(path.join(dir, 'herald.yml'), 'server:\n  sendTimeoutMs: 400\n');
    const server = await start({ HERALD_CONFIG: path.join(dir, 'herald.yml'), STATIC_DIR: path.join(dir, 'static'), POSTS_DIR: path.join(fixtures, 'posts') });
    try {
      const stopped = reader(server.port);
      stopped.socket.once('data', () => stopped.socket.pause());
      // A reader taking one chunk every 10 ms (at most 64 KiB: about 6 MB/s) makes progress all along.
      const steady = reader(server.port);
      let paced = true;
      steady.socket.on('data', () => {
        if (!paced) return;
        steady.socket.pause();
        setTimeout(() => steady.socket.resume(), 10);
      });
      const cuts = async () => Number(/herald_send_timeouts_total (\d+)\n/.exec(await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text())?.[1]);
      for (let round = 0; round < 300 && (await cuts()) === 0; round++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await cuts()).toBe(1);
      // A paused socket does not see its end: reading again, the stopped client gets what was in flight, then the close.
      stopped.socket.resume();
      expect(await stopped.closed).toBeLessThan(BIG);
      // The steady reader is still being served when the stopped one is cut, and reads to the end.
      expect(steady.socket.destroyed).toBe(false);
      expect(await steady.closed).toBeGreaterThan(BIG);
      paced = false;
      expect(await cuts()).toBe(1);
    } finally {
      await stop(server);
    }
  });

  it('refuses a server.sendTimeoutMs under 100, naming the key', async () => {
    await writeFile(path.join(dir, 'herald.yml'), 'server:\n  sendTimeoutMs: 5\n');
    await expect(start({ HERALD_CONFIG: path.join(dir, 'herald.yml') })).rejects.toThrow(/server\.sendTimeoutMs = 5 is invalid/);
  });
});
