import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Manifest } from '../generate-posts.js';
import { makePost } from '../lib/post-text.js';
import type { Random } from '../lib/random.js';

/** How many of each edit the writer made. */
export type WriterStats = Record<'retitled' | 'added' | 'deleted' | 'brokeNew' | 'removedBroken' | 'brokeExisting' | 'repaired', number>;

const BROKEN = '---\ntitle: "unterminated\ndate: 2024-02-30\ntags: [a, b\n---\nThis post has broken front matter.\n';

/**
 * Edits the posts folder every `intervalMs` until `deadline`: rewrites titles (in place or by rename), adds and
 * deletes posts, writes broken posts and breaks existing ones for a while. Only posts it added are deleted, so
 * the category and tag feeds being polled keep existing.
 */
export async function runWriter(dir: string, manifest: Manifest, random: Random, deadline: number, intervalMs: number): Promise<WriterStats> {
  const stats: WriterStats = { retitled: 0, added: 0, deleted: 0, brokeNew: 0, removedBroken: 0, brokeExisting: 0, repaired: 0 };
  const originals = manifest.map((post) => post.fileName);
  const added: string[] = [];
  const broken: string[] = [];
  const damaged = new Map<string, string>();
  let next = 1_000_000;
  const save = async (file: string, text: string) => {
    if (random.chance(0.5)) return writeFile(file, text);
    const temp = path.join(dir, `.${path.basename(file)}.tmp`);
    await writeFile(temp, text);
    await rename(temp, file);
  };
  while (performance.now() < deadline) {
    const roll = random.next();
    if (damaged.size > 0 && (roll < 0.1 || damaged.size > 3)) {
      const [name, source] = damaged.entries().next().value as [string, string];
      await save(path.join(dir, name), source);
      damaged.delete(name);
      stats.repaired++;
    } else if (roll < 0.6) {
      const name = random.pick(originals);
      if (!damaged.has(name)) {
        const file = path.join(dir, name);
        const source = await readFile(file, 'utf8');
        await save(file, source.replace(/^title: .*$/m, `title: ${JSON.stringify(`Edited ${random.hex(8)} & <checked>`)}`));
        stats.retitled++;
      }
    } else if (roll < 0.72) {
      const post = makePost(random, next++);
      await save(path.join(dir, post.fileName), post.source);
      added.push(post.fileName);
      stats.added++;
    } else if (roll < 0.82 && added.length > 0) {
      await rm(path.join(dir, added.splice(random.int(0, added.length - 1), 1)[0]!), { force: true });
      stats.deleted++;
    } else if (roll < 0.88) {
      const name = `2024-02-29-broken-${random.hex(6)}.md`;
      await writeFile(path.join(dir, name), BROKEN);
      broken.push(name);
      stats.brokeNew++;
    } else if (roll < 0.94 && broken.length > 0) {
      await rm(path.join(dir, broken.shift()!), { force: true });
      stats.removedBroken++;
    } else {
      const name = random.pick(originals);
      if (!damaged.has(name)) {
        const file = path.join(dir, name);
        damaged.set(name, await readFile(file, 'utf8'));
        await writeFile(file, BROKEN);
        stats.brokeExisting++;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return stats;
}
