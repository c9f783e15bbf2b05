import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchFolder, type FolderChange } from '../../src/content/watch-folder.js';

let dir: string;
let stop = () => {};
afterEach(async () => {
  stop();
  await rm(dir, { recursive: true, force: true });
});

// Starts a recursive watch on a new folder holding `folders`; `next()` resolves with the next change reported.
async function watched(folders: string[], skip?: (name: string) => boolean) {
  dir = await mkdtemp(path.join(os.tmpdir(), 'herald-watch-'));
  for (const folder of folders) await mkdir(path.join(dir, folder), { recursive: true });
  const changes: FolderChange[] = [];
  const waiting: Array<(change: FolderChange) => void> = [];
  stop = watchFolder(dir, (change) => (waiting.length ? waiting.shift()!(change) : changes.push(change)), { debounceMs: 30, recursive: true, ...(skip ? { skip } : {}) });
  const next = () =>
    new Promise<FolderChange>((resolve, reject) => {
      if (changes.length) return resolve(changes.shift()!);
      const timer = setTimeout(() => reject(new Error('no change reported within 5 s')), 5_000);
      waiting.push((change) => {
        clearTimeout(timer);
        resolve(change);
      });
    });
  return { next };
}

describe('watchFolder, recursive (a watch per folder)', () => {
  it('leaves out the folders `skip` names, there from the start or made later, with what is under them', async () => {
    const { next } = await watched(['_posts', '.git/objects'], (name) => name.startsWith('.'));
    await writeFile(path.join(dir, '.git/objects/a'), 'x');
    await mkdir(path.join(dir, '.jekyll-cache/x'), { recursive: true });
    // The new folder is a name in the watched root (not a whole folder to read again: no null).
    expect([...((await next()) ?? ['(null)'])]).toEqual(['.jekyll-cache']);
    await writeFile(path.join(dir, '.jekyll-cache/x/b'), 'x');
    await new Promise((resolve) => setTimeout(resolve, 150));
    await writeFile(path.join(dir, '_posts/2024-01-01-a.md'), 'x');
    expect([...((await next()) ?? ['(null)'])]).toEqual([path.join('_posts', '2024-01-01-a.md')]);
  });

  it('reports a file written in a folder of the tree by its path from the root', async () => {
    const { next } = await watched(['_posts/2024/deep']);
    await writeFile(path.join(dir, '_posts/2024/deep/2024-01-01-a.md'), 'x');
    expect([...((await next()) ?? ['(null)'])]).toContain(path.join('_posts', '2024', 'deep', '2024-01-01-a.md'));
    await writeFile(path.join(dir, 'top.md'), 'x');
    expect([...((await next()) ?? ['(null)'])]).toEqual(['top.md']);
  });

  it('watches a folder that appears (reported whole, as null), and the files written in it later', async () => {
    const { next } = await watched(['_posts']);
    const outside = await mkdtemp(path.join(os.tmpdir(), 'herald-watch-out-'));
    await mkdir(path.join(outside, 'moved/inner'), { recursive: true });
    await writeFile(path.join(outside, 'moved/inner/2024-01-02-b.md'), 'x');
    await rename(path.join(outside, 'moved'), path.join(dir, '_posts/moved'));
    await rm(outside, { recursive: true, force: true });
    expect(await next()).toBeNull();
    await writeFile(path.join(dir, '_posts/moved/inner/2024-01-03-c.md'), 'x');
    expect([...((await next()) ?? ['(null)'])]).toContain(path.join('_posts', 'moved', 'inner', '2024-01-03-c.md'));
  });

  it('reports a folder removed from the tree as null, and keeps watching the rest', async () => {
    const { next } = await watched(['_posts/old', '_posts/kept']);
    await rm(path.join(dir, '_posts/old'), { recursive: true });
    expect(await next()).toBeNull();
    await writeFile(path.join(dir, '_posts/kept/2024-01-04-d.md'), 'x');
    expect([...((await next()) ?? ['(null)'])]).toContain(path.join('_posts', 'kept', '2024-01-04-d.md'));
  });
});
