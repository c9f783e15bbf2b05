import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { checkDocument, checkFeed, type DocumentResult, type FeedResult } from './check-document.js';
import { checkAgreement } from './cross-format.js';
import type { CheckRequest, CheckReply } from './checker.js';
import type { Feed } from '../model/feed.js';

// The worker thread of self-validation: checks documents sent as bytes, and renders and checks feed
// documents sent as models, one message each, and says what it cost.
const port = parentPort;
if (!port) throw new Error('check-worker.js runs as a worker thread');
// The checks yield the cores to serving: this thread's nice value goes to 19, so while requests want the
// CPU a run waits, and when they do not it runs at full speed. On Linux a nice value is a thread's own
// (setpriority with pid 0 sets the calling thread's); elsewhere it is the process's, so it is left alone.
if (process.platform === 'linux') setPriority(19);
// A feed's bytes go back to the main thread moved, not copied, when their memory is theirs alone (a
// small Buffer lies in Node's shared pool, which must not be moved).
function movable(result: DocumentResult | FeedResult): ArrayBuffer[] {
  const body = 'body' in result ? result.body : undefined;
  return body && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? [body.buffer as ArrayBuffer] : [];
}

// The model of the last feed job, for the next job that comes without one (another view of the same document).
let lastFeed: Feed | undefined;

port.on('message', (request: CheckRequest) => {
  const started = performance.now();
  if (request.type === 'feed') lastFeed = request.job.feed ?? lastFeed;
  const work: Promise<DocumentResult | FeedResult> =
    request.type === 'document' ? checkDocument(request.job)
    : request.type === 'feed' ? (lastFeed ? checkFeed({ ...request.job, feed: lastFeed }) : Promise.reject(new Error('a feed job without a model came first')))
    : checkAgreement(request.texts).then((findings) => ({ findings, links: [] }));
  work.then(
    (result) => port.postMessage({ id: request.id, result, ms: performance.now() - started } satisfies CheckReply, movable(result)),
    (error: unknown) => port.postMessage({ id: request.id, error: (error as Error).message ?? String(error), ms: performance.now() - started } satisfies CheckReply),
  );
});
