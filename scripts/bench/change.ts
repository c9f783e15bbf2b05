import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pollUntil } from '../lib/http-get.js';
import { startReadyHerald } from '../lib/herald.js';
import { copyOfPosts } from '../lib/posts-cache.js';
import { median } from '../lib/table.js';

const WAIT_MS = 10_000;

/** Median ms from rewriting a post's title on disk until /feed.xml shows it, or undefined if it never does. */
export async function measureChange(count: number, edits: number, log: (line: string) => void): Promise<number | undefined> {
  const dir = await mkdtemp(path.join(tmpdir(), 'herald-change-'));
  try {
    const { manifest } = await copyOfPosts(count, path.join(dir, 'posts'));
    const newest = manifest.filter((post) => post.visible).reduce((a, b) => (b.date > a.date ? b : a));
    const file = path.join(dir, 'posts', newest.fileName);
    const herald = await startReadyHerald(path.join(dir, 'posts'), { ITEMS_PER_FEED: '50', LOG_LEVEL: 'warn' });
    try {
      const times: number[] = [];
      for (let edit = 0; edit < edits; edit++) {
        const token = `Bench change ${process.pid}-${edit}-${Date.now().toString(36)}`;
        const source = await readFile(file, 'utf8');
        const changed = source.replace(/^title: .*$/m, `title: ${JSON.stringify(token)}`);
        const started = performance.now();
        await writeFile(file, changed);
        const seen = await pollUntil(`${herald.baseUrl}/feed.xml`, (r) => r.status === 200 && r.body.includes(token), {
          timeoutMs: WAIT_MS,
          stillAlive: () => !herald.child.exited(),
        });
        if (!seen) {
          log(`change: edit ${edit + 1} not visible after ${WAIT_MS} ms`);
          return undefined;
        }
        times.push(performance.now() - started);
        log(`change: edit ${edit + 1}/${edits} visible after ${Math.round(times.at(-1)!)} ms`);
      }
      return median(times);
    } finally {
      await herald.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
