import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { renderKramdown } from '../jekyll/kramdown/markdown.js';
import { htmlToText, markdownToHtml, sanitize } from './markdown.js';
import { htmlparser2, markdownIt, markdownItAbbr, markdownItAttrs, markdownItDeflist, markdownItFootnote, sanitizeHtml } from './lazy-modules.js';
import type { RenderResult, RenderTask } from './render-task.js';
import { stripForbiddenXmlChars } from './xml-chars.js';

// A render worker: converts and sanitises post bodies for the render pool, one message at a time.

// The pool's background worker (a self-validation run's bodies) yields the cores to serving: nice 19, on
// Linux this thread's own (elsewhere it would be the process's, so it is left alone).
if ((workerData as { background?: boolean } | null)?.background && process.platform === 'linux') setPriority(19);

function convert(task: RenderTask, source: string): string {
  if (task.format === 'html') return source;
  const html = task.kramdown ? renderKramdown(source, task.kramdown) : markdownToHtml(source);
  if (task.maxChars !== undefined && html.length > task.maxChars) throw new Error(`the post's HTML is over ${task.maxChars} characters`);
  return html;
}

parentPort!.on('message', ({ id, task }: { id: number; task: RenderTask }) => {
  try {
    const result: RenderResult = {
      html: sanitize(convert(task, task.source), task.url),
      ...(task.summarySource === undefined ? {} : { summary: htmlToText(stripForbiddenXmlChars(convert(task, task.summarySource))) }),
    };
    parentPort!.postMessage({ id, result });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message });
  }
});

// The libraries the other threads load on first use, loaded before the first body is sent.
for (const load of [markdownIt, markdownItAbbr, markdownItAttrs, markdownItDeflist, markdownItFootnote, sanitizeHtml, htmlparser2]) load();

// Loaded: the pool starts a task's budget only now, so start-up is not counted against the first post.
parentPort!.postMessage({ ready: true });
