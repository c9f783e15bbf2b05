import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, generatePosts, type Manifest } from '../generate-posts.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CACHE = path.join(tmpdir(), 'herald-bench-cache');

// The generator's own source names the cache, so a change to it regenerates instead of reusing old posts.
async function generatorVersion(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of ['post-text.ts', 'vocabulary.ts', 'random.ts']) hash.update(await readFile(path.join(HERE, file)));
  return hash.digest('hex').slice(0, 10);
}

/** A folder of `count` generated posts, made once per count, seed and generator version and reused after. */
export async function cachedPosts(count: number, seed = DEFAULT_SEED): Promise<{ dir: string; manifest: Manifest }> {
  const dir = path.join(CACHE, `posts-${count}-seed${seed}-${await generatorVersion()}`);
  const manifestFile = `${dir}.json`;
  try {
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'), (key, value) => (key === 'date' ? new Date(value as string) : value)) as Manifest;
    return { dir, manifest };
  } catch {
    // not generated yet (the manifest is written last, so a half-written folder is made again)
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(CACHE, { recursive: true });
  const started = performance.now();
  const manifest = await generatePosts(count, dir, seed);
  await writeFile(manifestFile, JSON.stringify(manifest));
  process.stderr.write(`generated ${count} posts into ${dir} in ${Math.round(performance.now() - started)} ms\n`);
  return { dir, manifest };
}

/** A fresh copy of a cached folder of posts, for runs that edit files. */
export async function copyOfPosts(count: number, dest: string, seed = DEFAULT_SEED): Promise<{ dir: string; manifest: Manifest }> {
  const { dir, manifest } = await cachedPosts(count, seed);
  await cp(dir, dest, { recursive: true });
  return { dir: dest, manifest };
}
