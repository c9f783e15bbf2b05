import * as fs from 'node:fs';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { parseFile, type ParseJob } from '../../src/content/parse-file.js';
import { fileVersion } from '../../src/content/read-faults.js';
import type { SiteContext } from '../../src/content/parse-post.js';

const site: SiteContext = { url: 'https://example.com', timezone: 'UTC', permalink: '/:year/:month/:day/:slug.html', staticDir: os.tmpdir(), excerptSeparator: '\n\n', markdownExt: ['md'], authors: {}, ids: 'permalink' };
const dir = mkdtempSync(path.join(os.tmpdir(), 'herald-parse-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A post of about `bytes` bytes, its body a run of paragraphs with a last line to find.
function writePost(name: string, bytes: number, title = 'Long'): { file: string; text: string } {
  const paragraph = 'Words with an é in them, to be decoded as UTF-8.\n\n';
  const text = `---\ntitle: ${title}\n---\n${paragraph.repeat(Math.ceil(bytes / paragraph.length))}The end.\n`;
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return { file, text };
}

function job(file: string, overrides: Partial<ParseJob> = {}): ParseJob {
  const stat = statSync(file, { bigint: true });
  return { path: file, location: { file: path.basename(file) }, version: fileVersion(stat), size: Number(stat.size), settle: true, maxBytes: 8 * 1024 * 1024, skip: [], source: true, ...overrides };
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

describe('reading a post file', () => {
  it('reads a file larger than the buffer a thread reads into, whole, and then a small one in the same buffer', () => {
    const large = writePost('2024-01-01-large.md', 300 * 1024);
    const small = writePost('2024-01-02-small.md', 100, 'Small');
    const first = parseFile(job(large.file), site, fs);
    expect(first.hash).toBe(sha1(large.text));
    expect(first.parsed?.body.source.endsWith('The end.\n')).toBe(true);
    const second = parseFile(job(small.file), site, fs);
    expect(second.hash).toBe(sha1(small.text));
    expect(second.parsed?.title).toBe('Small');
  });

  it('reads to the end a file that grew since it was looked at, and calls it unsettled when it checks', () => {
    const grown = writePost('2024-01-03-grown.md', 40 * 1024);
    const looked = job(grown.file, { size: 1000, settle: false });
    const outcome = parseFile(looked, site, fs);
    expect(outcome.hash).toBe(sha1(grown.text));
    expect(outcome.parsed?.body.source.endsWith('The end.\n')).toBe(true);
    const checked = parseFile({ ...looked, settle: true, version: '1:1000:0:0' }, site, fs);
    expect(checked).toEqual({ unsettled: fileVersion(statSync(grown.file, { bigint: true })) });
  });

  it('stops at limits.maxPostBytes and rejects a file that grew past it since it was looked at', () => {
    const over = writePost('2024-01-04-over.md', 20 * 1024);
    const outcome = parseFile(job(over.file, { size: 100, maxBytes: 4096 }), site, fs);
    expect(outcome.failure).toMatchObject({ post: true, message: 'larger than 4096 bytes (limits.maxPostBytes)' });
  });
});
