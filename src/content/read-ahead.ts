import { closeSync, constants, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { builtFile } from '../built-file.js';

/** A message to the read-ahead worker: the files to read, in the order they will be parsed, or stop. */
export type ReadAheadMessage = { readonly files: readonly string[] } | { readonly stop: true };

/** What the read-ahead worker says as it ends: how many files it read. */
export interface ReadAheadDone {
  readonly read: number;
}

/** Starts reading files ahead of a full load; returns the function that stops it. */
export type ReadAhead = (files: readonly string[]) => () => void;

/** The bytes read ahead of each file: a post longer than this is read ahead in part. */
export const READ_AHEAD_BYTES = 64 * 1024;

/**
 * How files are opened to be read ahead: a named pipe or a device among the posts (the parse reports
 * those) must not block the open, or the thread that opened it would wait for a writer for good.
 */
export const READ_AHEAD_OPEN = constants.O_RDONLY | constants.O_NONBLOCK;

/** The files read one by one first, to tell a disk from the page cache. */
const PROBE = 24;
/** A read taking less than this (µs, the median of the probe's) came from the page cache. */
const CACHED_US = 60;

const READ_AHEAD_WORKER_URL = builtFile('content/read-ahead-worker.js');

// How long reading a file's first bytes takes here, in µs (a file that cannot be read: the parse reports it).
function readTime(file: string, buffer: Buffer): number {
  const started = performance.now();
  try {
    const fd = openSync(file, READ_AHEAD_OPEN);
    try {
      readSync(fd, buffer, 0, buffer.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Timed all the same.
  }
  return (performance.now() - started) * 1000;
}

/**
 * Reads `files` into the page cache from a worker thread, so the parse's synchronous reads (one file at a
 * time per thread) find them in memory instead of each waiting on the disk: 10,000 posts on a cold cache
 * take 1.3 s read one by one and 0.55 s sixteen at a time. The first files are read here, timed: when
 * they come from memory (~15 µs each, against ~120 µs from this machine's disk), no worker starts.
 */
export const readAheadInWorker: ReadAhead = (files) => {
  const buffer = Buffer.allocUnsafe(READ_AHEAD_BYTES);
  const times = files.slice(0, PROBE).map((file) => readTime(file, buffer)).sort((a, b) => a - b);
  if ((times[times.length >> 1] ?? 0) < CACHED_US) return () => {};
  const worker = readAheadWorker(files.slice(PROBE));
  return () => worker.postMessage({ stop: true } satisfies ReadAheadMessage);
};

/** A worker reading `files` ahead, unreferenced; it ends when it has read them all or is sent `stop`. */
export function readAheadWorker(files: readonly string[]): Worker {
  const worker = new Worker(READ_AHEAD_WORKER_URL);
  worker.unref();
  // A worker that cannot start leaves the parse to wait on the disk as before.
  worker.on('error', () => {});
  worker.postMessage({ files } satisfies ReadAheadMessage);
  return worker;
}
