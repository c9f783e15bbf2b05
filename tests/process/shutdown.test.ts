import { rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtures } from '../helpers.js';
import { folderWithBigFile, start } from './server.js';

// Far larger than the socket buffers, so the response is still being written when SIGTERM comes.
const BIG = 24 * 1024 * 1024;
let dir: string;

beforeEach(async () => {
  dir = await folderWithBigFile('herald-shutdown-', BIG);
});

afterEach(() => rm(dir, { recursive: true, force: true }));

async function serverWith(shutdownTimeoutMs: number) {
  await writeFile(path.join(dir, 'herald.yml'), `server:\n  shutdownTimeoutMs: ${shutdownTimeoutMs}\n`);
  return start({ HERALD_CONFIG: path.join(dir, 'herald.yml'), STATIC_DIR: path.join(dir, 'static'), POSTS_DIR: path.join(fixtures, 'posts') });
}

// A client that asks for the big file and stops reading after the first chunk.
async function slowReader(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let received = 0;
  const firstChunk = new Promise<void>((resolve) =>
    socket.once('data', () => {
      socket.pause();
      resolve();
    }),
  );
  socket.on('data', (chunk: Buffer) => (received += chunk.length));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {});
  socket.write('GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  await firstChunk;
  return { socket, closed, received: () => received };
}

describe('shutdown with a slow client reading a large response (issue 15, item 6)', () => {
  it('lets the response finish after SIGTERM, closes the connection, and exits 0', async () => {
    const server = await serverWith(60_000);
    const client = await slowReader(server.port);
    server.child.kill('SIGTERM');
    // Still paused while Herald handles the signal: the old shutdown destroyed the socket here.
    await new Promise((resolve) => setTimeout(resolve, 300));
    client.socket.resume();
    await client.closed;
    const code = await server.exit;
    // Headers plus every byte of the file.
    expect(client.received()).toBeGreaterThan(BIG);
    expect(code, server.output()).toBe(0);
    expect(server.output()).not.toContain('cut');
  });

  it('exits 1 and says how many responses it cut when they outlast server.shutdownTimeoutMs', async () => {
    const server = await serverWith(200);
    const client = await slowReader(server.port);
    server.child.kill('SIGTERM');
    const code = await server.exit;
    // The paused client never reads the end of its connection; it hangs up itself.
    client.socket.destroy();
    expect(client.received()).toBeLessThan(BIG);
    expect(code, server.output()).toBe(1);
    expect(server.output()).toMatch(/"cut":1\b.*in-flight responses did not finish in time/);
  });
});
