// rss-parser strips tags from item content with two backtracking regular expressions to make its
// contentSnippet; on text with many "<" and no ">" after them they are quadratic (100,000 "<a" take
// minutes). These are the same transformations in one pass each, installed in their place (check-reader.ts).

const BLOCK = ['h', 'br', 'p', 'ul', 'ol', 'li', 'blockquote', 'section', 'table', 'tr', 'div'];
// What `(?:.|\n)` cannot match: the line terminators other than "\n".
const isBarrier = (ch: string | undefined) => ch === '\r' || ch === '\u2028' || ch === '\u2029';

/** For each index, the next index at or after it where `test` holds (-1: none), in one backward pass. */
function nextWhere(text: string, test: (i: number) => boolean): Int32Array {
  const next = new Int32Array(text.length + 1).fill(-1);
  for (let i = text.length - 1; i >= 0; i--) next[i] = test(i) ? i : next[i + 1]!;
  return next;
}

/** The end of a tag whose inside starts at `from`: the first closing ">" before any barrier, or -1. */
function tagEnd(from: number, closes: Int32Array, barriers: Int32Array): number {
  const close = closes[from] ?? -1;
  const barrier = barriers[from] ?? -1;
  return close >= 0 && (barrier < 0 || close < barrier) ? close : -1;
}

/** `text.replace(/([^\n])<\/?(h|br|p|ul|ol|li|blockquote|section|table|tr|div)(?:.|\n)*?>([^\n])/gm, '$1\n$3')`, linearly. */
export function breakBlocks(text: string): string {
  const closes = nextWhere(text, (i) => text[i] === '>' && i + 1 < text.length && text[i + 1] !== '\n');
  const barriers = nextWhere(text, (i) => isBarrier(text[i]));
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = -1;
    if (text[i] !== '\n' && text[i + 1] === '<') {
      const start = i + 2 + (text[i + 2] === '/' ? 1 : 0);
      const name = BLOCK.find((tag) => text.startsWith(tag, start));
      if (name !== undefined) end = tagEnd(start + name.length, closes, barriers);
    }
    if (end < 0) {
      out.push(text[i]!);
      i++;
      continue;
    }
    out.push(text[i]!, '\n', text[end + 1]!);
    i = end + 2;
  }
  return out.join('');
}

/** `text.replace(/<(?:.|\n)*?>/gm, '')`, linearly: each "<" up to the next ">" on the same logical line goes. */
export function removeTags(text: string): string {
  const closes = nextWhere(text, (i) => text[i] === '>');
  const barriers = nextWhere(text, (i) => isBarrier(text[i]));
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '<') continue;
    const end = tagEnd(i + 1, closes, barriers);
    if (end < 0) continue;
    out.push(text.slice(from, i));
    from = end + 1;
    i = end;
  }
  out.push(text.slice(from));
  return out.join('');
}

/** rss-parser's stripHtml, linear in the length of the text. */
export function stripHtml(text: string): string {
  return removeTags(breakBlocks(text));
}
