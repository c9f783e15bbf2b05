// Time to sanitise pathological post bodies (issue 15 item 2): unclosed nested inline tags, which
// htmlparser2 alone parses in quadratic time, through Herald's sanitiser (nesting capped first).
import { sanitize } from '../../src/content/markdown.js';

export interface HostileRow {
  readonly name: string;
  readonly kib: number;
  readonly ms: number;
}

const BODIES: readonly (readonly [string, string])[] = [
  ['<a> repeated', '<a>'],
  ['<b> repeated', '<b>'],
  ['<a href> repeated', '<a href="https://example.com/">'],
];

/** Milliseconds to sanitise each hostile body at each size (KiB), best of `runs`. */
export function measureHostileBodies(sizesKib: readonly number[], runs: number): HostileRow[] {
  const rows: HostileRow[] = [];
  for (const [name, unit] of BODIES) {
    for (const kib of sizesKib) {
      const body = unit.repeat(Math.ceil((kib * 1024) / unit.length)) + 'text';
      let best = Infinity;
      for (let run = 0; run < runs; run++) {
        const started = performance.now();
        sanitize(body, 'https://example.com/post.html');
        best = Math.min(best, performance.now() - started);
      }
      rows.push({ name, kib, ms: best });
    }
  }
  return rows;
}
