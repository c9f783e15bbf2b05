import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { dated, post, type Case } from './corpus-case.js';

const BOMB = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefghi'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`)].join('\n');

const words = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
const at = (dir: string, file: string | Buffer) => path.join(dir, String(file));
const folder = (dir: string, file: string | Buffer) => mkdirSync(at(dir, file));
const fifo = (dir: string, file: string | Buffer) => execFileSync('mkfifo', [at(dir, file)]);
const link = (target: string) => (dir: string, file: string | Buffer) => symlinkSync(target, at(dir, file));
const linkedPost = (dir: string, file: string | Buffer) => {
  writeFileSync(path.join(dir, '_linked-source.md'), post('title: Reached through a link'));
  symlinkSync('_linked-source.md', at(dir, file));
};

/** Whole-file shapes, YAML oddities, duplicates and odd file names. */
export const fileCases: Case[] = [
  { name: 'empty file', file: dated('file-empty'), bytes: '', expect: { item: { title: 'File Empty', summary: 'File Empty', content_html: '<p>File Empty</p>' } } },
  { name: 'empty file without a date in its name', file: 'empty.md', bytes: '', expect: { problem: /^the file name must start with a date, YYYY-MM-DD-title\.md, or Jekyll does not publish it$/ } },
  { name: 'front matter only', file: dated('file-fm-only'), bytes: '---\ntitle: Only front matter\n---\n', expect: { item: { title: 'Only front matter', summary: 'Only front matter' } } },
  { name: 'front matter only, no final newline', file: dated('file-fm-only-eof'), bytes: '---\ntitle: No newline\n---', expect: { item: { title: 'No newline' } } },
  { name: 'body only', file: dated('file-body-only'), bytes: 'Just words, *no* front matter.\n', expect: { item: { title: 'File Body Only', summary: 'Just words, no front matter.' } } },
  { name: 'empty front matter', file: dated('file-fm-empty'), bytes: '---\n---\nBody.', expect: { item: { title: 'File Fm Empty' } } },
  { name: 'front matter of comments', file: dated('file-fm-comments'), bytes: '---\n# just a comment\n---\nBody.', expect: { item: { title: 'File Fm Comments' } } },
  { name: 'front matter closed by ...', file: dated('file-fm-dots'), bytes: '---\ntitle: Dots\n...\nBody.', expect: { item: { title: 'Dots' } } },
  { name: 'front matter never closed', file: dated('file-fm-unclosed'), bytes: '---\ntitle: Unclosed\n\nBody.\n', expect: { problem: /^front matter opened with --- on line 1 is never closed/, line: 1 } },
  { name: 'a lone ---', file: dated('file-fm-dashes'), bytes: '---\n', expect: { problem: /^front matter opened with --- on line 1 is never closed/, line: 1 } },
  { name: 'front matter is a list', file: dated('file-fm-list'), bytes: '---\n- a\n- b\n---\nx', expect: { problem: /^front matter must be a mapping of keys, not a list/ } },
  { name: 'front matter is a sentence', file: dated('file-fm-scalar'), bytes: '---\njust some words\n---\nx', expect: { problem: /^front matter must be a mapping of keys, not string "just some words"/ } },
  { name: 'invalid YAML: unclosed flow list', file: dated('yaml-unclosed'), bytes: post('title: ok\ntags: [a, b\nmore: x'), expect: { problem: /^invalid YAML front matter: /, line: 4 } },
  { name: 'invalid YAML: unclosed quote', file: dated('yaml-quote'), bytes: post('title: "unclosed'), expect: { problem: /^invalid YAML front matter: / } },
  { name: 'invalid YAML: bad indentation', file: dated('yaml-indent'), bytes: post('title: x\n  tags: a\n bad: y'), expect: { problem: /^invalid YAML front matter: / } },
  { name: 'duplicate key', file: dated('yaml-duplicate'), bytes: post('title: one\ntitle: two'), expect: { item: { title: 'two' } } },
  { name: 'unknown YAML tags', file: dated('yaml-tags'), bytes: post('title: !!js/function "function () {}"'), expect: { item: { title: 'function () {}' } } },
  { name: 'YAML binary and timestamp tags', file: dated('yaml-binary'), bytes: post('date: !!timestamp 2024-01-02\nimage: !!binary aGk='), expect: { item: { title: 'Yaml Binary', date_published: '2024-01-02T00:00:00Z', image: 'https://example.com/hi' } } },
  { name: 'YAML alias bomb', file: dated('yaml-bomb'), bytes: post(`${BOMB}\ntitle: *i\ntags: *i`), expect: { problem: /^invalid YAML front matter: aliases expand to more than 1000 nodes/ } },
  { name: '__proto__ and constructor keys', file: dated('yaml-proto'), bytes: post('__proto__: {title: Polluted, published: false}\nconstructor: x\ntoString: y'), expect: { item: { title: 'Yaml Proto' } } },
  { name: 'same title and date as another post (1)', file: dated('same-title-a'), bytes: post('title: Same title\ndate: 2024-03-01 12:00'), expect: { item: { title: 'Same title', id: 'https://example.com/2024/03/01/same-title-a' } } },
  { name: 'same title and date as another post (2)', file: dated('same-title-b'), bytes: post('title: Same title\ndate: 2024-03-01 12:00'), expect: { item: { title: 'Same title', id: 'https://example.com/2024/03/01/same-title-b' } } },
  { name: 'same slug in .markdown (kept: first by name)', file: dated('twin', 'markdown'), bytes: post('title: Twin in markdown'), expect: { item: { title: 'Twin in markdown' } } },
  { name: 'same slug in .md (same id)', file: dated('twin'), bytes: post('title: Twin in md'), expect: { problem: /^has the same id \(https:\/\/example\.com\/2024\/03\/01\/twin\) as 2024-03-01-twin\.markdown; set a distinct id, slug or date$/ } },
  { name: 'slug that another file has', file: dated('slug-thief'), bytes: post('title: Thief\nslug: same-title-a'), expect: { problem: /^has the same id .* as 2024-03-01-same-title-a\.md/ } },
  { name: 'id that another post has', file: dated('id-thief'), bytes: post('title: Id thief\nid: "https://example.com/2024/03/01/file-body-only"'), expect: { problem: /^has the same id .* as 2024-03-01-file-body-only\.md/ } },
  { name: 'impossible date in the file name', file: '2024-02-30-impossible.md', bytes: post('title: x'), expect: { item: { title: 'x', date_published: '2024-03-01T00:00:00Z', url: 'https://example.com/2024/03/01/impossible.html' } } },
  { name: 'minute 99', file: dated('date-minute'), bytes: post('title: x\ndate: 2024-03-01 10:99'), expect: { problem: /^date "2024-03-01 10:99" is not a date/ } },
  { name: 'offset +99:99', file: dated('date-offset'), bytes: post('title: x\ndate: 2024-03-01 10:00 +99:99'), expect: { problem: /^date "2024-03-01 10:00 \+99:99" is not a date/ } },
  { name: 'year 0050', file: dated('date-year-50'), bytes: post('title: x\ndate: 0050-06-01'), expect: { problem: /^date "0050-06-01" is outside the years 1000 to 9999 that feeds can carry$/ } },
  { name: 'year 1066', file: dated('date-year-1066'), bytes: post('title: Hastings\ndate: 1066-10-14 09:00'), expect: { item: { title: 'Hastings', date_published: '1066-10-14T09:00:00Z' } } },
  { name: 'last modified after year 9999', file: dated('date-modified-10000'), bytes: post('title: x\nlast_modified_at: 9999-12-31 23:00 -05:00'), expect: { problem: /^last_modified_at "9999-12-31 23:00 -05:00" is outside the years 1000 to 9999 that feeds can carry$/ } },
  {
    name: 'thousands of categories and tags',
    file: dated('terms-thousands'),
    bytes: post(`title: x\ncategories: ${words(3000, 'c').join(' ')}\ntags: [${words(3000, 't').join(', ')}]`),
    expect: { problem: /^has 6000 categories and tags, more than 100 \(limits\.maxTermsPerPost\)$/ },
  },
  {
    name: 'exactly limits.maxTermsPerPost categories and tags',
    file: dated('terms-at-limit'),
    bytes: post(`title: At the term limit\ncategories: ${words(60, 'c').join(' ')}\ntags: [${words(40, 't').join(', ')}]`),
    expect: { item: { title: 'At the term limit', tags: [...words(60, 'c'), ...words(40, 't')] } },
  },
  {
    name: 'thousands of tags that are one tag',
    file: dated('terms-folded'),
    bytes: post(`title: One tag, many spellings\ntags: [${Array(1000).fill('News, news, NEWS').join(', ')}]`),
    expect: { item: { title: 'One tag, many spellings', tags: ['News'] } },
  },
  { name: 'draft', file: dated('draft'), bytes: post('title: Draft\npublished: false'), expect: { omitted: 'published: false keeps a draft out of every feed' } },
  { name: 'future post', file: '2099-01-01-future.md', bytes: post('title: Future'), expect: { omitted: 'served by itself once its date comes' } },
  { name: 'dot file', file: '.2024-03-01-hidden.md', bytes: post('title: Hidden'), expect: { omitted: 'names starting with . are not posts' } },
  { name: 'underscore file', file: '_2024-03-01-partial.md', bytes: post('title: Partial'), expect: { omitted: 'names starting with _ are not posts' } },
  { name: 'hash file', file: '#2024-03-01-autosave.md', bytes: post('title: Autosave'), expect: { omitted: 'names starting with # are not posts' } },
  { name: 'editor backup', file: `${dated('backup')}~`, bytes: post('title: Backup'), expect: { omitted: 'names ending in ~ are not posts' } },
  { name: 'text file', file: '2024-03-01-notes.txt', bytes: post('title: Notes'), expect: { omitted: 'not .md' } },
  { name: 'unicode file name', file: dated('日本語の記事'), bytes: post('title: Japanese name'), expect: { item: { title: 'Japanese name', url: 'https://example.com/2024/03/01/%E6%97%A5%E6%9C%AC%E8%AA%9E%E3%81%AE%E8%A8%98%E4%BA%8B.html' } } },
  { name: 'decomposed accents in the file name', file: dated('cafe\u0301-noir'), bytes: 'Body.', expect: { item: { title: 'Cafe\u0301 Noir', url: 'https://example.com/2024/03/01/cafe%CC%81-noir.html' } } },
  { name: 'spaces in the file name', file: dated('hello   spaced world'), bytes: 'Body.', expect: { item: { title: 'Hello spaced world', url: 'https://example.com/2024/03/01/hello-spaced-world.html' } } },
  { name: 'emoji-only file name', file: dated('🎉'), bytes: post('title: Party'), expect: { item: { title: 'Party', url: 'https://example.com/2024/03/01/.html' } } },
  { name: 'newline and control character in the file name', file: dated('new\nline\u0001name'), bytes: 'Body.', expect: { item: { title: 'New linename' } } },
  { name: 'upper-case extension', file: '2024-03-01-SHOUTING.MD', bytes: 'Body.', expect: { item: { title: 'Shouting' } } },
  { name: 'file name that is not UTF-8', file: Buffer.from([...Buffer.from('2024-03-01-caf'), 0xe9, ...Buffer.from('.md')]), bytes: post('title: Latin-1 name'), expect: { problem: /^the file name is not UTF-8: rename it/ } },
  { name: 'folder named like a post', file: dated('folder'), create: folder, expect: { problem: /^a folder, not a file/ } },
  { name: 'named pipe named like a post', file: dated('pipe'), create: fifo, expect: { problem: /^not a regular file/ } },
  { name: 'symbolic link to a file inside posts/', file: dated('link-inside'), create: linkedPost, expect: { item: { title: 'Reached through a link' } } },
  { name: 'symbolic link to nothing', file: dated('link-dangling'), create: link('missing.md'), expect: { problem: /^symbolic link leads to nothing/ } },
  { name: 'symbolic link loop', file: dated('link-loop'), create: link(dated('link-loop')), expect: { problem: /^symbolic link leads to nothing|symbolic link loop/ } },
  { name: 'symbolic link to a folder inside posts/', file: dated('link-folder'), create: link(dated('folder')), expect: { problem: /^a folder, not a file/ } },
];
