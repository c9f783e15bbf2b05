import { mkdir, mkdtemp, rename, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHerald, type Herald } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { startLiveUpdates } from '../../src/live-updates.js';
import { FakeClock, repoRoot, silent } from '../helpers.js';

let dir: string;
let postsDir: string;
let stops: Array<() => void> = [];

const post = (title: string, extra = '') => `---\ntitle: ${title}\n${extra}---\nText of ${title}.\n`;

function herald(clock?: FakeClock): Herald {
  const config = parseConfig(
    {
      site: { url: 'https://example.com', timezone: 'UTC' },
      paths: { posts: postsDir, static: path.join(dir, 'static') },
      watch: { debounceMs: 20, rescanSeconds: 0 },
    },
    repoRoot,
  );
  return createHerald(config, silent, clock ? { clock } : {});
}

async function titles(h: Herald): Promise<string[]> {
  const res = await request(h.handler).get('/feed.json');
  return res.body.items.map((item: { title: string }) => item.title);
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'herald-live-'));
  postsDir = path.join(dir, 'posts');
  await mkdir(postsDir);
  await writeFile(path.join(postsDir, '2024-01-01-first.md'), post('First'));
  await writeFile(path.join(postsDir, '2024-01-02-second.md'), post('Second'));
});

afterEach(async () => {
  stops.forEach((stop) => stop());
  stops = [];
  await rm(dir, { recursive: true, force: true });
});

describe('the watcher', () => {
  it('started before the first load, holds what it sees until the load is over, then reads it: a post written after the listing is served', async () => {
    const h = herald();
    let loaded!: () => void;
    stops.push(startLiveUpdates(h, silent, new Promise<void>((resolve) => (loaded = resolve))));
    // The load lists the folder before reload() returns its promise: the post comes after the listing.
    const load = h.publisher.reload();
    await writeFile(path.join(postsDir, '2024-01-03-third.md'), post('Third'));
    await load;
    // Seen (past the 20 ms debounce) and held.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await titles(h)).toEqual(['Second', 'First']);
    loaded();
    await vi.waitFor(async () => expect(await titles(h)).toEqual(['Third', 'Second', 'First']), { timeout: 3000, interval: 20 });
  });

  it('started before the first load, starts its rescans when the load is over: none is due during it', async () => {
    const config = parseConfig({ site: { url: 'https://example.com', timezone: 'UTC' }, paths: { posts: postsDir, static: path.join(dir, 'static') }, watch: { debounceMs: 20, rescanSeconds: 1 } }, repoRoot);
    const h = createHerald(config, silent);
    const reloads = vi.spyOn(h.publisher, 'reload');
    let loaded!: () => void;
    stops.push(startLiveUpdates(h, silent, new Promise<void>((resolve) => (loaded = resolve))));
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(reloads).not.toHaveBeenCalled();
    loaded();
    await vi.waitFor(() => expect(reloads).toHaveBeenCalledTimes(1), { timeout: 3000, interval: 20 });
  });

  it('stopped before the first load ended, drops what it held', async () => {
    const h = herald();
    let loaded!: () => void;
    const stop = startLiveUpdates(h, silent, new Promise<void>((resolve) => (loaded = resolve)));
    const changed = vi.spyOn(h.publisher, 'filesChanged');
    await writeFile(path.join(postsDir, '2024-01-03-third.md'), post('Third'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    stop();
    loaded();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(changed).not.toHaveBeenCalled();
  });

  it('serves added, edited, renamed and deleted posts without a restart', async () => {
    const h = herald();
    await h.publisher.reload();
    stops.push(startLiveUpdates(h, silent));
    const wait = (expected: string[]) => vi.waitFor(async () => expect(await titles(h)).toEqual(expected), { timeout: 3000, interval: 20 });

    await writeFile(path.join(postsDir, '2024-01-03-third.md'), post('Third'));
    await wait(['Third', 'Second', 'First']);
    await writeFile(path.join(postsDir, '2024-01-03-third.md'), post('Third, edited'));
    await wait(['Third, edited', 'Second', 'First']);
    await rename(path.join(postsDir, '2024-01-03-third.md'), path.join(postsDir, '2024-01-04-moved.md'));
    await vi.waitFor(
      async () => expect((await request(h.handler).get('/feed.json')).body.items[0].url).toBe('https://example.com/2024/01/04/moved.html'),
      { timeout: 3000, interval: 20 },
    );
    expect(await titles(h)).toEqual(['Third, edited', 'Second', 'First']);
    await unlink(path.join(postsDir, '2024-01-01-first.md'));
    await wait(['Third, edited', 'Second']);
  });

  it('keeps serving the last good version of a post broken by an edit, and reports it', async () => {
    const h = herald();
    await h.publisher.reload();
    stops.push(startLiveUpdates(h, silent));
    await writeFile(path.join(postsDir, '2024-01-02-second.md'), '---\ntitle: "unclosed\n---\nx');
    await vi.waitFor(async () => expect((await request(h.handler).get('/status')).body.status).toBe('degraded'), { timeout: 3000, interval: 20 });
    expect(await titles(h)).toEqual(['Second', 'First']);
    const status = (await request(h.handler).get('/status')).body;
    expect(status.content.problems[0]).toMatchObject({ file: '2024-01-02-second.md', reason: expect.stringMatching(/last good version/) });
  });

  it('keeps serving the last good feeds when the folder disappears, and picks it up again when it returns', async () => {
    const h = herald();
    await h.publisher.reload();
    // The reloads here are explicit: the watcher's own events for the vanished folder would race them.
    // Gone at once, as an unmounted volume or a moved folder is (rm -r would delete the posts one by one
    // first, and a watcher that sees those deletions rightly drops the posts).
    await rename(postsDir, `${postsDir}.gone`);
    await h.publisher.reload();
    expect(await titles(h)).toEqual(['Second', 'First']);
    expect((await request(h.handler).get('/status')).body.content.folderProblem).toMatch(/still serving the last 2 posts/);
    await mkdir(postsDir);
    await writeFile(path.join(postsDir, '2024-01-05-back.md'), post('Back'));
    await h.publisher.reload();
    expect(await titles(h)).toEqual(['Back']);
  });
});

describe('the static folder', () => {
  it('updates the enclosure length when an image file changes', async () => {
    await mkdir(path.join(dir, 'static'));
    await writeFile(path.join(dir, 'static/pic.png'), Buffer.alloc(100));
    await writeFile(path.join(postsDir, '2024-01-03-pic.md'), post('Pic', 'image: pic.png\n'));
    const h = herald();
    await h.publisher.reload();
    stops.push(startLiveUpdates(h, silent));
    const length = async () => /<enclosure url="https:\/\/example.com\/pic.png" length="(\d+)"/.exec((await request(h.handler).get('/feed.xml')).text)?.[1];
    expect(await length()).toBe('100');
    await writeFile(path.join(dir, 'static/pic.png'), Buffer.alloc(2500));
    await vi.waitFor(async () => expect(await length()).toBe('2500'), { timeout: 3000, interval: 20 });
  });
});

describe('versions and validators', () => {
  it('gives the same ETag after a restart on unchanged posts (304) and a new one after a post changes', async () => {
    const first = herald();
    await first.publisher.reload();
    const etag = (await request(first.handler).get('/atom.xml')).headers.etag as string;
    const restarted = herald();
    await restarted.publisher.reload();
    expect((await request(restarted.handler).get('/atom.xml').set('If-None-Match', etag)).status).toBe(304);
    await writeFile(path.join(postsDir, '2024-01-02-second.md'), post('Second, edited'));
    await restarted.publisher.filesChanged(['2024-01-02-second.md']);
    const changed = await request(restarted.handler).get('/atom.xml').set('If-None-Match', etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });
});

describe('future posts', () => {
  it('appear by themselves when their time comes, with no restart', async () => {
    await writeFile(path.join(postsDir, '2024-03-01-later.md'), post('Later', 'date: 2024-03-01 12:00:00\n'));
    const clock = new FakeClock(new Date('2024-02-01T00:00:00Z'));
    const h = herald(clock);
    await h.publisher.reload();
    expect(await titles(h)).toEqual(['Second', 'First']);
    clock.advance(29 * 24 * 3600 * 1000 + 12 * 3600 * 1000 - 1);
    expect(await titles(h)).toEqual(['Second', 'First']);
    clock.advance(1);
    expect(await titles(h)).toEqual(['Later', 'Second', 'First']);
  });
});
