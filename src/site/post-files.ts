import { readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { bodyFormat, type PostLocation, type SiteContext } from '../content/parse-post.js';

/** Which files of a folder are posts, and where a changed name lies: the posts folder, or a Jekyll site. */
export interface PostLister {
  /** Every post file under `dir`, by path relative to it; throws when `dir` cannot be listed. */
  list(dir: string, site: SiteContext): PostLocation[];
  /** The post a changed name (relative to `dir`) is, or undefined when it is none. */
  locate(name: string, site: SiteContext, dir: string): PostLocation | undefined;
  /** Every folder whose entries decide which post files exist, relative to `dir` (`''` for `dir` itself). */
  folders(dir: string, site: SiteContext): string[];
}

// Jekyll's EntryFilter: names starting with . _ # ~ and backups ending in ~, at any depth.
const special = (name: string) => /^[._#~]/.test(name) || name.endsWith('~');

// The folders `walk` goes into, `relative` first.
function walkFolders(root: string, relative: string, out: string[], depth = 0): void {
  out.push(relative);
  if (depth > 32) return;
  let entries: Dirent[];
  try {
    entries = readdirSync(path.join(root, relative), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (special(entry.name) || !entry.isDirectory() || /\.[A-Za-z]+$/.test(entry.name)) continue;
    walkFolders(root, relative ? `${relative}/${entry.name}` : entry.name, out, depth + 1);
  }
}

function walk(root: string, relative: string, out: string[], depth = 0): void {
  if (depth > 32) return;
  let entries: Dirent[];
  try {
    entries = readdirSync(path.join(root, relative), { withFileTypes: true });
  } catch (error) {
    if (depth === 0) throw error;
    return;
  }
  for (const entry of entries) {
    if (special(entry.name)) continue;
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    // A folder named like a file (`2024-01-01-x.md/`) is listed, to be reported as not a post.
    if (entry.isDirectory() && !/\.[A-Za-z]+$/.test(entry.name)) walk(root, child, out, depth + 1);
    else out.push(child);
  }
}

const isPost = (file: string, site: SiteContext) => bodyFormat(file, site.markdownExt) !== undefined && !file.split('/').some(special);

/** POSTS_DIR mode: every Markdown or HTML file in the folder and its subfolders, as `_posts/` is read. */
export const postsFolder: PostLister = {
  list(dir, site) {
    const files: string[] = [];
    walk(dir, '', files);
    return files.filter((file) => isPost(file, site)).sort().map((file) => ({ file, sitePath: `_posts/${file}` }));
  },
  locate(name, site) {
    return isPost(name, site) ? { file: name, sitePath: `_posts/${name}` } : undefined;
  },
  folders(dir) {
    const folders: string[] = [];
    walkFolders(dir, '', folders);
    return folders;
  },
};

const SKIPPED = new Set(['node_modules', 'vendor', '_site', 'gemfiles']);

// Jekyll's Reader#read_directories: `_posts` (and `_drafts`) at the top and in every ordinary folder.
function postFolders(root: string, relative: string, out: string[], depth = 0, visited?: string[]): void {
  visited?.push(relative);
  if (depth > 16) return;
  let entries: Dirent[];
  try {
    entries = readdirSync(path.join(root, relative), { withFileTypes: true });
  } catch (error) {
    if (depth === 0) throw error;
    return;
  }
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.name === '_posts' || entry.name === '_drafts') out.push(child);
    else if (!special(entry.name) && !SKIPPED.has(entry.name)) postFolders(root, child, out, depth + 1, visited);
  }
}

function siteLocation(file: string, site: SiteContext, root: string, drafts: boolean): PostLocation | undefined {
  const parts = file.split('/');
  const at = parts.findIndex((part) => part === '_posts' || (drafts && part === '_drafts'));
  if (at < 0 || parts.slice(0, at).some((part) => special(part) || SKIPPED.has(part))) return undefined;
  if (parts.slice(at + 1).some(special) || bodyFormat(file, site.markdownExt) === undefined) return undefined;
  if (parts[at] === '_posts') return { file };
  let mtime: Date | undefined;
  try {
    mtime = statSync(path.join(root, file)).mtime;
  } catch {
    mtime = undefined;
  }
  return { file, draft: true, ...(mtime ? { mtime } : {}) };
}

/** Site mode: `_posts/` at any level of the site (categories from the folders above it), `_drafts/` when shown. */
export function jekyllSiteFiles(showDrafts: () => boolean): PostLister {
  return {
    list(dir, site) {
      const folders: string[] = [];
      postFolders(dir, '', folders);
      const files: string[] = [];
      for (const folder of folders) {
        if (folder.endsWith('_drafts') && !showDrafts()) continue;
        const inside: string[] = [];
        walk(path.join(dir, folder), '', inside);
        files.push(...inside.map((file) => `${folder}/${file}`));
      }
      return files
        .sort()
        .map((file) => siteLocation(file, site, dir, showDrafts()))
        .filter((location): location is PostLocation => location !== undefined);
    },
    locate(name, site, dir) {
      return siteLocation(name, site, dir, showDrafts());
    },
    // The ordinary folders searched for `_posts/` (a removed one moves its parent's time), and every folder inside those.
    folders(dir) {
      const visited: string[] = [];
      const found: string[] = [];
      try {
        postFolders(dir, '', found, 0, visited);
      } catch {
        return [''];
      }
      for (const folder of found) {
        if (folder.endsWith('_drafts') && !showDrafts()) continue;
        walkFolders(dir, folder, visited);
      }
      return visited;
    },
  };
}
