import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createHerald, type Herald } from '../src/compose.js';
import { parseConfig } from '../src/config/load-config.js';
import type { Clock } from '../src/store/publisher.js';
import type { Rendered } from '../src/store/rendered.js';

export const repoRoot = path.resolve(import.meta.dirname, '..');
export const fixtures = path.join(repoRoot, 'tests/fixtures');
export const silent = pino({ level: 'silent' });

/** A clock stopped at `at`; `advance` moves it and fires due timers, in order. */
export class FakeClock implements Clock {
  private timers: Array<{ at: number; callback: () => void; id: number }> = [];
  private nextId = 1;
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  setTimeout(callback: () => void, ms: number): { unref(): void; id: number } {
    const id = this.nextId++;
    this.timers.push({ at: this.current.getTime() + ms, callback, id });
    return { id, unref() {} };
  }
  clearTimeout(handle: unknown): void {
    const id = (handle as { id?: number } | undefined)?.id;
    this.timers = this.timers.filter((timer) => timer.id !== id);
  }
  advance(ms: number): void {
    const until = this.current.getTime() + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.current = new Date(due.at);
      due.callback();
    }
    this.current = new Date(until);
  }
}

/** A Herald over the fixture posts (or another folder), loaded and ready for supertest. */
export async function fixtureHerald(
  overrides: Record<string, unknown> = {},
  clock: Clock = new FakeClock(new Date('2024-06-01T00:00:00Z')),
): Promise<Herald> {
  const raw = {
    site: {
      title: 'Fixture Site',
      description: 'Fixture posts',
      url: 'https://example.com',
      language: 'en',
      author: { name: 'Site Author', email: 'site@example.com' },
      timezone: 'Europe/Paris',
      ...(overrides.site as object),
    },
    paths: { posts: path.join(fixtures, 'posts'), static: path.join(fixtures, 'static'), ...(overrides.paths as object) },
    feeds: { ...(overrides.feeds as object) },
    ...(overrides.server ? { server: overrides.server } : {}),
    ...(overrides.stats ? { stats: overrides.stats } : {}),
    ...(overrides.urls ? { urls: overrides.urls } : {}),
    ...(overrides.operator ? { operator: overrides.operator } : {}),
    ...(overrides.probe ? { probe: overrides.probe } : {}),
  };
  const herald = createHerald(parseConfig(raw, repoRoot), silent, { clock, random: () => new Uint8Array(16).fill(9) });
  await herald.publisher.reload();
  return herald;
}

/** A temporary folder holding `posts/` with the given files; `remove` deletes it all. */
export async function tempPosts(files: Readonly<Record<string, string>>): Promise<{ dir: string; postsDir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'herald-test-'));
  const postsDir = path.join(dir, 'posts');
  await mkdir(postsDir);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(postsDir, name), text);
  return { dir, postsDir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A Herald at https://example.com over `dir/posts` (static folder `dir`), its posts loaded; `more` adds other
 * config sections. Self-validation checks on the main thread unless `more` says `validation: { worker: true }`:
 * a worker run from source loads the TypeScript through tsx, seconds per run on a loaded machine.
 */
export async function heraldOn(dir: string, feeds: Record<string, unknown> = {}, more: Record<string, unknown> = {}): Promise<Herald> {
  const config = parseConfig({ site: { url: 'https://example.com' }, paths: { posts: path.join(dir, 'posts'), static: dir }, feeds, validation: { worker: false }, ...more }, repoRoot);
  const herald = createHerald(config, silent);
  await herald.publisher.reload();
  return herald;
}

/** What Herald serves at a path and query (parsed by its URL scheme, taken from its store), or undefined off its scheme. */
export function feedAt(herald: Herald, target: string): Rendered | undefined {
  const url = new URL(target, 'http://herald.invalid');
  const address = herald.scheme.parseAddress(url.pathname, url.searchParams);
  return address && herald.store.get(address);
}
