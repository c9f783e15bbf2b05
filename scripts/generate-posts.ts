// Writes N realistic, seeded Jekyll posts into a folder: `npx tsx scripts/generate-posts.ts --count 10000 --out DIR`.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { makePost, type GeneratedPost } from './lib/post-text.js';
import { Random } from './lib/random.js';

/** What a generated folder holds, for the benchmarks: one entry per file, in generation order. */
export type Manifest = ReadonlyArray<Omit<GeneratedPost, 'source'>>;

export const DEFAULT_SEED = 42;

/** Writes `count` posts into `out` (created if missing); the same seed always writes the same bytes. */
export async function generatePosts(count: number, out: string, seed = DEFAULT_SEED): Promise<Manifest> {
  await mkdir(out, { recursive: true });
  const random = new Random(seed);
  const manifest: Array<Omit<GeneratedPost, 'source'>> = [];
  const batch: Array<Promise<void>> = [];
  for (let index = 0; index < count; index++) {
    const { source, ...entry } = makePost(random, index);
    manifest.push(entry);
    batch.push(writeFile(path.join(out, entry.fileName), source));
    if (batch.length >= 64) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
  return manifest;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '1000' },
      out: { type: 'string' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
    },
  });
  const count = Number(values.count);
  const seed = Number(values.seed);
  if (!values.out || !Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
    process.stderr.write('usage: tsx scripts/generate-posts.ts --count N --out DIR [--seed S]\n');
    process.exit(2);
  }
  const started = performance.now();
  const manifest = await generatePosts(count, path.resolve(values.out), seed);
  const visible = manifest.filter((post) => post.visible).length;
  process.stdout.write(`wrote ${count} posts (${visible} visible) to ${values.out} in ${Math.round(performance.now() - started)} ms (seed ${seed})\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
