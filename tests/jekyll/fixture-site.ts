import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { parseRubyDate } from '../../src/content/dates.js';
import { DEFAULT_LIMITS, type JekyllLimits, type JekyllPostRef, type JekyllRenderContext, type LiquidSite } from '../../src/jekyll/context.js';
import { kramdownOptions } from '../../src/jekyll/kramdown/options.js';
import { siteDocuments } from '../../src/jekyll/site-files.js';

// The test site (tests/jekyll/site) read the way Jekyll reads it, just far enough to give each post
// the context renderJekyllBody needs: the site reader proper is Herald's site mode.

export const SITE_DIR = path.join(import.meta.dirname, 'site');
const POST_NAME = /^(\d{4}-\d{2}-\d{2})-(.+)\.md$/;

function frontMatter(file: string): { data: Record<string, unknown>; body: string } {
  const text = fs.readFileSync(file, 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) return { data: {}, body: text };
  return { data: (yaml.load(match[1]!) ?? {}) as Record<string, unknown>, body: text.slice(match[0].length) };
}

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.map(String) : String(value).split(/\s+/);
}

/** One fixture post: its file, body and the Liquid data Jekyll gives it. */
export interface FixturePost {
  readonly name: string;
  readonly body: string;
  readonly ref: JekyllPostRef;
}

function readPost(dir: string, name: string, timeZone: string): FixturePost {
  const [, day, slug] = POST_NAME.exec(name)!;
  const { data, body } = frontMatter(path.join(dir, name));
  const date = data.date instanceof Date ? data.date : (parseRubyDate(String(data.date ?? day), timeZone) as Date);
  const categories = list(data.categories ?? data.category);
  const url = `/${[...categories, ...day!.split('-')].join('/')}/${slug}.html`;
  const fields = { ...data, title: data.title ?? slug, slug, categories, tags: list(data.tags), url, date, id: url.replace(/\.html$/, '') };
  return { name, body, ref: { relativePath: `_posts/${name}`, url, date, data: fields } };
}

function readData(dir: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const file of fs.readdirSync(dir)) data[file.replace(/\.ya?ml$/, '')] = yaml.load(fs.readFileSync(path.join(dir, file), 'utf8'));
  return data;
}

/** The fixture site's posts (newest first) and the context for rendering any of them. */
export function fixtureSite(limits: JekyllLimits = DEFAULT_LIMITS): { posts: FixturePost[]; contextFor(post: FixturePost): JekyllRenderContext } {
  const config = yaml.load(fs.readFileSync(path.join(SITE_DIR, '_config.yml'), 'utf8')) as Record<string, unknown>;
  const timeZone = String(config.timezone);
  const postsDir = path.join(SITE_DIR, '_posts');
  const posts = fs.readdirSync(postsDir).filter((name) => POST_NAME.test(name)).map((name) => readPost(postsDir, name, timeZone))
    .sort((a, b) => b.ref.date.getTime() - a.ref.date.getTime());
  const site: LiquidSite = {
    config,
    data: readData(path.join(SITE_DIR, '_data')),
    posts: posts.map((post) => post.ref),
    documents: siteDocuments(SITE_DIR, config),
    timeZone,
    time: new Date('2024-03-01T12:00:00Z'),
  };
  const kramdown = kramdownOptions(config);
  return {
    posts,
    contextFor: (post) => ({
      site, page: post.ref.data, pagePath: post.ref.relativePath, siteDir: SITE_DIR,
      includesDir: path.join(SITE_DIR, '_includes'), kramdown, limits,
    }),
  };
}
