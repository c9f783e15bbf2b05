import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Parser from 'rss-parser';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHerald, type Herald } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import type { PostProblem } from '../../src/model/post.js';
import { validateFeed } from '../../src/validate/index.js';
import { feedAt, FakeClock, fixtures, repoRoot, silent } from '../helpers.js';
import { CORPUS_MAX_POST_BYTES, writeCorpus, type Case, type SeenItem } from './corpus-case.js';
import { encodingCases } from './encoding-cases.js';
import { fileCases } from './file-cases.js';
import { frontMatterCases } from './front-matter-cases.js';
import { hostileCases } from './hostile-cases.js';

const CASES: readonly Case[] = [...frontMatterCases, ...encodingCases, ...hostileCases, ...fileCases];

/** The name Herald reports a case's file under (a name that is not UTF-8 is shown with U+FFFD). */
const reported = (entry: Case) => (typeof entry.file === 'string' ? entry.file : entry.file.toString('utf8'));

let dir: string;
let herald: Herald;
const items = new Map<string, SeenItem>();
let problems: readonly PostProblem[];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'herald-corpus-'));
  writeCorpus(path.join(dir, 'posts'), CASES);
  mkdirSync(path.join(dir, 'static'));
  cpSync(path.join(fixtures, 'static/img'), path.join(dir, 'static/img'), { recursive: true });
  const config = parseConfig(
    {
      site: { url: 'https://example.com', title: 'Corpus', timezone: 'UTC', author: { name: 'Corpus Author', uri: 'https://example.com/about' } },
      paths: { posts: path.join(dir, 'posts'), static: path.join(dir, 'static') },
      feeds: { itemsPerFeed: 1000 },
      limits: { maxPostBytes: CORPUS_MAX_POST_BYTES },
    },
    repoRoot,
  );
  herald = createHerald(config, silent, { clock: new FakeClock(new Date('2025-01-01T00:00:00Z')) });
  await herald.publisher.reload();
  problems = herald.publisher.contentStatus.problems;
  const site = JSON.parse(feedAt(herald, '/feed.json')!.identity.body.toString('utf8')) as { items: SeenItem[] };
  const byId = new Map(site.items.map((item) => [item.id, item]));
  for (const post of herald.store.snapshot.posts) items.set(post.file, byId.get(post.id)!);
}, 60_000); // every body rendered in the worker pool at load: seconds on a loaded machine

afterAll(() => {
  herald?.publisher.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the bad-input corpus: every file becomes a valid item or a reported problem', () => {
  it('has one file per case', () => {
    expect(new Set(CASES.map(reported)).size).toBe(CASES.length);
  });

  it.each(CASES.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const file = reported(entry);
    const item = items.get(file);
    const problem = problems.find((p) => p.file === file);
    const outcome = entry.expect;
    if ('item' in outcome) {
      expect({ problem, served: item !== undefined }).toEqual({ problem: undefined, served: true });
      const absent = Object.keys(outcome.item).filter((key) => outcome.item[key as keyof SeenItem] === undefined);
      expect(item).toMatchObject(Object.fromEntries(Object.entries(outcome.item).filter(([key]) => !absent.includes(key))));
      for (const key of absent) expect(item).not.toHaveProperty(key);
      for (const text of outcome.has ?? []) expect(item!.content_html).toContain(text);
      for (const text of outcome.lacks ?? []) expect(item!.content_html).not.toContain(text);
    } else if ('problem' in outcome) {
      expect(item).toBeUndefined();
      expect(problem).toMatchObject({ file, reason: expect.stringMatching(outcome.problem) });
      if (outcome.line !== undefined) expect(problem!.line).toBe(outcome.line);
    } else {
      expect({ item, problem }).toEqual({ item: undefined, problem: undefined });
    }
  });

  it('reports nothing but the corpus files, each once, with a reason in words', () => {
    const files = new Set(CASES.map(reported));
    for (const problem of problems) {
      expect(files.has(problem.file), problem.file).toBe(true);
      expect(problem.reason).not.toMatch(/\bE[A-Z]{3,}\b|Error:|\n|\s at |herald-corpus-/);
    }
    expect(new Set(problems.map((p) => p.file)).size).toBe(problems.length);
  });

  it('lists every problem at /status, and serves the rest', async () => {
    const status = await request(herald.handler).get('/status');
    expect(status.status).toBe(200);
    expect(status.body.status).toBe('degraded');
    expect(status.body.content.problems).toHaveLength(problems.length);
    expect(status.body.content.visible).toBe(items.size);
  });
});

const parser = new Parser();

describe('every feed served from the corpus', () => {
  it('validates with no errors and no warnings, and parses as a reader would', async () => {
    const feeds = herald.store.renderAll();
    expect(feeds.length).toBeGreaterThan(30);
    const counts = new Map<string, number[]>();
    for (const { path: feedPath, view: format, rendered } of feeds) {
      const body = rendered.identity.body;
      const findings = await validateFeed(body, { url: `https://example.com${feedPath}`, contentType: rendered.contentType });
      expect({ feedPath, findings }).toEqual({ feedPath, findings: [] });
      const text = body.toString('utf8');
      const count = format === 'json' ? (JSON.parse(text) as { items: unknown[] }).items.length : (await parser.parseString(text)).items.length;
      const selection = path.posix.dirname(feedPath);
      counts.set(selection, [...(counts.get(selection) ?? []), count]);
    }
    // The three formats of one selection carry the same items, and no selection is empty.
    for (const [selection, perFormat] of counts) {
      expect({ selection, perFormat }).toEqual({ selection, perFormat: Array(3).fill(perFormat[0]) });
      expect(perFormat[0]).toBeGreaterThan(0);
    }
    expect(counts.get('/')).toEqual([items.size, items.size, items.size]);
  });

  it('carries no script, style, frame, plug-in, event handler or non-http(s) URL in any item', () => {
    for (const item of items.values()) {
      expect(item.content_html).not.toMatch(/<\/?(script|style|iframe|object|embed|svg|form|input|base|meta|link)\b/i);
      expect(item.content_html).not.toMatch(/\son[a-z]+\s*=/i);
      expect(item.content_html).not.toMatch(/(href|src)="(?!https?:|mailto:)/i);
      expect(item.content_html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    }
  });
});
