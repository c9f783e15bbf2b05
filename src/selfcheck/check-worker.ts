import { parentPort } from 'node:worker_threads';
import { checkDocument } from './check-document.js';
import { checkAgreement } from './cross-format.js';
import type { CheckRequest, CheckReply } from './checker.js';

// The worker thread of self-validation: checks documents sent as bytes, one message each, and says what it cost.
const port = parentPort;
if (!port) throw new Error('check-worker.js runs as a worker thread');
port.on('message', (request: CheckRequest) => {
  const started = performance.now();
  const work = request.type === 'document' ? checkDocument(request.job) : checkAgreement(request.texts).then((findings) => ({ findings, links: [] }));
  work.then(
    (result) => port.postMessage({ id: request.id, result, ms: performance.now() - started } satisfies CheckReply),
    (error: unknown) => port.postMessage({ id: request.id, error: (error as Error).message ?? String(error), ms: performance.now() - started } satisfies CheckReply),
  );
});
