import type { BigIntStats } from 'node:fs';
import { constants, lstatSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { builtFile } from '../built-file.js';

/** What a load reads of a file's status: its type, and what its version and times are made of. */
export type FileStatus = Pick<BigIntStats, 'isSymbolicLink' | 'isFile' | 'isDirectory' | 'ino' | 'size' | 'mtimeNs' | 'ctimeNs'>;

/**
 * The status of the `at`th file looked at, made when asked (a look keeps five integers a file, not an
 * object); undefined for one that could not be looked at: the load looks at it itself, and meets the error.
 */
export type Looks = (at: number) => FileStatus | undefined;

/**
 * Looks at (lstat) files from another thread while this one does other work; resolves with their status
 * by position, or undefined when no worker could do it.
 */
export type LookAhead = (files: readonly string[]) => Promise<Looks | undefined>;

/** The fields a look sends back per file, as 64-bit integers: mode (0 when lstat failed), inode, size, mtime and ctime in ns. */
export const LOOK_FIELDS = 5;

const LOOK_AHEAD_WORKER_URL = builtFile('content/look-ahead-worker.js');

// A file's status from the five integers a look sent (its type tests on the prototype: 100,000 at a restart).
class LookedStatus implements FileStatus {
  constructor(
    private readonly mode: number,
    readonly ino: bigint,
    readonly size: bigint,
    readonly mtimeNs: bigint,
    readonly ctimeNs: bigint,
  ) {}

  isSymbolicLink(): boolean {
    return this.mode === constants.S_IFLNK;
  }

  isFile(): boolean {
    return this.mode === constants.S_IFREG;
  }

  isDirectory(): boolean {
    return this.mode === constants.S_IFDIR;
  }
}

/**
 * lstat of each file, kept as LOOK_FIELDS integers a file (a mode of 0 where lstat failed): what a
 * look-ahead worker sends back, and what a look on this thread keeps rather than 100,000 Stats objects.
 */
export function lookAt(files: readonly string[], lstat: typeof lstatSync = lstatSync): BigInt64Array<ArrayBuffer> {
  const looks = new BigInt64Array(files.length * LOOK_FIELDS);
  for (const [at, file] of files.entries()) {
    try {
      const stat = lstat(file, { bigint: true });
      looks.set([stat.mode, stat.ino, stat.size, stat.mtimeNs, stat.ctimeNs], at * LOOK_FIELDS);
    } catch {
      // Left at 0: the load looks at this file itself and meets the error.
    }
  }
  return looks;
}

/** The Looks of `count` files from what lookAt made of them (undefined when it is not theirs). */
export function looksOf(looks: BigInt64Array, count: number): Looks | undefined {
  return looks.length === count * LOOK_FIELDS ? (at) => (at < count ? statusAt(looks, at) : undefined) : undefined;
}

function statusAt(looks: BigInt64Array, at: number): FileStatus | undefined {
  const base = at * LOOK_FIELDS;
  const mode = Number(looks[base]!) & constants.S_IFMT;
  return mode === 0 ? undefined : new LookedStatus(mode, looks[base + 1]!, looks[base + 2]!, looks[base + 3]!, looks[base + 4]!);
}

/**
 * lstat of each file in a worker thread, the results sent back as one transferred array: at 100,000 posts
 * the lstat calls take 0.6 s, which a restart spends reading its post index on this thread meanwhile.
 */
export const lookAheadInWorker: LookAhead = (files) =>
  new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(LOOK_AHEAD_WORKER_URL);
    } catch {
      return resolve(undefined);
    }
    worker.unref();
    const settle = (looks: BigInt64Array | undefined) => {
      resolve(looks && looksOf(looks, files.length));
      void worker.terminate();
    };
    worker.once('message', (looks: BigInt64Array) => settle(looks));
    worker.once('error', () => settle(undefined));
    worker.once('exit', () => settle(undefined));
    worker.postMessage(files);
  });
