import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/site/entry-filter.js';
import { jekyllSiteFiles, postsFolder } from '../../src/site/post-files.js';

// One rule for which files are posts: POSTS_DIR mode reads its folder as site mode reads `_posts/`.
const site = { url: 'https://example.com', timezone: 'UTC', permalink: '/:year/:month/:day/:slug.html', staticDir: '/nowhere', excerptSeparator: '\n\n', markdownExt: ['md', 'markdown'], authors: {}, ids: 'permalink' as const };
const root = mkdtempSync(path.join(os.tmpdir(), 'herald-post-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const files = [
  '2024-01-01-top.md', '2024-01-02-page.html', '2024-01-03-long.markdown', '2024-01-04-notes.txt',
  '.2024-01-05-hidden.md', '_2024-01-06-partial.md', '#2024-01-07-autosave.md', '2024-01-08-backup.md~',
  '2024/2024-02-01-in-a-year.md', '2024/_notes/2024-02-02-deeper.md', '2024/.git/2024-02-03-dot-folder.md',
  '2024/_2024-02-04-partial.md', '_old/2023-01-01-old.md', '~tmp/2023-01-02-tilde.md', 'a/b/c/2023-01-03-deep.md',
];
for (const file of files) {
  const at = path.join(root, '_posts', file);
  mkdirSync(path.dirname(at), { recursive: true });
  writeFileSync(at, '---\ntitle: x\n---\n');
}

describe('which files are posts', () => {
  const expected = ['2024-01-01-top.md', '2024-01-02-page.html', '2024-01-03-long.markdown', '2024/2024-02-01-in-a-year.md', '2024/_notes/2024-02-02-deeper.md', 'a/b/c/2023-01-03-deep.md'];

  it("reads a POSTS_DIR folder by Jekyll's EntryFilter: the path's first name and the file name count, dot names never", () => {
    expect(postsFolder.list(path.join(root, '_posts'), site).map((location) => location.file).sort()).toEqual([...expected].sort());
  });

  it('lists the same files in POSTS_DIR mode as site mode lists in `_posts/`, and locates each changed name alike', () => {
    const siteFiles = jekyllSiteFiles(() => ({ showDrafts: false, entries: DEFAULT_RULES }));
    const inSite = siteFiles.list(root, site).map((location) => location.file.replace(/^_posts\//, ''));
    expect(postsFolder.list(path.join(root, '_posts'), site).map((location) => location.file)).toEqual(inSite);
    for (const file of files) {
      expect(postsFolder.locate(file, site, path.join(root, '_posts')) !== undefined, file).toBe(siteFiles.locate(`_posts/${file}`, site, root) !== undefined);
    }
  });

  it('watches the folders it reads, special ones below the top included', () => {
    const folders = postsFolder.folders(path.join(root, '_posts'), site);
    expect(folders).toEqual(expect.arrayContaining(['', '2024', '2024/_notes', 'a/b/c']));
    expect(folders).not.toContain('2024/.git');
  });

  it('gives the folders from the walk that lists the posts, the same as `folders` walks them again', () => {
    const walked: string[] = [];
    postsFolder.list(path.join(root, '_posts'), site, walked);
    expect(walked.sort()).toEqual(postsFolder.folders(path.join(root, '_posts'), site).sort());
    mkdirSync(path.join(root, 'news/_posts/2025'), { recursive: true });
    writeFileSync(path.join(root, 'news/_posts/2025/2025-01-01-news.md'), '---\ntitle: x\n---\n');
    const siteFiles = jekyllSiteFiles(() => ({ showDrafts: false, entries: DEFAULT_RULES }));
    const inSite: string[] = [];
    siteFiles.list(root, site, inSite);
    expect(inSite).toEqual(expect.arrayContaining(['', 'news', 'news/_posts', 'news/_posts/2025', '_posts/a/b/c']));
    expect(inSite.sort()).toEqual(siteFiles.folders(root, site).sort());
    rmSync(path.join(root, 'news'), { recursive: true });
  });
});
