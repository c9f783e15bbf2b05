import { lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lookAheadInWorker, type LookAhead } from '../../src/content/look-ahead.js';
import { indexFile } from '../../src/content/post-index.js';
import { PostLibrary } from '../../src/content/post-library.js';
import { recordingSite } from './recording-site.js';

const limits = { maxPostBytes: 64 * 1024, maxPosts: 1000, maxTermsPerPost: 100 };
// More than the fewest files a load looks at ahead (256).
const COUNT = 300;
let dir: string;
let parses: string[];

const site = recordingSite((file) => parses.push(file));
const name = (n: number) => `2024-01-01-post-${String(n).padStart(3, '0')}.md`;
const library = (lookAhead?: LookAhead) => new PostLibrary(path.join(dir, 'posts'), site, limits, undefined, indexFile(path.join(dir, 'data')), undefined, lookAhead ? { lookAhead } : {});

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'herald-look-'));
  mkdirSync(path.join(dir, 'posts'));
  for (let n = 0; n < COUNT; n++) writeFileSync(path.join(dir, 'posts', name(n)), `---\ntitle: Post ${n}\n---\nBody ${n}.\n`);
  parses = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('looking at files ahead, in a worker', () => {
  it('gives each file the type, inode, size and times lstat gives, and nothing for a file that is not there', async () => {
    const file = path.join(dir, 'posts', name(0));
    const folder = path.join(dir, 'posts');
    const link = path.join(dir, 'link.md');
    symlinkSync(file, link);
    const looks = (await lookAheadInWorker([file, folder, link, path.join(dir, 'missing.md')]))!;
    for (const [at, target] of [file, folder, link].entries()) {
      const look = looks(at)!;
      const stat = lstatSync(target, { bigint: true });
      expect([look.isFile(), look.isDirectory(), look.isSymbolicLink()]).toEqual([stat.isFile(), stat.isDirectory(), stat.isSymbolicLink()]);
      expect([look.ino, look.size, look.mtimeNs, look.ctimeNs]).toEqual([stat.ino, stat.size, stat.mtimeNs, stat.ctimeNs]);
    }
    expect(looks(3)).toBeUndefined();
    expect(looks(4)).toBeUndefined();
  });

  it('serves a restart from the index with the files looked at ahead, and parses a file whose look shows it changed', async () => {
    const asked: number[] = [];
    const spy: LookAhead = (files) => {
      asked.push(files.length);
      return lookAheadInWorker(files);
    };
    const first = library(spy);
    const before = await first.load();
    // A first load without an index looks at each file as it hands out its parse.
    expect(asked).toEqual([]);
    await first.saveIndex();
    writeFileSync(path.join(dir, 'posts', name(7)), '---\ntitle: Post 7, edited\n---\nBody 7, longer now.\n');
    parses = [];
    const after = await library(spy).load();
    expect(asked).toEqual([COUNT]);
    expect(after.problems).toEqual([]);
    expect(after.posts.map((post) => post.title)).toEqual(before.posts.map((post) => (post.file === name(7) ? 'Post 7, edited' : post.title)));
    expect(parses).toEqual([name(7)]);
  });

  it('looks at each file itself when the look ahead fails, with the same result', async () => {
    const first = library();
    await first.load();
    await first.saveIndex();
    const looked = await library(lookAheadInWorker).load();
    const failed = await library(async () => () => undefined).load();
    const none = await library(async () => undefined).load();
    const titles = (result: typeof looked) => result.posts.map((post) => [post.file, post.title, post.id]);
    expect(titles(failed)).toEqual(titles(looked));
    expect(titles(none)).toEqual(titles(looked));
    expect(looked.posts).toHaveLength(COUNT);
  });

  it('shares a look whose key may serve saved pages: the worker looks at the first half, this thread at the rest', async () => {
    for (let n = COUNT; n < 2 * COUNT; n++) writeFileSync(path.join(dir, 'posts', name(n)), `---\ntitle: Post ${n}\n---\nBody ${n}.\n`);
    const first = library();
    await first.load();
    await first.saveIndex();
    const key = first.loadedKey();
    expect(key).toBeDefined();
    const asked: string[][] = [];
    const spy: LookAhead = (files) => {
      asked.push([...files]);
      return lookAheadInWorker(files);
    };
    const looked = async (lookAhead: LookAhead) => {
      const told: string[] = [];
      const result = await library(lookAhead).load(undefined, (filesKey) => told.push(filesKey));
      return { told, result };
    };
    const shared = await looked(spy);
    expect(asked.map((files) => files.length)).toEqual([COUNT]);
    expect(asked[0]!.at(-1)).toBe(path.join(dir, 'posts', name(COUNT - 1)));
    expect(shared.told).toEqual([key]);
    expect(shared.result.posts).toHaveLength(2 * COUNT);
    // A worker that could not look: this thread looks at its half too, with the same key.
    expect((await looked(async () => undefined)).told).toEqual([key]);
    // A file of this thread's half edited: another key, and that file alone is parsed again.
    writeFileSync(path.join(dir, 'posts', name(2 * COUNT - 3)), '---\ntitle: Post edited\n---\nBody, longer now.\n');
    parses = [];
    const edited = await looked(spy);
    expect(edited.told).toHaveLength(1);
    expect(edited.told[0]).not.toBe(key);
    expect(parses).toEqual([name(2 * COUNT - 3)]);
    expect(edited.result.posts.find((post) => post.file === name(2 * COUNT - 3))?.title).toBe('Post edited');
  });

  it('takes what the look saw: a file looked at as a folder is reported as one', async () => {
    const first = library();
    await first.load();
    await first.saveIndex();
    const folder = name(5);
    const result = await library(async (files) => {
      const looks = await lookAheadInWorker(files);
      return (at: number) => {
        const look = looks?.(at);
        return look && files[at]!.endsWith(folder) ? { isSymbolicLink: () => false, isFile: () => false, isDirectory: () => true, ino: look.ino, size: look.size, mtimeNs: look.mtimeNs, ctimeNs: look.ctimeNs } : look;
      };
    }).load();
    expect(result.problems).toEqual([{ file: folder, reason: 'a folder, not a file: a post must be a file; serving its last good version' }]);
  });
});
