import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { builtFile } from '../built-file.js';

// Herald's worker threads can start as the process starts, before the main thread loads its modules: a
// worker's own module loading (a quarter of a second) then runs on another core while the main thread
// loads, instead of after it, when the main thread already parses. A pool takes such a worker with
// `takeEarlyWorker`, with the messages it sent before anyone listened; `stopEarlyWorkers` ends those
// nobody took (a posts folder too small for parse workers).

export const PARSE_WORKER_URL = builtFile('content/parse-worker.js');
export const RENDER_WORKER_URL = builtFile('content/render-worker.js');

/** How many parse workers a full load starts: one per core besides the main thread's, which parses too. */
export function parseWorkerCount(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

/** How many render workers a machine gets: one on two cores or fewer, else two. */
export function renderWorkerCount(): number {
  return os.availableParallelism() > 2 ? 2 : 1;
}

/** A worker started before its pool, and what it said meanwhile. */
export interface EarlyWorker {
  readonly worker: Worker;
  readonly messages: readonly unknown[];
}

interface Waiting extends EarlyWorker {
  readonly messages: unknown[];
  readonly forget: () => void;
}

const waiting = new Map<string, Waiting[]>();

function startEarlyWorker(url: URL): void {
  const list = waiting.get(url.href) ?? [];
  waiting.set(url.href, list);
  const worker = new Worker(url);
  const messages: unknown[] = [];
  const keep = (message: unknown) => messages.push(message);
  // A worker that fails before a pool takes it is left out; the pool starts its own.
  const drop = () => {
    const at = list.findIndex((item) => item.worker === worker);
    if (at >= 0) list.splice(at, 1);
  };
  worker.on('message', keep);
  worker.on('error', drop);
  worker.on('exit', drop);
  worker.unref();
  list.push({ worker, messages, forget: () => worker.off('message', keep).off('error', drop).off('exit', drop) });
}

/** Starts the parse and render workers a server start-up uses, unreferenced (they keep no process alive). */
export function startEarlyWorkers(): void {
  for (let n = 0; n < parseWorkerCount(); n++) startEarlyWorker(PARSE_WORKER_URL);
  for (let n = 0; n < renderWorkerCount(); n++) startEarlyWorker(RENDER_WORKER_URL);
}

/** A worker of `url` started early, no longer listened to here (attach listeners now, then replay its messages). */
export function takeEarlyWorker(url: URL): EarlyWorker | undefined {
  const item = waiting.get(url.href)?.shift();
  if (!item) return undefined;
  item.forget();
  return { worker: item.worker, messages: item.messages };
}

/** Terminates the early workers no pool took. */
export async function stopEarlyWorkers(): Promise<void> {
  const left = [...waiting.values()].flat();
  waiting.clear();
  await Promise.all(left.map(async (item) => {
    item.forget();
    await item.worker.terminate();
  }));
}
