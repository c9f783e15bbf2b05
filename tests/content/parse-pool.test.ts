import * as fs from 'node:fs';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePosts } from '../../scripts/generate-posts.js';
import { postsDirContexts } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { BodyCache } from '../../src/content/body-cache.js';
import { CalendarDate } from '../../src/content/calendar-date.js';
import { parseFile, type ParseOutcome } from '../../src/content/parse-file.js';
import { parseAll, parseInWorkers, type ParseOffThread } from '../../src/content/parse-pool.js';
import { postsFolder } from '../../src/site/post-files.js';
import { PostLibrary, type LoadResult } from '../../src/content/post-library.js';
import { postsDirRendering, siteModeContexts } from '../../src/jekyll/herald-rendering.js';
import { siteMode } from '../../src/site/site-mode.js';
import { writeCorpus } from '../corpus/corpus-case.js';
import { encodingCases } from '../corpus/encoding-cases.js';
import { fileCases } from '../corpus/file-cases.js';
import { frontMatterCases } from '../corpus/front-matter-cases.js';
import { hostileCases } from '../corpus/hostile-cases.js';
import { fixtures, repoRoot } from '../helpers.js';
import { SITE_DIR } from '../jekyll/fixture-site.js';

// A full load parsed in worker threads must give exactly what the same load gives on this thread.

const limits = { maxPostBytes: 100_000, maxPosts: 100_000, maxTermsPerPost: 100 };
const now = () => new Date('2025-01-01T00:00:00Z');
// Every file parsed in a worker (this thread parses none), by two workers.
const workers = parseInWorkers({ size: 2, minFiles: 0, here: false });
let dir: string;

// Every field of every post, its body and summary rendered (on this thread), the problems and limits.
function seen(result: LoadResult) {
  return {
    posts: result.posts.map(({ content, ...fields }) => ({ ...fields, html: content.html, summary: content.summary })),
    problems: result.problems,
    limitsReached: result.limitsReached,
  };
}

// CalendarDates (date-only values) at any depth of the front matter, and one aliased twice.
const DATED = '---\ntitle: Dated\nevent: &day 2024-05-06\nagain: *day\nlist: [2024-05-07, x]\nnested:\n  at: 2024-05-08\n---\n{{ page.event | date: "%A" }}\n';

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'herald-parse-pool-'));
  const posts = path.join(dir, 'posts');
  writeCorpus(posts, [...frontMatterCases, ...encodingCases, ...hostileCases, ...fileCases]);
  cpSync(path.join(fixtures, 'posts'), path.join(posts, 'fixtures'), { recursive: true });
  await generatePosts(300, path.join(posts, 'generated'));
  writeFileSync(path.join(posts, '2024-05-06-dated.md'), DATED);
  writeFileSync(path.join(posts, '2024-05-07-broken-liquid.md'), '---\ntitle: Broken\n---\nline\n\n{% if page.title %}never closed\n');
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parsing in worker threads', () => {
  it('reads each file as this thread reads it: the same parsed post (CalendarDates too), hash and error', async () => {
    const config = parseConfig({ site: { url: 'https://example.com' }, paths: { posts: path.join(dir, 'posts'), static: path.join(fixtures, 'static') } }, repoRoot);
    const site = postsDirContexts(config, postsDirRendering(config, () => {}, now))();
    // Regular files only, as the library sends (a pipe in the corpus would block a read).
    const names = postsFolder.list(config.paths.posts, site).filter((location) => fs.lstatSync(path.join(config.paths.posts, location.file), { throwIfNoEntry: false })?.isFile());
    const jobs = names.map((location) => ({ path: path.join(config.paths.posts, location.file), location, version: '', size: fs.statSync(path.join(config.paths.posts, location.file), { throwIfNoEntry: false })?.size ?? 0, settle: false, maxBytes: limits.maxPostBytes, skip: [], source: true }));
    const there = new Array<ParseOutcome | undefined>(jobs.length);
    await parseAll(workers, jobs, site, (index, outcome) => (there[index] = outcome));
    const here = jobs.map((job) => parseFile(job, site, fs));
    expect(there).toStrictEqual(here);
    const dated = here.find((outcome) => outcome.parsed?.title === 'Dated')!.parsed!.body.page;
    expect(dated.event).toBeInstanceOf(CalendarDate);
    expect((dated.nested as { at: unknown }).at).toBeInstanceOf(CalendarDate);
    expect(here.filter((outcome) => outcome.failure).length).toBeGreaterThan(20);
  }, 60_000);

  it('gives the posts and problems parsing here gives: POSTS_DIR mode, the corpus, fixtures and generated posts', async () => {
    const config = parseConfig({ site: { url: 'https://example.com', timezone: 'Europe/Oslo' }, paths: { posts: path.join(dir, 'posts'), static: path.join(fixtures, 'static') } }, repoRoot);
    const load = (parse?: ParseOffThread, bodies?: BodyCache) => {
      const contexts = postsDirContexts(config, postsDirRendering(config, () => {}, now));
      return new PostLibrary(config.paths.posts, contexts, limits, undefined, undefined, undefined, { ...(parse ? { parse } : {}), ...(bodies ? { bodies } : {}) }).load();
    };
    const here = seen(await load());
    const there = seen(await load(workers));
    expect(there).toStrictEqual(here);
    // With a bodies cache the library reads a body again to render it and lists the post as a restored
    // one: the workers send no source and no page, and the posts, HTML and summaries are the same.
    const sent: ParseOutcome[] = [];
    const watched: ParseOffThread = (site, each) => workers(site, (index, outcome) => (sent.push(outcome), each(index, outcome)));
    expect(seen(await load(watched, new BodyCache(1 << 20)))).toStrictEqual(here);
    const parsed = sent.filter((outcome) => outcome.parsed);
    expect(parsed.length).toBeGreaterThan(300);
    expect(parsed.filter((outcome) => outcome.parsed!.body.source !== '' || Object.keys(outcome.parsed!.body.page).length)).toEqual([]);
    expect(here.posts.length).toBeGreaterThan(300);
    expect(here.problems).toContainEqual({ file: '2024-05-07-broken-liquid.md', line: 6, reason: expect.stringMatching(/^Liquid: /) });
  }, 60_000);

  it('gives the posts and problems parsing here gives: site mode, with front matter defaults', () => {
    const site = path.join(dir, 'site');
    cpSync(SITE_DIR, site, { recursive: true });
    appendFileSync(path.join(site, '_config.yml'), '\n# added by the parse-pool test\nexcerpt_separator: "\\n\\n"\n');
    writeFileSync(path.join(site, '_posts', '2024-05-06-dated.md'), DATED);
    writeFileSync(path.join(site, '_posts', '2024-05-07-broken.md'), '---\ntitle: [unclosed\n---\nBody\n');
    const config = parseConfig({ paths: { site, static: path.join(fixtures, 'static') } }, repoRoot);
    const load = async (parse?: ParseOffThread) => {
      const mode = siteMode(config)!;
      return seen(await new PostLibrary(mode.dir, siteModeContexts(() => mode.read(), () => {}, now), limits, mode.files, undefined, undefined, parse ? { parse } : {}).load());
    };
    return Promise.all([load(), load(workers)]).then(([here, there]) => {
      expect(there).toStrictEqual(here);
      expect(here.posts.map((post) => post.title)).toContain('Dated');
      expect(here.problems).toContainEqual({ file: '_posts/2024-05-07-broken.md', line: expect.any(Number), reason: expect.stringMatching(/invalid YAML/) });
    });
  }, 60_000);

  it('parses a post whose body it does not keep as it parses one whose body it keeps: the same fields, hash and error', () => {
    const config = parseConfig({ site: { url: 'https://example.com' }, paths: { posts: path.join(dir, 'posts'), static: path.join(fixtures, 'static') } }, repoRoot);
    const site = postsDirContexts(config, postsDirRendering(config, () => {}, now))();
    // Where a parse without the body decodes only the front matter, cases of where that ends.
    const edges = path.join(dir, 'posts', 'edges');
    mkdirSync(edges, { recursive: true });
    const cases: Record<string, string | Buffer> = {
      'spaces-after-close': '---\ntitle: Spaces\n---  \t\nBody\n',
      'dots-close': '---\ntitle: Dots\n...\nBody\n',
      'dashes-in-a-value': '---\ntitle: Dashes\nnote: ---not a close\n---x\n---\nBody\n',
      'lone-cr': '---\rtitle: CR\rtags: [a]\r---\rBody\r',
      'crlf': '---\r\ntitle: CRLF\r\n---\r\n\r\nBody\r\n',
      'bom': '\uFEFF---\ntitle: BOM\n---\nBody\n',
      'never-closed': '---\ntitle: Open\nBody\n',
      'not-front-matter': '----\ntitle: Four\n---\nBody\n',
      'bad-utf8-body': Buffer.concat([Buffer.from('---\ntitle: Bytes\n---\nBody '), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]),
      'nul-in-body': Buffer.concat([Buffer.from('---\ntitle: Nul\n---\nBody '), Buffer.from([0]), Buffer.from('\n')]),
      'liquid-error': '---\ntitle: Liquid\n---\n\nline\n{% if x %}never closed\n',
    };
    for (const [name, text] of Object.entries(cases)) writeFileSync(path.join(edges, `2024-06-01-${name}.md`), text);
    const names = postsFolder.list(config.paths.posts, site).filter((location) => fs.lstatSync(path.join(config.paths.posts, location.file), { throwIfNoEntry: false })?.isFile());
    const bodiless = (outcome: ParseOutcome) => {
      if (!outcome.parsed) return outcome;
      const { body: _, ...fields } = outcome.parsed;
      return { ...outcome, parsed: fields };
    };
    let failures = 0;
    for (const location of names) {
      const file = path.join(config.paths.posts, location.file);
      const job = { path: file, location, version: '', size: fs.statSync(file).size, settle: false, maxBytes: limits.maxPostBytes, skip: [], source: true };
      const kept = parseFile(job, site, fs);
      if (kept.failure) failures++;
      expect(bodiless(parseFile({ ...job, source: false }, site, fs)), location.file).toStrictEqual(bodiless(kept));
    }
    expect(failures).toBeGreaterThan(10);
    expect(names.length).toBeGreaterThan(300);
  });

  it('takes the jobs of a session as they are added, in several hand-overs, and leaves fewer than its minimum to the caller', async () => {
    const config = parseConfig({ site: { url: 'https://example.com' }, paths: { posts: path.join(dir, 'posts', 'generated'), static: path.join(fixtures, 'static') } }, repoRoot);
    const site = postsDirContexts(config, postsDirRendering(config, () => {}, now))();
    const jobs = postsFolder.list(config.paths.posts, site).map((location) => ({ path: path.join(config.paths.posts, location.file), location, version: '', size: fs.statSync(path.join(config.paths.posts, location.file), { throwIfNoEntry: false })?.size ?? 0, settle: false, maxBytes: limits.maxPostBytes, skip: [], source: true }));
    expect(jobs.length).toBe(300);
    const there = new Array<ParseOutcome | undefined>(jobs.length);
    const session = parseInWorkers({ size: 1, minFiles: 256, here: false })(site, (index, outcome) => (there[index] = outcome));
    for (let from = 0; from < jobs.length; from += 70) session.add(jobs.slice(from, from + 70));
    await session.done();
    expect(there).toStrictEqual(jobs.map((job) => parseFile(job, site, fs)));
    const few: number[] = [];
    const small = parseInWorkers({ size: 1, minFiles: 256, here: false })(site, (index) => few.push(index));
    small.add(jobs.slice(0, 255));
    await small.done();
    expect(few).toEqual([]);
  }, 60_000);
});
