import * as fs from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostLibrary, type LibraryFs } from '../../src/content/post-library.js';
import { fixtures } from '../helpers.js';

const site = { url: 'https://example.com', timezone: 'UTC', permalink: '/:year/:month/:day/:slug.html', staticDir: path.join(fixtures, 'static'), excerptSeparator: '\n\n', markdownExt: ['md', 'markdown'], authors: {}, ids: 'permalink' as const };
const limits = { maxPostBytes: 64 * 1024, maxPosts: 1000, maxTermsPerPost: 100 };
const NAME = '2024-03-01-slow.md';
// A post whose every prefix past the front matter parses: only its last piece says it is whole.
const PIECES = ['---\ntitle: Slow\n---\n', ...Array.from({ length: 8 }, (_, i) => `Paragraph ${i + 1} of the post.\n\n`), 'END of the post.\n'];

describe('a post written slowly in place', () => {
  let dir: string;
  let file: string;
  let written: number;
  // The writer: the next piece appended to the file, as a slow copy writes it (false when all are in).
  const writeNext = () => {
    if (written >= PIECES.length) return false;
    fs.appendFileSync(file, PIECES[written++]!);
    return true;
  };
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'herald-settle-'));
    file = path.join(dir, NAME);
    written = 0;
    await writeFile(path.join(dir, '2024-01-01-other.md'), '---\ntitle: Other\n---\nText');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // Polls the library as the watcher would, once per piece written, the writer going on during every
  // settle pause too (it writes faster than settleMs); returns the bodies served for the slow post.
  async function poll(settleMs: number): Promise<Array<string | undefined>> {
    const wait = async () => void writeNext();
    const library = new PostLibrary(dir, site, limits, undefined, undefined, undefined, { wait, settleMs });
    await library.load();
    const served: Array<string | undefined> = [];
    writeNext();
    for (let turn = 0; turn < 2 * PIECES.length; turn++) {
      const { posts } = await library.update([NAME]);
      served.push(posts.find((post) => post.file === NAME)?.content.html);
      writeNext();
    }
    return served;
  }

  it('is served only whole: every version served has its last piece', async () => {
    const served = await poll(50);
    expect(written).toBe(PIECES.length);
    expect(served.filter((html) => html !== undefined && !html.includes('END'))).toEqual([]);
    expect(served.at(-1)).toContain('END of the post.');
    expect(served.at(-1)).toContain('Paragraph 8');
  });

  it('without the settle check a half-written version is served (what the check prevents)', async () => {
    const served = await poll(0);
    expect(served.filter((html) => html !== undefined && !html.includes('END')).length).toBeGreaterThan(0);
  });

  it('a file that changes while it is read is read again', async () => {
    for (const piece of PIECES.slice(0, -1)) fs.appendFileSync(file, piece);
    let reads = 0;
    // The slow post's descriptors: the last piece lands just after the first read of it took its bytes.
    const slow = new Set<number>();
    const openSync = ((target: fs.PathLike, ...rest: unknown[]) => {
      const fd = (fs.openSync as (...args: unknown[]) => number)(target, ...rest);
      if (typeof target === 'string' && path.basename(target) === NAME) slow.add(fd);
      return fd;
    }) as typeof fs.openSync;
    const readSync = ((fd: number, ...rest: unknown[]) => {
      const read = (fs.readSync as (...args: unknown[]) => number)(fd, ...rest);
      if (slow.delete(fd) && ++reads === 1) fs.appendFileSync(file, PIECES.at(-1)!);
      return read;
    }) as typeof fs.readSync;
    const waits: number[] = [];
    // The files look an hour old, so only the look after the read can tell the post changed.
    const library = new PostLibrary(dir, site, limits, undefined, undefined, undefined, { fs: { ...fs, openSync, readSync } satisfies LibraryFs, wait: async (ms) => void waits.push(ms), now: () => Date.now() + 3_600_000, settleMs: 50 });
    const { posts, problems } = await library.load();
    expect(problems).toEqual([]);
    expect(posts.find((post) => post.file === NAME)?.content.html).toContain('END of the post.');
    expect(reads).toBe(2);
    expect(waits).toEqual([50]);
  });

  it('a file that never stops changing is rejected after a bounded number of checks, its last good version served, and retried', async () => {
    for (const piece of PIECES) fs.appendFileSync(file, piece);
    let checks = 0;
    let writing = false;
    const wait = async () => {
      checks++;
      if (writing) fs.appendFileSync(file, `More ${checks}.\n`);
    };
    const library = new PostLibrary(dir, site, limits, undefined, undefined, undefined, { wait, settleMs: 50 });
    const first = await library.load();
    expect(first.posts.find((post) => post.file === NAME)?.content.html).toContain('END of the post.');
    expect(checks).toBe(1);
    fs.appendFileSync(file, 'An edit.\n');
    writing = true;
    checks = 0;
    const result = await library.update([NAME]);
    expect(checks).toBe(20);
    expect(result.posts.find((post) => post.file === NAME)?.content.html).not.toContain('More');
    expect(result.problems).toEqual([{ file: NAME, reason: 'still being written: it changed in each of 20 checks 50 ms apart; reading it again in 1 s; serving its last good version' }]);
    expect(result.retry).toEqual({ files: [NAME], afterMs: 1000 });
  });

  it('a file changed a while ago waits only what is left of settleMs, then is read', async () => {
    for (const piece of PIECES) fs.appendFileSync(file, piece);
    const waits: number[] = [];
    // The clock says the file was written 600 ms ago: 400 ms of the 1,000 are left.
    const library = new PostLibrary(dir, site, limits, undefined, undefined, undefined, { wait: async (ms) => void waits.push(ms), now: () => Date.now() + 600, settleMs: 1000 });
    const { posts, problems } = await library.load();
    expect(problems).toEqual([]);
    expect(posts.find((post) => post.file === NAME)?.content.html).toContain('END of the post.');
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(300);
    expect(waits[0]).toBeLessThanOrEqual(400);
  });
});
