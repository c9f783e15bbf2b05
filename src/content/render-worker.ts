import { parentPort } from 'node:worker_threads';
import { renderKramdown } from '../jekyll/kramdown/markdown.js';
import { JEKYLL_KRAMDOWN } from '../jekyll/kramdown/options.js';
import { htmlToText, markdownToHtml, sanitize } from './markdown.js';
import { htmlparser2, markdownIt, markdownItAbbr, markdownItAttrs, markdownItDeflist, markdownItFootnote, sanitizeHtml } from './lazy-modules.js';
import type { RenderResult, RenderTask } from './render-task.js';
import { stripForbiddenXmlChars } from './xml-chars.js';

// A render worker: converts and sanitises post bodies for the render pool, one message at a time.

function convert(task: RenderTask, source: string): string {
  if (task.format === 'html') return source;
  const html = task.kramdown ? renderKramdown(source, task.kramdown) : markdownToHtml(source);
  if (task.maxChars !== undefined && html.length > task.maxChars) throw new Error(`the post's HTML is over ${task.maxChars} characters`);
  return html;
}

// A body with most of what kramdown and the sanitiser meet, rendered while the worker has nothing to do:
// the first feed's bodies then run compiled code (50 cold bodies took 215 ms, warm 85 ms).
const WARM_UP = [
  '# A "heading" -- with dashes...', '', 'A paragraph with *emphasis*, **strong**, `code`, [a link](https://example.com/a "title")',
  "and 'quotes', an image ![alt](/img.png) and a footnote.[^1]", '{: .lead}', '', '> A quote', '> over two lines.', '',
  '- one', '- two', '  1. nested', '', '~~~ ruby', 'puts "code"', '~~~', '', 'Term', ': Definition', '',
  '| a | b |', '|---|---|', '| 1 | 2 |', '', '<div markdown="1">', '*HTML* block', '</div>', '', '*[HTML]: HyperText', '',
  '[^1]: The note.',
].join('\n');
const WARM_UP_ROUNDS = 40;
let warmUps = 0;
let served = false;

function warmUp(): void {
  if (served || warmUps++ >= WARM_UP_ROUNDS) return;
  htmlToText(sanitize(renderKramdown(WARM_UP, JEKYLL_KRAMDOWN), 'https://example.com/post/'));
  // One round per turn: a body sent meanwhile is rendered first, and ends the warm-up.
  setImmediate(warmUp);
}

parentPort!.on('message', ({ id, task }: { id: number; task: RenderTask }) => {
  served = true;
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
setImmediate(warmUp);
