import * as fs from 'node:fs';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { siteSettings } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { PostLibrary, type LibraryFs } from '../../src/content/post-library.js';
import { FeedStore } from '../../src/store/feed-store.js';
import { Publisher } from '../../src/store/publisher.js';
import { buildSnapshot } from '../../src/store/snapshot.js';
import { FakeClock, fixtures, repoRoot, silent } from '../helpers.js';

const site = { url: 'https://example.com', timezone: 'UTC', permalink: '/:year/:month/:day/:slug.html', staticDir: path.join(fixtures, 'static'), excerptSeparator: '\n\n', markdownExt: ['md', 'markdown'], authors: {}, ids: 'permalink' as const };
const limits = { maxPostBytes: 64 * 1024, maxPosts: 1000, maxTermsPerPost: 100 };

/** node:fs, except that opening `name` (to parse it, or to read its body again) fails with `code` while `failing()` says so; counts those opens. */
function faultyFs(name: string, code: string, failing: (read: number) => boolean): { fs: LibraryFs; reads: () => number } {
  let reads = 0;
  const fault = (file: unknown) => {
    if (typeof file === 'string' && path.basename(file) === name && failing(++reads)) {
      throw Object.assign(new Error(`${code}: injected, open '${file}'`), { code, syscall: 'open' });
    }
  };
  const openSync = ((file: fs.PathLike, ...rest: unknown[]) => {
    fault(file);
    return (fs.openSync as (...args: unknown[]) => number)(file, ...rest);
  }) as typeof fs.openSync;
  const readFileSync = ((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    fault(file);
    return (fs.readFileSync as (...args: unknown[]) => unknown)(file, ...rest);
  }) as typeof fs.readFileSync;
  return { fs: { ...fs, openSync, readFileSync }, reads: () => reads };
}

describe('transient read errors', () => {
  let dir: string;
  let waits: number[];
  const wait = async (ms: number) => void waits.push(ms);
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'herald-faults-'));
    waits = [];
    await writeFile(path.join(dir, '2024-01-01-a.md'), '---\ntitle: A\n---\nText');
    await writeFile(path.join(dir, '2024-01-02-b.md'), '---\ntitle: B\n---\nText');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['EMFILE', 'ENFILE', 'EBUSY', 'EAGAIN'])('a read failing with %s is tried again after a pause and the post served', async (code) => {
    const faults = faultyFs('2024-01-02-b.md', code, (read) => read <= 2);
    const result = await new PostLibrary(dir, site, limits, undefined, undefined, undefined, { fs: faults.fs, wait }).load();
    expect(result.posts.map((post) => post.title).sort()).toEqual(['A', 'B']);
    expect(result.problems).toEqual([]);
    expect(result.retry).toBeUndefined();
    // Two failures, two pauses growing between the tries, one batch for the whole folder.
    expect(faults.reads()).toBe(3);
    expect(waits).toEqual([20, 80]);
  });

  it('a read that keeps failing is rejected after a bounded number of tries, named to retry, its last good version served', async () => {
    let failing = false;
    const faults = faultyFs('2024-01-02-b.md', 'EMFILE', () => failing);
    const library = new PostLibrary(dir, site, limits, undefined, undefined, undefined, { fs: faults.fs, wait });
    expect((await library.load()).posts).toHaveLength(2);
    failing = true;
    await writeFile(path.join(dir, '2024-01-02-b.md'), '---\ntitle: B edited\n---\nText');
    const before = faults.reads();
    const result = await library.update(['2024-01-02-b.md']);
    expect(faults.reads() - before).toBe(4);
    expect(result.posts.map((post) => post.title).sort()).toEqual(['A', 'B']);
    expect(result.problems).toEqual([
      { file: '2024-01-02-b.md', reason: 'cannot read: EMFILE (too many open files in Herald), 4 tries; reading it again in 1 s; serving its last good version' },
    ]);
    expect(result.retry).toEqual({ files: ['2024-01-02-b.md'], afterMs: 1000 });
    // Rejected again: the pause before the next retry doubles; once read, nothing is left to retry.
    expect((await library.update(['2024-01-02-b.md'])).retry).toEqual({ files: ['2024-01-02-b.md'], afterMs: 2000 });
    failing = false;
    const healed = await library.update(['2024-01-02-b.md']);
    expect(healed.posts.map((post) => post.title).sort()).toEqual(['A', 'B edited']);
    expect(healed.problems).toEqual([]);
    expect(healed.retry).toBeUndefined();
  });

  it('the publisher reads a rejected post again soon, before any rescan or file event', async () => {
    const clock = new FakeClock(new Date('2024-06-01T00:00:00Z'));
    let failing = true;
    const faults = faultyFs('2024-01-02-b.md', 'ENFILE', () => failing);
    const library = new PostLibrary(dir, site, limits, undefined, undefined, undefined, { fs: faults.fs, wait });
    const config = parseConfig({ site: { url: 'https://example.com' }, paths: { posts: dir, static: dir } }, repoRoot);
    const store = new FeedStore(siteSettings(config), { itemsPerFeed: 20, maxBytes: 1 << 24 }, buildSnapshot([], clock.now()));
    const publisher = new Publisher(library, store, silent, clock);
    await publisher.reload();
    expect(store.snapshot.posts.map((post) => post.title)).toEqual(['A']);
    expect(publisher.contentStatus.problems.map((problem) => problem.file)).toEqual(['2024-01-02-b.md']);
    failing = false;
    clock.advance(999);
    expect(store.snapshot.posts.map((post) => post.title)).toEqual(['A']);
    const changed = once(publisher, 'change');
    clock.advance(1);
    await changed;
    expect(store.snapshot.posts.map((post) => post.title)).toEqual(['B', 'A']);
    expect(publisher.contentStatus.problems).toEqual([]);
    publisher.stop();
  });
});
