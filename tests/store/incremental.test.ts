import { mkdtemp, rename, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { siteSettings } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { PostLibrary } from '../../src/content/post-library.js';
import type { Post } from '../../src/model/post.js';
import { FeedStore } from '../../src/store/feed-store.js';
import { Publisher } from '../../src/store/publisher.js';
import { buildSnapshot, type Snapshot } from '../../src/store/snapshot.js';
import { FakeClock, fixtures, repoRoot, silent } from '../helpers.js';

const site = { url: 'https://example.com', timezone: 'UTC', permalink: '/:year/:month/:day/:slug.html', staticDir: path.join(fixtures, 'static'), excerptSeparator: '\n\n', markdownExt: ['md', 'markdown'], authors: {}, ids: 'permalink' as const };
const limits = { maxPostBytes: 64 * 1024, maxPosts: 1000, maxTermsPerPost: 100 };
const START = new Date('2030-01-01T00:00:00Z');

// A seeded generator (mulberry32), so a failing sequence can be replayed.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Spec {
  title: string;
  date: string;
  categories: string[];
  tags: string[];
  author?: string;
  id?: string;
  published: boolean;
  modified?: string;
}

function source(spec: Spec): string {
  const lines = [`title: ${JSON.stringify(spec.title)}`, `date: ${spec.date}`, `categories: [${spec.categories.join(', ')}]`, `tags: [${spec.tags.join(', ')}]`];
  if (spec.author) lines.push(`author: ${spec.author}`);
  if (spec.id) lines.push(`id: ${spec.id}`);
  if (!spec.published) lines.push('published: false');
  if (spec.modified) lines.push(`last_modified_at: ${spec.modified}`);
  return `---\n${lines.join('\n')}\n---\nThe text of ${spec.title}.\n`;
}

// What a reader of the snapshot sees, by value: posts by file, every index in its order, the dates.
function view(snapshot: Snapshot) {
  const files = (posts: readonly Post[]) => posts.map((post) => `${post.file} ${post.id} ${post.title}`);
  const index = (terms: Snapshot['categories']) => [...terms].map(([slug, { term, posts, updated }]) => ({ slug, term, posts: files(posts), updated }));
  return {
    posts: files(snapshot.posts),
    updated: snapshot.updated,
    modified: snapshot.modified,
    nextReveal: snapshot.nextReveal,
    categories: index(snapshot.categories),
    tags: index(snapshot.tags),
    authors: index(snapshot.authors),
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'herald-incremental-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a change of one file at a time', () => {
  it.each([1, 2, 3])('serves what a full rebuild from the same files serves, after every step (seed %i)', async (seed) => {
    const next = random(seed);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const some = (items: readonly string[]) => items.filter(() => next() < 0.3);
    const day = (years = ['21', '22', '23', '24', '30', '31']) => `20${pick(years)}-0${1 + Math.floor(next() * 3)}-1${Math.floor(next() * 10)}`;
    const spec = (): Spec => ({
      title: `Post ${Math.floor(next() * 1e6)}`,
      date: day(),
      categories: some(['news', 'News', 'travel', 'food', 'Café Culture']),
      tags: some(['a', 'b', 'c', 'd', 'e', 'f']),
      ...(next() < 0.6 ? { author: pick(['Ann', 'Bo', 'Cy', 'ann']) } : {}),
      ...(next() < 0.1 ? { id: pick(['urn:x:1', 'urn:x:2']) } : {}),
      published: next() < 0.9,
      ...(next() < 0.2 ? { modified: day(['23', '24']) } : {}),
    });
    const specs = new Map<string, Spec>();
    let made = 0;
    const newName = () => `2024-01-${String(1 + (made % 28)).padStart(2, '0')}-p${made++}.md`;
    // Every file gets a modification time of its own in 2028-29, after the posts' dates (but the future
    // ones) and before the clock, and the folder an older one: the newest file decides Last-Modified.
    const write = async (name: string, text: string) => {
      await writeFile(path.join(dir, name), text);
      const time = 1.85e9 + next() * 3e7;
      await utimes(path.join(dir, name), time, time);
    };
    const ageFolder = () => utimes(dir, 1.6e9, 1.6e9);
    for (let i = 0; i < 16; i++) {
      const name = newName();
      specs.set(name, spec());
      await write(name, source(specs.get(name)!));
    }
    await ageFolder();
    const clock = new FakeClock(START);
    const library = new PostLibrary(dir, site, limits);
    const config = parseConfig({ site: { url: 'https://example.com' }, paths: { posts: dir, static: dir } }, repoRoot);
    const settings = siteSettings(config);
    const store = new FeedStore(settings, { itemsPerFeed: 5, maxBytes: 1 << 24 }, buildSnapshot([], clock.now()));
    const publisher = new Publisher(library, store, silent, clock);
    await publisher.reload();
    // The reference reads the whole folder at every step, keeping the last good version of a broken post as a rescan does.
    const reference = new PostLibrary(dir, site, limits);
    await reference.load();
    let patched = 0;
    const names = () => [...specs.keys()];
    for (let step = 0; step < 60; step++) {
      const op = pick(['title', 'date', 'terms', 'author', 'id', 'published', 'add', 'delete', 'break', 'repair', 'rename', 'advance']);
      const name = pick(names());
      let changed = [name];
      const edit = async (change: Partial<Spec>) => {
        specs.set(name, { ...specs.get(name)!, ...change });
        await write(name, source(specs.get(name)!));
      };
      if (op === 'title') await edit({ title: `Retitled ${step}` });
      else if (op === 'date') await edit({ date: day() });
      else if (op === 'terms') await edit({ categories: some(['news', 'travel', 'food', 'Café Culture']), tags: some(['a', 'b', 'c', 'g']) });
      else if (op === 'author') await edit({ author: pick(['Ann', 'Bo', 'Dee']) });
      else if (op === 'id') await edit({ id: pick(['urn:x:1', 'urn:x:2', 'urn:x:3']) });
      else if (op === 'published') await edit({ published: !specs.get(name)!.published });
      else if (op === 'repair') await edit({});
      else if (op === 'break') await write(name, '---\ntitle: [unclosed\n---\nBroken.\n');
      else if (op === 'add' || (op === 'delete' && specs.size < 4)) {
        const added = newName();
        specs.set(added, spec());
        await write(added, source(specs.get(added)!));
        changed = [added];
      } else if (op === 'delete') {
        specs.delete(name);
        await unlink(path.join(dir, name));
      } else if (op === 'rename') {
        const to = newName();
        specs.set(to, specs.get(name)!);
        specs.delete(name);
        await rename(path.join(dir, name), path.join(dir, to));
        changed = [name, to];
      } else {
        // Time passes until the next future post's date: the publisher's timer reveals it.
        const reveal = store.snapshot.nextReveal;
        if (reveal) clock.advance(reveal.getTime() - clock.now().getTime());
      }
      await ageFolder();
      const before = store.snapshot;
      if (op !== 'advance') await publisher.filesChanged(changed);
      // A patched snapshot shares the groups the change did not touch with the one before; a rebuilt one shares none.
      const groups = (snapshot: Snapshot) => [...snapshot.categories.values(), ...snapshot.tags.values(), ...snapshot.authors.values()];
      if (store.snapshot !== before && groups(store.snapshot).some((group) => groups(before).includes(group))) patched++;
      const fresh = await reference.load();
      const rebuilt = buildSnapshot(fresh.posts, clock.now(), settings.author, fresh.modified);
      expect(view(store.snapshot), `step ${step}: ${op} ${changed.join(', ')}`).toEqual(view(rebuilt));
      expect({ posts: publisher.contentStatus.posts, problems: publisher.contentStatus.problems }, `step ${step}: ${op}`).toEqual({ posts: fresh.posts.length, problems: fresh.problems });
    }
    expect(patched).toBeGreaterThan(20);
  });
});
