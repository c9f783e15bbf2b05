import { closeSync, ftruncateSync, openSync } from 'node:fs';
import path from 'node:path';
import { CORPUS_MAX_POST_BYTES as LIMIT, dated, post, type Case } from './corpus-case.js';

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));
const sized = (size: number) => {
  const head = post('title: Exactly at the limit', '');
  const line = 'All work and no play makes a post large. ';
  return (head + line.repeat(Math.ceil(size / line.length))).slice(0, size);
};
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01];
// A fixed pseudo-random sequence, the same on every run.
const noise = (length: number) => Array.from({ length }, (_, i) => (i * 2654435761 + 12345) % 251);

function sparse(size: number) {
  return (dir: string, file: string | Buffer) => {
    const fd = openSync(path.join(dir, String(file)), 'w');
    ftruncateSync(fd, size);
    closeSync(fd);
  };
}

/** Byte-level input: encodings, line endings, control characters, binary files, sizes. */
export const encodingCases: Case[] = [
  { name: 'byte-order mark', file: dated('enc-bom'), bytes: `\uFEFF${post('title: With a BOM')}`, expect: { item: { title: 'With a BOM' } } },
  { name: 'BOM and CRLF', file: dated('enc-bom-crlf'), bytes: `\uFEFF${post('title: BOM CRLF\r\ntags: [x]', 'Line one.\r\nLine two.\r\n')}`.replace(/\n/g, '\r\n').replace(/\r\r/g, '\r'), expect: { item: { title: 'BOM CRLF', summary: 'Line one. Line two.' } } },
  { name: 'CRLF line endings', file: dated('enc-crlf'), bytes: '---\r\ntitle: CRLF\r\n---\r\nOne.\r\n\r\nTwo.\r\n', expect: { item: { title: 'CRLF', summary: 'One.' } } },
  { name: 'CR line endings (classic Mac)', file: dated('enc-cr'), bytes: '---\rtitle: Only CR\r---\rOne.\r\rTwo.\r', expect: { item: { title: 'Only CR', summary: 'One.' } } },
  { name: 'mixed line endings', file: dated('enc-mixed'), bytes: '---\r\ntitle: Mixed\n---\rOne.\r\n\nTwo.', expect: { item: { title: 'Mixed', summary: 'One.' } } },
  { name: 'BOM and no front matter', file: dated('enc-bom-body'), bytes: '\uFEFFJust a body.', expect: { item: { title: 'Enc Bom Body', summary: 'Just a body.' } } },
  { name: 'BOM twice', file: dated('enc-bom-twice'), bytes: `\uFEFF\uFEFF${post('title: Two BOMs')}`, expect: { item: { title: 'Two BOMs' } } },
  { name: 'UTF-16LE with BOM', file: dated('enc-utf16le'), bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(post('title: Sixteen'), 'utf16le')]), expect: { problem: /^UTF-16 text: save the file as UTF-8/ } },
  { name: 'UTF-16BE with BOM', file: dated('enc-utf16be'), bytes: Buffer.from([0xfe, 0xff, 0x00, 0x2d, 0x00, 0x2d, 0x00, 0x2d, 0x00, 0x0a]), expect: { problem: /^UTF-16 text: save the file as UTF-8/ } },
  { name: 'Latin-1 text', file: dated('enc-latin1'), bytes: bytes(post('title: Caf'), [0xe9], '\n'), expect: { problem: /^not UTF-8 text$/ } },
  { name: 'Windows-1252 quotes in front matter', file: dated('enc-cp1252'), bytes: bytes('---\ntitle: ', [0x93], 'Quoted', [0x94], '\n---\nx'), expect: { problem: /^not UTF-8 text$/ } },
  { name: 'overlong UTF-8', file: dated('enc-overlong'), bytes: bytes(post('title: Overlong'), [0xc0, 0xaf]), expect: { problem: /^not UTF-8 text/ } },
  { name: 'UTF-8 encoded lone surrogate', file: dated('enc-surrogate'), bytes: bytes(post('title: Surrogate'), [0xed, 0xa0, 0x80]), expect: { problem: /^not UTF-8 text/ } },
  { name: 'truncated UTF-8 sequence at the end', file: dated('enc-truncated'), bytes: bytes(post('title: Truncated'), [0xe2, 0x82]), expect: { problem: /^not UTF-8 text/ } },
  { name: 'PNG image named .md', file: dated('enc-png'), bytes: bytes(PNG, noise(200)), expect: { problem: /^binary file, not text/ } },
  { name: 'NUL bytes in UTF-8 text', file: dated('enc-nul'), bytes: bytes(post('title: Nul'), [0x00], 'after'), expect: { problem: /^binary file, not text/ } },
  { name: 'random bytes', file: dated('enc-noise'), bytes: bytes(noise(4000)), expect: { problem: /^binary file, not text/ } },
  {
    // XML 1.0 §2.2 allows DEL and C1 (discouraged, not forbidden): they stay; the rest go.
    name: 'escaped C0, DEL, C1, NUL, lone surrogate, U+FFFE and U+FFFF in a YAML title',
    file: dated('enc-escaped-controls'),
    bytes: post('title: "a\\x01b\\x1fc\\x7fd\\x85e\\x9ff\\0g\\uD800h\\uFFFEi\\uFFFFj"'),
    expect: { item: { title: 'abc\x7fd\x85e\x9ffghij' } },
  },
  { name: 'raw C0 control in a YAML title', file: dated('enc-raw-c0-title'), bytes: post('title: bell\u0007here'), expect: { problem: /^invalid YAML front matter: the stream contains non-printable characters/ } },
  { name: 'raw C1 control in a YAML title', file: dated('enc-raw-c1-title'), bytes: post('title: c1\u0086here'), expect: { problem: /^invalid YAML front matter: the stream contains non-printable characters/ } },
  {
    name: 'raw C0, DEL, C1, U+FFFE and U+FFFF in the body',
    file: dated('enc-raw-controls-body'),
    bytes: post('title: Controls in body', 'a\u0001b\u0008c\u000bd\u000ce\u001bf\u007fg\u0085h\u009fi\ufffej\uffffk\n'),
    expect: { item: { title: 'Controls in body', summary: 'abcdef\x7fg\x85h\x9fijk' } },
  },
  { name: 'replacement character, noncharacter, line separators and emoji', file: dated('enc-odd-unicode'), bytes: post('title: "r\uFFFD n\uFDD0 l\u2028p\u2029 e\u{1F600}"', 'z\u200dw\u00a0j\n'), expect: { item: { title: 'r\uFFFD n\uFDD0 l\u2028p\u2029 e\u{1F600}' } } },
  { name: 'tab indentation in YAML', file: dated('enc-yaml-tab'), bytes: post('author:\n\tname: Tab'), expect: { problem: /^invalid YAML front matter/, line: 3 } },
  { name: 'exactly limits.maxPostBytes', file: dated('size-at-limit'), bytes: sized(LIMIT), expect: { item: { title: 'Exactly at the limit' } } },
  { name: 'one byte over limits.maxPostBytes', file: dated('size-over-limit'), bytes: sized(LIMIT + 1), expect: { problem: /^larger than 100000 bytes \(limits\.maxPostBytes\)$/ } },
  { name: 'a 64 MiB file', file: dated('size-huge'), create: sparse(64 * 1024 * 1024), expect: { problem: /^larger than 100000 bytes \(limits\.maxPostBytes\)$/ } },
  { name: 'one line of 90 000 characters', file: dated('size-long-line'), bytes: post('title: Long line', `${'x'.repeat(90_000)}\n`), expect: { item: { title: 'Long line' } } },
  { name: 'a 10 000 character title', file: dated('size-long-title'), bytes: post(`title: ${'T'.repeat(10_000)}`), expect: { item: { title: 'T'.repeat(10_000) } } },
  { name: 'blockquotes nested 5 000 deep', file: dated('size-deep-quote'), bytes: post('title: Deep quote', `${'>'.repeat(5000)} x\n`), expect: { item: { title: 'Deep quote' } } },
  { name: 'HTML nested 5 000 deep', file: dated('size-deep-html'), bytes: post('title: Deep HTML', `${'<div>'.repeat(5000)}x${'</div>'.repeat(5000)}\n`), expect: { item: { title: 'Deep HTML' } } },
  { name: 'pathological emphasis', file: dated('size-emphasis'), bytes: post('title: Emphasis', `${'*a **a _a __a '.repeat(4000)}\n`), expect: { item: { title: 'Emphasis' } } },
  { name: '3 000 link reference definitions', file: dated('size-refs'), bytes: post('title: References', `${Array.from({ length: 3000 }, (_, i) => `[r${i}]: https://example.net/${i}\n`).join('')}\n[r1] [r2999]\n`), expect: { item: { title: 'References' }, has: ['href="https://example.net/2999"'] } },
];
