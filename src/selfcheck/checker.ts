import { Worker } from 'node:worker_threads';
import { builtFile } from '../built-file.js';
import type { Feed } from '../model/feed.js';
import type { Finding } from '../validate/index.js';
import type { DocumentJob, DocumentResult, FeedJob, FeedResult } from './check-document.js';

/**
 * The three formats of one feed's first page to compare: their bytes (UTF-8), decoded where they are
 * compared, so the thread that sends them makes no string of a whole document; or text.
 */
export interface AgreementTexts {
  readonly rss: string | Uint8Array;
  readonly atom: string | Uint8Array;
  readonly json: string | Uint8Array;
}

/** A message to the worker. */
export type CheckRequest = { readonly id: number } & CheckBody;
type CheckBody =
  | { readonly type: 'document'; readonly job: DocumentJob }
  // A feed job without its model is one for the model of the job before it (another view of one document).
  | { readonly type: 'feed'; readonly job: Omit<FeedJob, 'feed'> & { readonly feed?: Feed } }
  | { readonly type: 'agreement'; readonly texts: AgreementTexts };

/** The worker's answer: the result or the error's message, and how long the check took in the worker. */
export type CheckReply = { readonly id: number; readonly ms: number } & ({ readonly result: DocumentResult | FeedResult } | { readonly error: string });

/**
 * A feed document to render and check: its model is built by `model` when the checker needs it, and jobs
 * of one `document` (its views, one after the other) share one model.
 */
export type FeedRequest = Omit<FeedJob, 'feed'> & { readonly document: string; readonly model: () => Feed };

/**
 * Where the checks of one run happen; `busyMs` is the time spent checking (and rendering the feed
 * documents sent as models), `close` ends the run's resources.
 */
export interface Checker {
  document(job: DocumentJob): Promise<DocumentResult>;
  feed(job: FeedRequest): Promise<FeedResult>;
  agreement(texts: AgreementTexts): Promise<Finding[]>;
  readonly busyMs: number;
  readonly where: 'worker' | 'main thread';
  close(): Promise<void>;
}

/**
 * Checks on the calling thread (tests, and `validation.worker: false`). The validator (and rss-parser, parse5)
 * is imported at the first check, so a server that checks in a worker never loads it on this thread.
 */
export function inThreadChecker(): Checker {
  let busy = 0;
  // The last model built, for the other views of its document.
  let last: { document: string; feed: Feed } | undefined;
  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      busy += performance.now() - started;
    }
  };
  return {
    document: (job) => timed(async () => (await import('./check-document.js')).checkDocument(job)),
    feed: ({ document, model, ...job }) => {
      if (last?.document !== document) last = { document, feed: model() };
      const feed = last.feed;
      return timed(async () => (await import('./check-document.js')).checkFeed({ ...job, feed }));
    },
    agreement: (texts) => timed(async () => (await import('./cross-format.js')).checkAgreement(texts)),
    get busyMs() {
      return busy;
    },
    where: 'main thread',
    close: async () => {},
  };
}

// Built, the worker is dist/selfcheck/check-worker.js; run from source (tests, tsx), it is the .ts file,
// loaded through tsx's loader, registered in the worker before the import.
function startWorker(maxHeapMb: number): Worker {
  const here = import.meta.url;
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMb };
  if (!here.endsWith('.ts')) return new Worker(builtFile('selfcheck/check-worker.js'), { resourceLimits });
  const source = new URL('./check-worker.ts', here).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true, resourceLimits });
}

/**
 * Checks in a worker thread (node:worker_threads) started for one run and ended by `close`, so the
 * validator's memory is given back between runs, and renders the feed documents sent as models there: the
 * main thread builds models and sends them, and renders only the site documents and post pages.
 * A worker that dies fails the checks under way and the rest of the run.
 */
export function workerChecker(maxHeapMb = 256): Checker {
  const worker = startWorker(maxHeapMb);
  const waiting = new Map<number, { resolve: (result: DocumentResult | FeedResult) => void; reject: (error: Error) => void }>();
  let next = 0;
  let busy = 0;
  let failure: Error | undefined;
  // The document of the last model sent: the worker keeps that model, so the views of one document send it once.
  let lastDocument: string | undefined;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  worker.on('message', (reply: CheckReply) => {
    busy += reply.ms;
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if ('error' in reply) pending?.reject(new Error(`self-validation worker: ${reply.error}`));
    else pending?.resolve(reply.result);
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`self-validation worker exited (${code})`)));
  const send = (request: CheckBody): Promise<DocumentResult | FeedResult> => {
    if (failure) return Promise.reject(failure);
    const id = next++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  };
  return {
    document: (job) => send({ type: 'document', job }),
    // The model is built only for the first view of a document, and dropped once sent (the worker keeps it).
    feed: async ({ document, model, ...job }) => {
      // Built before `lastDocument` moves on: a model that throws is never taken for the last one sent.
      const request = document === lastDocument ? job : { ...job, feed: model() };
      lastDocument = document;
      return (await send({ type: 'feed', job: request })) as FeedResult;
    },
    agreement: async (texts) => (await send({ type: 'agreement', texts })).findings,
    get busyMs() {
      return busy;
    },
    where: 'worker',
    close: async () => {
      failure ??= new Error('self-validation worker closed');
      await worker.terminate();
    },
  };
}
