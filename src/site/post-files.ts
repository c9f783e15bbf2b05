import { readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { bodyFormat, type PostLocation, type SiteContext } from '../content/parse-post.js';
import { DEFAULT_RULES, keepsEntry, type EntryRules } from './entry-filter.js';

/** Which files of a folder are posts, and where a changed name lies: the posts folder, or a Jekyll site. */
export interface PostLister {
  /**
   * Every post file under `dir`, by path relative to it; throws when `dir` cannot be listed. With
   * `folders`, adds to it what `folders` would return, from the same walk.
   */
  list(dir: string, site: SiteContext, folders?: string[]): PostLocation[];
  /** The post a changed name (relative to `dir`) is, or undefined when it is none. */
  locate(name: string, site: SiteContext, dir: string): PostLocation | undefined;
  /** Every folder whose entries decide which post files exist, relative to `dir` (`''` for `dir` itself). */
  folders(dir: string, site: SiteContext): string[];
}

// Ruby's Dir["**/*"], which Jekyll lists a post folder with, never shows names starting with a dot.
const hidden = (name: string) => name.startsWith('.');

// The folders `walk` goes into, `relative` first.
function walkFolders(root: string, relative: string, out: string[], depth = 0, skip: (name: string) => boolean = hidden): void {
  out.push(relative);
  if (depth > 32) return;
  let entries: Dirent[];
  try {
    entries = readdirSync(path.join(root, relative), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (skip(entry.name) || !entry.isDirectory() || /\.[A-Za-z]+$/.test(entry.name)) continue;
    walkFolders(root, relative ? `${relative}/${entry.name}` : entry.name, out, depth + 1, skip);
  }
}

// Lists the files under `root` (folders walked), leaving out names `skip` says; a folder named like a file
// is listed. With `folders`, each folder walked goes there too, as walkFolders lists them.
function walk(root: string, relative: string, out: string[], depth = 0, skip: (name: string) => boolean = hidden, folders?: string[]): void {
  folders?.push(relative);
  if (depth > 32) return;
  let entries: Dirent[];
  try {
    entries = readdirSync(path.join(root, relative), { withFileTypes: true });
  } catch (error) {
    if (depth === 0) throw error;
    return;
  }
  for (const entry of entries) {
    if (skip(entry.name)) continue;
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    // A folder named like a file (`2024-01-01-x.md/`) is listed, to be reported as not a post.
    if (entry.isDirectory() && !/\.[A-Za-z]+$/.test(entry.name)) walk(root, child, out, depth + 1, skip, folders);
    else out.push(child);
  }
}

// Whether a file of a post folder is read: EntryFilter over its path below the folder (Reader#get_entries).
const keptInFolder = (rules: EntryRules, folder: string, inside: string) => !inside.split('/').some(hidden) && keepsEntry(rules, folder, inside);

// POSTS_DIR mode reads its folder as a site's `_posts/` with Jekyll's default exclude and include.
const isPost = (file: string, site: SiteContext) => bodyFormat(file, site.markdownExt) !== undefined && keptInFolder(DEFAULT_RULES, '_posts', file);

/**
 * POSTS_DIR mode: the folder read as a site's `_posts/` is in site mode, by the same rule: every Markdown
 * or HTML file in it and its subfolders that Jekyll's EntryFilter keeps (defaults for `exclude:` and `include:`).
 */
export const postsFolder: PostLister = {
  list(dir, site, folders) {
    const files: string[] = [];
    walk(dir, '', files, 0, hidden, folders);
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

/** What site mode lists by: drafts shown or not, and `exclude:` / `include:`; from the latest read of `_config.yml`. */
export interface SiteFileRules {
  readonly showDrafts: boolean;
  readonly entries: EntryRules;
}

// Jekyll's Reader#read_directories: `_posts` (and `_drafts`) in every folder EntryFilter lets it into.
function postFolders(root: string, relative: string, rules: EntryRules, out: string[], depth = 0, visited?: string[]): void {
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
    else if (entry.name !== '_site' && keepsEntry(rules, relative, entry.name, true)) postFolders(root, child, rules, out, depth + 1, visited);
  }
}

function siteLocation(file: string, site: SiteContext, root: string, rules: SiteFileRules): PostLocation | undefined {
  const parts = file.split('/');
  const at = parts.findIndex((part) => part === '_posts' || (rules.showDrafts && part === '_drafts'));
  if (at < 0 || bodyFormat(file, site.markdownExt) === undefined) return undefined;
  for (let i = 0; i < at; i++) if (parts[i] === '_site' || !keepsEntry(rules.entries, parts.slice(0, i).join('/'), parts[i]!, true)) return undefined;
  if (!keptInFolder(rules.entries, parts.slice(0, at + 1).join('/'), parts.slice(at + 1).join('/'))) return undefined;
  if (parts[at] === '_posts') return { file };
  let mtime: Date | undefined;
  try {
    mtime = statSync(path.join(root, file)).mtime;
  } catch {
    mtime = undefined;
  }
  return { file, draft: true, ...(mtime ? { mtime } : {}) };
}

/**
 * Site mode: `_posts/` in every folder of the site Jekyll reads (categories from the folders above it),
 * `_drafts/` when shown, each file kept or left out by Jekyll's EntryFilter with the site's `exclude:`
 * and `include:`.
 */
export function jekyllSiteFiles(rules: () => SiteFileRules): PostLister {
  return {
    list(dir, site, visited) {
      const current = rules();
      const folders: string[] = [];
      postFolders(dir, '', current.entries, folders, 0, visited);
      const files: string[] = [];
      for (const folder of folders) {
        if (folder.endsWith('_drafts') && !current.showDrafts) continue;
        const inside: string[] = [];
        const insideFolders = visited && [];
        walk(path.join(dir, folder), '', inside, 0, hidden, insideFolders);
        for (const below of insideFolders ?? []) visited!.push(below ? `${folder}/${below}` : folder);
        // One at a time: a spread of a folder's 200,000 files would be past V8's count of arguments.
        for (const file of inside) files.push(`${folder}/${file}`);
      }
      return files
        .sort()
        .map((file) => siteLocation(file, site, dir, current))
        .filter((location): location is PostLocation => location !== undefined);
    },
    locate(name, site, dir) {
      return siteLocation(name, site, dir, rules());
    },
    // The folders searched for `_posts/` (a removed one moves its parent's time), and every folder inside those.
    folders(dir) {
      const current = rules();
      const visited: string[] = [];
      const found: string[] = [];
      try {
        postFolders(dir, '', current.entries, found, 0, visited);
      } catch {
        return [''];
      }
      for (const folder of found) {
        if (folder.endsWith('_drafts') && !current.showDrafts) continue;
        walkFolders(dir, folder, visited, 0, hidden);
      }
      return visited;
    },
  };
}
