import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { BodyCache } from '../../src/content/body-cache.js';
import { PostLibrary, PostsFolderError } from '../../src/content/post-library.js';
import { RenderPool } from '../../src/content/render-pool.js';
import { fixtures } from '../helpers.js';

const site = { url: 'https://example.com', timezone: 'UTC', permalink: '/:year/:month/:day/:slug.html', staticDir: path.join(fixtures, 'static'), excerptSeparator: '\n\n', markdownExt: ['md', 'markdown'], authors: {}, ids: 'permalink' as const };
const limits = { maxPostBytes: 64 * 1024, maxPosts: 1000, maxTermsPerPost: 100 };

describe('PostLibrary over the fixture posts', () => {
  it('serves the good posts and reports every bad file by name with its reason', async () => {
    const { posts, problems } = await new PostLibrary(path.join(fixtures, 'posts'), site, limits).load();
    expect(posts.map((p) => p.file).sort()).toEqual([
      '2024-01-10-plain-post.md',
      '2024-01-11-hash-author.md',
      '2024-01-12-remote-image.md',
      '2024-01-13-draft.md',
      '2024-01-17-bom-crlf.md',
      '2099-01-01-future.md',
    ]);
    expect(problems).toEqual([
      { file: '2024-01-14-broken-yaml.md', line: expect.any(Number), reason: expect.stringMatching(/^invalid YAML front matter/) },
      { file: '2024-01-15-bad-date.md', reason: "date \"yesterday-ish\" is not a date (as Ruby's Time.parse reads dates): no date in it" },
      { file: '2024-01-16-not-utf8.md', reason: 'not UTF-8 text' },
    ]);
  });
});

describe('PostLibrary on a folder that changes', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'herald-lib-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the last good version of a post that breaks on edit, and reports it', async () => {
    const library = new PostLibrary(dir, site, limits);
    await writeFile(path.join(dir, '2024-01-01-a.md'), '---\ntitle: Good\n---\nText');
    expect((await library.load()).posts[0]?.title).toBe('Good');
    await writeFile(path.join(dir, '2024-01-01-a.md'), '---\ntitle: [unclosed\n---\nText');
    const broken = await library.load();
    expect(broken.posts[0]?.title).toBe('Good');
    expect(broken.problems[0]?.reason).toMatch(/serving its last good version/);
    await writeFile(path.join(dir, '2024-01-01-a.md'), '---\ntitle: Fixed\n---\nText');
    const fixed = await library.load();
    expect(fixed.posts[0]?.title).toBe('Fixed');
    expect(fixed.problems).toEqual([]);
  });

  it('enforces the size and count limits with messages that name the setting', async () => {
    await writeFile(path.join(dir, '2024-01-01-big.md'), `---\ntitle: Big\n---\n${'x'.repeat(5000)}`);
    await writeFile(path.join(dir, '2024-01-02-b.md'), '---\ntitle: B\n---\nb');
    await writeFile(path.join(dir, '2024-01-03-c.md'), '---\ntitle: C\n---\nc');
    const { posts, problems } = await new PostLibrary(dir, site, { maxPostBytes: 2048, maxPosts: 2, maxTermsPerPost: 100 }).load();
    const over = await new PostLibrary(dir, site, { maxPostBytes: 2048, maxPosts: 2, maxTermsPerPost: 100 }).load();
    // Over maxPosts the oldest (big, by its date) is left out, and reported as the limit reached; the newest two are read.
    expect(over.posts.map((p) => p.title)).toEqual(['B', 'C']);
    expect(over.problems).toEqual([]);
    expect(over.limitsReached).toEqual([{ key: 'limits.maxPosts', limit: 2, found: 3, leftOut: 1, newestLeftOut: '2024-01-01-big.md' }]);
    const all = await new PostLibrary(dir, site, { maxPostBytes: 2048, maxPosts: 3, maxTermsPerPost: 100 }).load();
    expect(all.problems.map((p) => p.reason)).toEqual(['larger than 2048 bytes (limits.maxPostBytes)']);
    expect(all.limitsReached).toEqual([]);
  });

  it('leaves out the oldest by the date in the names, in folders too, and reads one that comes back under the limit', async () => {
    await mkdir(path.join(dir, 'b'));
    await writeFile(path.join(dir, 'b/2023-05-01-old.md'), '---\ntitle: Old\n---\nx');
    await writeFile(path.join(dir, '2024-02-01-mid.md'), '---\ntitle: Mid\n---\nx');
    await writeFile(path.join(dir, '2024-03-01-new.md'), '---\ntitle: New\n---\nx');
    const library = new PostLibrary(dir, site, { maxPostBytes: 2048, maxPosts: 2, maxTermsPerPost: 100 });
    const first = await library.load();
    expect(first.posts.map((p) => p.title)).toEqual(['Mid', 'New']);
    expect(first.limitsReached).toEqual([{ key: 'limits.maxPosts', limit: 2, found: 3, leftOut: 1, newestLeftOut: 'b/2023-05-01-old.md' }]);
    // A new post pushes out the oldest kept one, not itself.
    await writeFile(path.join(dir, '2024-04-01-newer.md'), '---\ntitle: Newer\n---\nx');
    const next = await library.update(['2024-04-01-newer.md']);
    expect(next.posts.map((p) => p.title)).toEqual(['New', 'Newer']);
    expect(next.limitsReached).toEqual([{ key: 'limits.maxPosts', limit: 2, found: 4, leftOut: 2, newestLeftOut: '2024-02-01-mid.md' }]);
    // Deleting two lets the one never read (the oldest) back in, read then.
    await rm(path.join(dir, '2024-04-01-newer.md'));
    await rm(path.join(dir, '2024-03-01-new.md'));
    const after = await library.update(['2024-04-01-newer.md', '2024-03-01-new.md']);
    expect(after.posts.map((p) => p.title)).toEqual(['Mid', 'Old']);
    expect(after.limitsReached).toEqual([]);
  });

  it('does not follow a symbolic link that leads outside the folder', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'herald-outside-'));
    await writeFile(path.join(outside, 'secret.md'), '---\ntitle: Secret\n---\nx');
    await symlink(path.join(outside, 'secret.md'), path.join(dir, '2024-01-01-link.md'));
    const { posts, problems } = await new PostLibrary(dir, site, limits).load();
    expect(posts).toEqual([]);
    expect(problems[0]).toEqual({ file: '2024-01-01-link.md', reason: 'symbolic link leads outside the posts folder' });
    await rm(outside, { recursive: true, force: true });
  });

  it('leaves out of a load\'s result a post whose body failed while the load was under way (rendered early, as the first feed page\'s are)', async () => {
    await writeFile(path.join(dir, '2024-01-01-kept.md'), '---\ntitle: Kept\n---\nKept body');
    await writeFile(path.join(dir, '2024-01-02-changed.md'), '---\ntitle: Changed\n---\nFirst body');
    const pool = new RenderPool(10_000, 1);
    const library = new PostLibrary(dir, site, limits, undefined, undefined, pool.render, { bodies: new BodyCache(1 << 20) });
    const rendered: Promise<boolean>[] = [];
    const { posts, problems } = await library.load((read) => {
      // Its file changes after it was read: its body, read again to render, is not the one read.
      writeFileSync(path.join(dir, '2024-01-02-changed.md'), '---\ntitle: Changed\n---\nSecond body');
      rendered.push(library.renderServed(read));
    });
    await Promise.all(rendered);
    expect(posts.map((post) => post.title)).toEqual(['Kept']);
    expect(problems).toEqual([{ file: '2024-01-02-changed.md', reason: 'the file changed since it was read; it is read again at the next reload' }]);
    expect(library.current().posts.map((post) => post.title)).toEqual(['Kept']);
    // Read again, the file is served as it is now.
    expect((await library.load()).posts.map((post) => post.title)).toEqual(['Kept', 'Changed']);
  });

  it('reports two posts with the same id, keeping the first by file name', async () => {
    await cp(path.join(fixtures, 'posts/2024-01-10-plain-post.md'), path.join(dir, '2024-01-10-plain-post.md'));
    await writeFile(path.join(dir, '2024-01-10-plain-post.markdown'), '---\ntitle: Twin\n---\nx');
    const { posts, problems } = await new PostLibrary(dir, site, limits).load();
    expect(posts).toHaveLength(1);
    expect(problems[0]?.reason).toMatch(/same id/);
  });

  it('throws PostsFolderError when the folder is gone', async () => {
    await expect(new PostLibrary(path.join(dir, 'missing'), site, limits).load()).rejects.toBeInstanceOf(PostsFolderError);
  });
});
