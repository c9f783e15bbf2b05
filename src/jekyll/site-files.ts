import fs from 'node:fs';
import path from 'node:path';
import type { JekyllDocumentRef } from './context.js';

// The pages and static files of a Jekyll site that `{% link %}` can name, found the way Jekyll's
// reader finds them: every file outside folders starting with `_` or `.` (and the usual vendor
// folders); a page (front matter, converted) gets Jekyll's page URL, a static file its own path.

const SKIPPED = new Set(['node_modules', 'vendor', 'Gemfile', 'Gemfile.lock']);
const CONVERTED = /\.(?:md|markdown|mkdown|mkdn|mkd)$/i;
const MAX_FILES = 20_000;

function pageUrl(relative: string, head: string): string {
  const permalink = /^permalink:\s*["']?([^"'\n]+?)["']?\s*$/m.exec(head)?.[1];
  if (permalink) return permalink.startsWith('/') ? permalink : `/${permalink}`;
  const html = `/${relative.replace(CONVERTED, '.html')}`;
  return html.replace(/\/index\.html$/, '/');
}

function entry(siteDir: string, relative: string): JekyllDocumentRef {
  const file = path.join(siteDir, relative);
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
    return { relativePath: relative, url: `/${relative}` };
  }
  const frontMatter = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(head);
  return frontMatter ? { relativePath: relative, url: pageUrl(relative, frontMatter[1]!) } : { relativePath: relative, url: `/${relative}` };
}

/** The site's pages and static files with their URLs (at most 20,000 files are looked at). */
export function siteDocuments(siteDir: string): JekyllDocumentRef[] {
  const found: JekyllDocumentRef[] = [];
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
