import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { checkDocument } from './check-document.js';
import { checkAgreement } from './cross-format.js';
import type { CheckRequest, CheckReply } from './checker.js';

// The worker thread of self-validation: checks documents sent as bytes, one message each, and says what it cost.
const port = parentPort;
if (!port) throw new Error('check-worker.js runs as a worker thread');
// The checks yield the cores to serving: this thread's nice value goes to 19, so while requests want the
// CPU a run waits, and when they do not it runs at full speed. On Linux a nice value is a thread's own
// (setpriority with pid 0 sets the calling thread's); elsewhere it is the process's, so it is left alone.
if (process.platform === 'linux') setPriority(19);
port.on('message', (request: CheckRequest) => {
  const started = performance.now();
  const work = request.type === 'document' ? checkDocument(request.job) : checkAgreement(request.texts).then((findings) => ({ findings, links: [] }));
  work.then(
    (result) => port.postMessage({ id: request.id, result, ms: performance.now() - started } satisfies CheckReply),
    (error: unknown) => port.postMessage({ id: request.id, error: (error as Error).message ?? String(error), ms: performance.now() - started } satisfies CheckReply),
  );
});
