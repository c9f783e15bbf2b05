import { close, open, read } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { READ_AHEAD_BYTES, READ_AHEAD_OPEN, type ReadAheadDone, type ReadAheadMessage } from './read-ahead.js';

// A read-ahead worker: reads the files of a full load into the page cache before the parse reads them
// (content/read-ahead.ts). Its own event loop keeps DEPTH reads in libuv's thread pool while the parse
// threads are busy with theirs.

/** Reads queued at once (libuv's pool runs four at a time by default): enough that none of its threads waits for this one. */
const DEPTH = 16;

let stopped = false;

// Opens, reads and closes `file` into `buffer`, calling `done` whatever happens.
function readInto(file: string, buffer: Buffer, done: () => void): void {
  open(file, READ_AHEAD_OPEN, (error, fd) => {
    if (error) return done();
    read(fd, buffer, 0, buffer.length, 0, () => close(fd, () => done()));
  });
}

function readAll(files: readonly string[]): void {
  let next = 0;
  let running = DEPTH;
  const chain = (buffer: Buffer) => {
    const file = stopped || next >= files.length ? undefined : files[next++];
    if (file !== undefined) return readInto(file, buffer, () => chain(buffer));
    if (--running > 0) return;
    parentPort!.postMessage({ read: next } satisfies ReadAheadDone);
    parentPort!.close();
  };
  for (let n = 0; n < DEPTH; n++) chain(Buffer.allocUnsafe(READ_AHEAD_BYTES));
}

parentPort!.on('message', (message: ReadAheadMessage) => {
  if ('stop' in message) stopped = true;
  else readAll(message.files);
});
