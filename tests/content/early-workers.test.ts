import * as fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generatePosts } from '../../scripts/generate-posts.js';
import { postsDirContexts } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { PARSE_WORKER_URL, parseWorkerCount, RENDER_WORKER_URL, renderWorkerCount, startEarlyWorkers, stopEarlyWorkers, takeEarlyWorker } from '../../src/content/early-workers.js';
import { parseFile, type ParseOutcome } from '../../src/content/parse-file.js';
import { parseAll, parseInWorkers } from '../../src/content/parse-pool.js';
import { RenderPool } from '../../src/content/render-pool.js';
import { postsDirRendering } from '../../src/jekyll/herald-rendering.js';
import { postsFolder } from '../../src/site/post-files.js';
import { fixtures, repoRoot } from '../helpers.js';

// Workers started with the process (src/main.ts) are taken by the pools, with what they said before.

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'herald-early-workers-'));
  await generatePosts(40, dir);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => stopEarlyWorkers());

describe('workers started early', () => {
  it('are taken by a parse pool, which parses in them what this thread parses', async () => {
    const config = parseConfig({ site: { url: 'https://example.com' }, paths: { posts: dir, static: path.join(fixtures, 'static') } }, repoRoot);
    const site = postsDirContexts(config, postsDirRendering(config, () => {}, () => new Date('2025-01-01T00:00:00Z')))();
    const jobs = postsFolder.list(dir, site).map((location) => ({ path: path.join(dir, location.file), location, version: '', size: fs.statSync(path.join(dir, location.file), { throwIfNoEntry: false })?.size ?? 0, settle: false, maxBytes: 100_000, skip: [], source: true }));
    startEarlyWorkers();
    const there = new Array<ParseOutcome | undefined>(jobs.length);
    await parseAll(parseInWorkers({ size: parseWorkerCount(), minFiles: 0, here: false }), jobs, site, (index, outcome) => (there[index] = outcome));
    expect(there).toStrictEqual(jobs.map((job) => parseFile(job, site, fs)));
    expect(jobs.length).toBe(40);
    // The pool took every early parse worker; the render workers still wait.
    expect(takeEarlyWorker(PARSE_WORKER_URL)).toBeUndefined();
  }, 60_000);

  it('are taken by a render pool, which renders in them', async () => {
    startEarlyWorkers();
    const pool = new RenderPool(10_000);
    pool.warm();
    expect(takeEarlyWorker(RENDER_WORKER_URL)).toBeUndefined();
    const result = await pool.render({ file: 'a.md', format: 'markdown', source: '*early*', url: 'https://example.com/a/' });
    expect(result.html.trim()).toBe('<p><em>early</em></p>');
  }, 30_000);

  it('keep the messages they send before a pool listens, and lose none', async () => {
    startEarlyWorkers();
    // Time for the render worker to load and say so before it is taken (if it has not, it says so after).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const early = takeEarlyWorker(RENDER_WORKER_URL)!;
    const later: unknown[] = [];
    early.worker.on('message', (message) => later.push(message));
    for (let wait = 0; wait < 200 && early.messages.length + later.length === 0; wait++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect([...early.messages, ...later]).toEqual([{ ready: true }]);
    await early.worker.terminate();
  }, 30_000);

  it('that no pool took are stopped', async () => {
    startEarlyWorkers();
    await stopEarlyWorkers();
    expect(takeEarlyWorker(PARSE_WORKER_URL)).toBeUndefined();
    expect(takeEarlyWorker(RENDER_WORKER_URL)).toBeUndefined();
    expect(renderWorkerCount()).toBeGreaterThan(0);
  });
});
