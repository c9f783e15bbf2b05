import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexFile } from '../../src/content/post-index.js';
import { PostLibrary } from '../../src/content/post-library.js';
import { readAheadInWorker, readAheadWorker, type ReadAhead, type ReadAheadDone } from '../../src/content/read-ahead.js';
import { fixtures } from '../helpers.js';

// A full load reads its files ahead (into the page cache) from a worker: the files it will parse, no others.

const site = { url: 'https://example.com', timezone: 'UTC', permalink: '/:year/:month/:day/:slug.html', staticDir: path.join(fixtures, 'static'), excerptSeparator: '\n\n', markdownExt: ['md'], authors: {}, ids: 'permalink' as const };
const limits = { maxPostBytes: 64 * 1024, maxPosts: 10_000, maxTermsPerPost: 100 };
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'herald-read-ahead-'));
  await mkdir(path.join(dir, 'posts'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const name = (n: number) => `2024-01-${String((n % 28) + 1).padStart(2, '0')}-post-${n}.md`;
async function writePosts(from: number, count: number): Promise<void> {
  for (let n = from; n < from + count; n++) await writeFile(path.join(dir, 'posts', name(n)), `---\ntitle: Post ${n}\n---\nBody ${n}.\n`);
}

// A read-ahead that notes what it is given and whether it was stopped.
function noting(): { readAhead: ReadAhead; given: string[][]; stopped: number } {
  const seen = { given: [] as string[][], stopped: 0 };
  return Object.assign(seen, {
    readAhead: (files: readonly string[]) => {
      seen.given.push([...files]);
      return () => void seen.stopped++;
    },
  });
}

describe('reading ahead', () => {
  it('is given every file of a first full load, in the posts folder, and stopped once they are parsed', async () => {
    await writePosts(0, 300);
    const seen = noting();
    const { posts } = await new PostLibrary(path.join(dir, 'posts'), site, limits, undefined, undefined, undefined, { readAhead: seen.readAhead }).load();
    expect(posts).toHaveLength(300);
    expect(seen.given).toHaveLength(1);
    expect(seen.given[0]!.map((file) => path.relative(path.join(dir, 'posts'), file)).sort()).toEqual(posts.map((post) => post.file).sort());
    expect(seen.stopped).toBe(1);
  });

  it('is given only the files a restart with its index parses, and nothing when those are few', async () => {
    await writePosts(0, 300);
    const index = indexFile(path.join(dir, 'data'));
    const first = new PostLibrary(path.join(dir, 'posts'), site, limits, undefined, index);
    await first.load();
    await first.saveIndex();
    const unchanged = noting();
    await new PostLibrary(path.join(dir, 'posts'), site, limits, undefined, index, undefined, { readAhead: unchanged.readAhead }).load();
    expect(unchanged.given).toEqual([]);
    await writePosts(300, 260);
    const grown = noting();
    const { posts } = await new PostLibrary(path.join(dir, 'posts'), site, limits, undefined, index, undefined, { readAhead: grown.readAhead }).load();
    expect(posts).toHaveLength(560);
    expect(grown.given.map((files) => files.map((file) => path.basename(file)).sort())).toEqual([Array.from({ length: 260 }, (_, n) => name(300 + n)).sort()]);
  });

  it('reads in a worker that ends by itself, past files that are missing or folders', async () => {
    await writePosts(0, 40);
    const files = [...Array.from({ length: 40 }, (_, n) => path.join(dir, 'posts', name(n))), path.join(dir, 'missing.md'), path.join(dir, 'posts')];
    const worker = readAheadWorker(files);
    const [code] = (await once(worker, 'exit')) as [number];
    expect(code).toBe(0);
  });

  it('ends its worker when stopped before it is through', async () => {
    await writePosts(0, 40);
    const files = Array.from({ length: 300_000 }, (_, n) => path.join(dir, 'posts', name(n % 40)));
    const worker = readAheadWorker(files);
    const said = once(worker, 'message') as Promise<[ReadAheadDone]>;
    worker.postMessage({ stop: true });
    const [{ read }] = await said;
    expect(read).toBeLessThan(files.length);
    const [code] = (await once(worker, 'exit')) as [number];
    expect(code).toBe(0);
  });

  it('is not held up by a named pipe among the files, first or later', async () => {
    await writePosts(0, 300);
    const fifo = path.join(dir, 'posts', '2024-01-01-pipe.md');
    execFileSync('mkfifo', [fifo]);
    const files = [fifo, ...Array.from({ length: 300 }, (_, n) => path.join(dir, 'posts', name(n))), fifo];
    // The probe opens the first files on this thread: a blocking open of the pipe would never return.
    readAheadInWorker(files)();
    const worker = readAheadWorker(files);
    const [{ read }] = (await once(worker, 'message')) as [ReadAheadDone];
    expect(read).toBe(files.length);
    const [code] = (await once(worker, 'exit')) as [number];
    expect(code).toBe(0);
    const { posts, problems } = await new PostLibrary(path.join(dir, 'posts'), site, limits, undefined, undefined, undefined, { readAhead: readAheadInWorker }).load();
    expect(posts).toHaveLength(300);
    expect(problems).toEqual([{ file: '2024-01-01-pipe.md', reason: expect.stringMatching(/not a regular file/) }]);
  });
});
