import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakBlocks, removeTags } from '../../src/validate/reader/strip-html.js';

// rss-parser's own expressions (lib/utils.js), the behaviour the linear versions must keep.
const original = {
  breakBlocks: (s: string) => s.replace(/([^\n])<\/?(h|br|p|ul|ol|li|blockquote|section|table|tr|div)(?:.|\n)*?>([^\n])/gm, '$1\n$3'),
  removeTags: (s: string) => s.replace(/<(?:.|\n)*?>/gm, ''),
};
const markup = fc.array(fc.constantFrom('<', '>', '/', '\n', '\r', '\u2028', 'p', 'b', 'r', 'h', 'd', 'i', 'v', 'l', ' ', 'x'), { maxLength: 30 }).map((chars) => chars.join(''));

describe('the reader check\'s tag stripping', () => {
  it('gives what rss-parser\'s regular expressions give', () => {
    fc.assert(fc.property(markup, (text) => breakBlocks(text) === original.breakBlocks(text) && removeTags(text) === original.removeTags(text)), { numRuns: 20_000 });
    expect(removeTags(breakBlocks('a<p>b</p>c <b>d'))).toBe('a\nbc d');
  });
});
