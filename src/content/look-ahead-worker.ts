import { lstatSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { LOOK_FIELDS } from './look-ahead.js';

// A look-ahead worker: lstat of a full load's files while the main thread reads the post index
// (content/look-ahead.ts); one message of paths, one transferred array of their status back.

parentPort!.once('message', (files: readonly string[]) => {
  const looks = new BigInt64Array(files.length * LOOK_FIELDS);
  for (const [at, file] of files.entries()) {
    try {
      const stat = lstatSync(file, { bigint: true });
      looks.set([stat.mode, stat.ino, stat.size, stat.mtimeNs, stat.ctimeNs], at * LOOK_FIELDS);
    } catch {
      // Left at 0: the load looks at this file itself and meets the error.
    }
  }
  parentPort!.postMessage(looks, [looks.buffer]);
});
