import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { siteSettings } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { PostLibrary } from '../../src/content/post-library.js';
import type { Post } from '../../src/model/post.js';
import { FeedStore } from '../../src/store/feed-store.js';
import { Publisher } from '../../src/store/publisher.js';
import { buildSnapshot } from '../../src/store/snapshot.js';
import { FakeClock, fixtures, repoRoot, silent } from '../helpers.js';

const site = { url: 'https://example.com', timezone: 'UTC', permalink: '/:year/:month/:day/:slug.html', staticDir: path.join(fixtures, 'static'), excerptSeparator: '\n\n', markdownExt: ['md'], authors: {}, ids: 'permalink' as const };
const limits = { maxPostBytes: 64 * 1024, maxPosts: 1000, maxTermsPerPost: 100 };
let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the first feed page after a full load', () => {
  it('has its bodies sent to render once every file is read, before the load makes its result: the newest visible posts, then whatever the page shows besides', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'herald-first-page-'));
    const post = (title: string, extra = '') => `---\ntitle: ${title}\n${extra}---\nBody of ${title}.\n`;
    await writeFile(path.join(dir, '2024-01-01-old.md'), post('Old'));
    await writeFile(path.join(dir, '2024-01-02-mid.md'), post('Mid'));
    await writeFile(path.join(dir, '2024-01-03-draft.md'), post('Draft', 'published: false\n'));
    await writeFile(path.join(dir, '2024-01-04-new.md'), post('New'));
    await writeFile(path.join(dir, '2099-01-01-future.md'), post('Future'));
    const clock = new FakeClock(new Date('2025-01-01T00:00:00Z'));
    const library = new PostLibrary(dir, site, limits);
    const config = parseConfig({ site: { url: 'https://example.com' }, paths: { posts: dir, static: dir } }, repoRoot);
    const store = new FeedStore(siteSettings(config), { itemsPerFeed: 2, maxBytes: 1 << 24 }, buildSnapshot([], clock.now()));
    const events: string[] = [];
    const load = library.load.bind(library);
    vi.spyOn(library, 'load').mockImplementation(async (onRead) => {
      const result = await load(onRead);
      events.push('loaded');
      return result;
    });
    vi.spyOn(library, 'renderServed').mockImplementation(async (posts: readonly Post[]) => {
      events.push(`render ${posts.map((one) => one.title).join(', ')}`);
      return false;
    });
    await new Publisher(library, store, silent, clock).reload();
    // The guess is right. Once the page is built, its bodies not ready yet are asked for again (all of them
    // here, where the renders do nothing).
    expect(events).toEqual(['render New, Mid', 'loaded', 'render New, Mid']);
    expect(store.snapshot.posts.slice(0, 2).map((one) => one.title)).toEqual(['New', 'Mid']);
  });
});
