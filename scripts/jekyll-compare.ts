/**
 * Runs ../shared/tools/jekyll-compare/compare.sh (Jekyll 4.3 + jekyll-feed beside Herald) on the
 * repository's own content and prints its tables and summary lines:
 *
 *   - examples/jekyll-site in site mode (SITE_DIR), as a publisher's Jekyll site is served;
 *   - posts/ as Herald serves it by default (POSTS_DIR mode with config/herald.yml and config/authors.yml),
 *     against the Jekyll site those files make: _posts/ = posts/, _config.yml from herald.yml's `site:`,
 *     _data/authors.yml = config/authors.yml.
 *
 *   npm run jekyll-compare [-- -v]        (run `npm run build` first; JEKYLL_COMPARE=<compare.sh> to point elsewhere)
 *
 * Exits 0 when both comparisons find 0 differences and no unmatched entry, else the tool's status.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/load-config.js';

const root = path.resolve(import.meta.dirname, '..');

// The tool lives in the shared folder beside the checkout (../shared), or beside the checkouts' folder
// for a worktree (../../shared).
function findTool(): string {
  const candidates = [process.env.JEKYLL_COMPARE, path.join(root, '../shared/tools/jekyll-compare/compare.sh'), path.join(root, '../../shared/tools/jekyll-compare/compare.sh')];
  const found = candidates.find((file): file is string => !!file && existsSync(file));
  if (!found) throw new Error(`jekyll-compare not found (tried ${candidates.filter(Boolean).join(', ')}); set JEKYLL_COMPARE`);
  return found;
}

// The Jekyll site that posts/ and config/ describe, so Jekyll builds what Herald's defaults serve: the site
// settings as Herald reads them (its own loader, defaults included), written as Jekyll's keys.
function postsSite(work: string): string {
  const site = path.join(work, 'posts-site');
  const settings = loadConfig({ HERALD_CONFIG: path.join(root, 'config/herald.yml') }, root).site;
  const url = new URL(settings.url);
  const config = {
    title: settings.title,
    description: settings.description,
    url: url.origin,
    baseurl: url.pathname.replace(/\/+$/, ''),
    lang: settings.language,
    timezone: settings.timezone,
    permalink: settings.permalink,
    author: settings.author,
  };
  cpSync(path.join(root, 'posts'), path.join(site, '_posts'), { recursive: true });
  cpSync(path.join(root, 'config/authors.yml'), path.join(site, '_data/authors.yml'));
  writeFileSync(path.join(site, '_config.yml'), `${JSON.stringify(config, null, 2)}\n`);
  return site;
}

function compare(tool: string, args: string[]): number {
  const run = spawnSync(tool, args, { cwd: root, stdio: 'inherit' });
  return run.status ?? 2;
}

const tool = findTool();
const extra = process.argv.slice(2);
const work = mkdtempSync(path.join(os.tmpdir(), 'herald-jekyll-compare-'));
try {
  const herald = `node ${path.join(root, 'dist/main.js')}`;
  // `author-name` is information here: 2024-06-01-dateless-title.md's author is an e-mail alone, which
  // Herald names by the address's local part, where jekyll-feed prints a Ruby Hash (README "Site mode").
  const site = compare(tool, [...extra, '--ignore', 'author-name', '--herald-cmd', herald, path.join(root, 'examples/jekyll-site')]);
  // POSTS_DIR mode: Herald's own config and posts, whatever the tool's config mode would translate.
  const postsCmd = `env HERALD_CONFIG=${path.join(root, 'config/herald.yml')} POSTS_DIR=${path.join(root, 'posts')} ${herald}`;
  // `id` is information here: the sample post 2025-11-05-quarterly-numbers.md keeps its own `id:`
  // (urn:uuid, Herald's extension, README "Site mode"), which Jekyll's post.id does not read.
  const posts = compare(tool, [...extra, '--ignore', 'id', '--herald-mode', 'config', '--herald-cmd', postsCmd, postsSite(work)]);
  process.exitCode = Math.max(site, posts);
} finally {
  rmSync(work, { recursive: true, force: true });
}
