import fs from 'node:fs';
import path from 'node:path';
import type { JekyllDocumentRef } from './context.js';

// The pages and static files of a Jekyll site that `{% link %}` can name, found the way Jekyll's
// reader finds them: every file outside folders starting with `_` or `.` (and the usual vendor
// folders); a page (front matter, converted) gets Jekyll's page URL, a static file its own path.

const SKIPPED = new Set(['node_modules', 'vendor', 'Gemfile', 'Gemfile.lock']);
const CONVERTED = /\.(?:md|markdown|mkdown|mkdn|mkd)$/i;
const MAX_FILES = 20_000;

/** A file's front matter `permalink`; `undefined` when it has front matter without one, `null` when it has none. */
function permalinkOf(file: string): string | undefined | null {
  let head = '';
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(4096);
      head = buffer.subarray(0, fs.readSync(fd, buffer, 0, buffer.length, 0)).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return null;
  }
  const frontMatter = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(head);
  if (!frontMatter) return null;
  const permalink = /^permalink:\s*["']?([^"'\n]+?)["']?\s*$/m.exec(frontMatter[1]!)?.[1];
  return permalink === undefined ? undefined : permalink.startsWith('/') ? permalink : `/${permalink}`;
}

function entry(siteDir: string, relative: string): JekyllDocumentRef {
  const permalink = permalinkOf(path.join(siteDir, relative));
  if (permalink === null) return { relativePath: relative, url: `/${relative}` };
  return { relativePath: relative, url: permalink ?? `/${relative.replace(CONVERTED, '.html')}`.replace(/\/index\.html$/, '/') };
}

function collections(config: Readonly<Record<string, unknown>>): Map<string, string> {
  const raw = config.collections;
  const names = Array.isArray(raw) ? raw.map(String) : raw && typeof raw === 'object' ? Object.keys(raw) : [];
  const result = new Map<string, string>();
  for (const name of names) {
    if (name === 'posts') continue;
    const settings = (raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>)[name] : undefined) as Record<string, unknown> | undefined;
    result.set(name, typeof settings?.permalink === 'string' ? settings.permalink : '/:collection/:path:output_ext');
  }
  return result;
}

function documentUrl(collection: string, permalink: string, inside: string): string {
  const ext = path.extname(inside);
  const converted = CONVERTED.test(inside) || /\.html?$/i.test(inside);
  const withoutExt = inside.slice(0, inside.length - ext.length);
  const values: Record<string, string> = {
    collection, path: withoutExt, name: path.basename(withoutExt), title: path.basename(withoutExt), slug: path.basename(withoutExt),
    output_ext: converted ? '.html' : ext,
  };
  return permalink.replace(/:(\w+)/g, (whole, key: string) => values[key] ?? whole).replace(/\/{2,}/g, '/');
}

/**
 * The site's pages, collection documents (`collections:` in `_config.yml`) and static files with their
 * URLs, at most 20,000 files.
 */
export function siteDocuments(siteDir: string, config: Readonly<Record<string, unknown>> = {}): JekyllDocumentRef[] {
  const found: JekyllDocumentRef[] = [];
  const base = typeof config.collections_dir === 'string' ? config.collections_dir.replace(/^\/+|\/+$/g, '') : '';
  for (const [name, permalink] of collections(config)) {
    const folder = path.join(base, `_${name}`);
    for (const file of listFiles(path.join(siteDir, folder))) {
      if (found.length >= MAX_FILES) break;
      const relativePath = path.join(folder, file).split(path.sep).join('/');
      const own = permalinkOf(path.join(siteDir, relativePath));
      found.push({ relativePath, url: own ?? documentUrl(name, permalink, file.split(path.sep).join('/')) });
    }
  }
  const walk = (relative: string) => {
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(path.join(siteDir, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const item of names) {
      if (found.length >= MAX_FILES) return;
      if (/^[._#]/.test(item.name) || item.name.endsWith('~') || SKIPPED.has(item.name)) continue;
      const child = relative ? `${relative}/${item.name}` : item.name;
      if (item.isDirectory()) walk(child);
      else if (item.isFile()) found.push(entry(siteDir, child));
    }
  };
  walk('');
  return found;
}

function listFiles(dir: string, relative = '', out: string[] = []): string[] {
  let names: fs.Dirent[];
  try {
    names = fs.readdirSync(path.join(dir, relative), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const item of names) {
    if (out.length >= MAX_FILES || /^[.#]/.test(item.name) || item.name.endsWith('~')) continue;
    const child = relative ? path.join(relative, item.name) : item.name;
    if (item.isDirectory()) listFiles(dir, child, out);
    else if (item.isFile()) out.push(child);
  }
  return out;
}
