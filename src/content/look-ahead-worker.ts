import { parentPort } from 'node:worker_threads';
import { lookAt } from './look-ahead.js';

// A look-ahead worker: lstat of a full load's files while the main thread reads the post index
// (content/look-ahead.ts); one message of paths, one transferred array of their status back.

parentPort!.once('message', (files: readonly string[]) => {
  const looks = lookAt(files);
  parentPort!.postMessage(looks, [looks.buffer]);
});
