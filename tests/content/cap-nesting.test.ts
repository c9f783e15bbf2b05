import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { capNesting, MAX_HTML_DEPTH, scanNesting } from '../../src/content/cap-nesting.js';
import { sanitize } from '../../src/content/markdown.js';

// The work htmlparser2's Parser (what sanitize-html runs) does: each opening tag shifts every open
// element along its stack, so the sum of the stack's length at each opening tag is its cost.
function parserWork(html: string): { work: number; maxDepth: number } {
  let work = 0;
  let maxDepth = 0;
  const parser: Parser = new Parser({
    onopentagname: () => {
      const depth = (parser as unknown as { stack: string[] }).stack.length;
      work += depth;
      maxDepth = Math.max(maxDepth, depth);
    },
  });
  parser.end(html);
  return { work, maxDepth };
}

const hostile = (n: number) => ['<a>'.repeat(n), '<b>'.repeat(n), '<a href="x"><b>'.repeat(n / 2), '<li><div><span>'.repeat(n / 3)];

describe('sanitising unclosed nested tags costs time linear in their number (issue 15 item 2)', () => {
  it('is quadratic without the cap: four times the tags, sixteen times the work', () => {
    for (const html of hostile(2_000)) {
      const [small, large] = [parserWork(html.slice(0, html.length / 4)), parserWork(html)];
      expect(large.work / small.work).toBeGreaterThan(14);
    }
  });

  it('is linear with it: four times the tags, at most four times the work, and no element deeper than the cap', () => {
    for (const html of hostile(20_000)) {
      const small = parserWork(capNesting(html.slice(0, html.length / 4)));
      const large = parserWork(capNesting(html));
      expect(large.work / small.work).toBeLessThan(4.2);
      expect(large.maxDepth).toBeLessThanOrEqual(MAX_HTML_DEPTH + 1);
    }
  });

  it('models htmlparser2\'s open elements exactly (implied end tags, void, raw-text and foreign elements)', () => {
    const token = fc.constantFrom(
      '<p>', '</p>', '<div>', '</div>', '<li>', '</li>', '<ul>', '<td>', '<tr>', '<table>', '<b>', '</b>', '<a href=">">', '</a>',
      '<br>', '</br>', '<hr>', '<img src=x>', '<svg>', '</svg>', '<b/>', '<title>', '</title>', '<script>', '</script>', '<!--', '-->',
      '<textarea>', '</textarea>', '<math>', '<mi>', '</mi>', '<option>', '<select>', '<dd>', '<dt>', 'text', '<', '>', '"', '<h1>',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (tokens) => {
        for (let end = 1; end <= tokens.length; end++) {
          const prefix = tokens.slice(0, end).join('');
          expect(scanNesting(prefix, 1_000).maxDepth).toBe(parserWork(prefix).maxDepth);
        }
        const capped = capNesting(tokens.join(''), 4);
        // A raw-text element (script, title…) is kept at the cap, and holds only text.
        expect(parserWork(capped).maxDepth).toBeLessThanOrEqual(4 + 1);
      }),
      { numRuns: 150, seed: 15 },
    );
  });

  it('leaves ordinary posts untouched, and keeps the text of what it caps', () => {
    const post = '<p>One <b>bold <i>and <a href="https://example.com/">linked</a></i></b></p><ul><li>a<li>b</ul>';
    expect(capNesting(post)).toBe(post);
    const deep = '<b>'.repeat(MAX_HTML_DEPTH + 50) + 'deep text';
    const html = sanitize(deep, 'https://example.com/');
    let node = parse(html).childNodes[0] as unknown as { nodeName: string; value?: string; childNodes?: unknown[] };
    let depth = 0;
    for (; node.childNodes?.length; node = node.childNodes[node.childNodes.length - 1] as typeof node) if (node.nodeName === 'b') depth++;
    expect(depth).toBe(MAX_HTML_DEPTH);
    expect(node.value).toBe('deep text');
  });
});
