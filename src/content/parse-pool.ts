import { Worker } from 'node:worker_threads';
import { calendarDatePaths, reviveCalendarDates, type ValuePath } from './clone-dates.js';
import * as fs from 'node:fs';
import { parseFile, type ParseJob, type ParseOutcome } from './parse-file.js';
import type { ParseRecipe, SiteContext } from './parse-post.js';
import { PARSE_WORKER_URL, parseWorkerCount, takeEarlyWorker } from './early-workers.js';

/** Files a worker is sent at once: enough to keep messages few, few enough to share the work evenly. */
const BATCH = 128;

/** The data of a site context a worker makes the context again from (its functions by the recipe). */
export type ParseSite = Omit<SiteContext, 'defaults' | 'render' | 'rerender' | 'check' | 'restore' | 'smartify' | 'recipe'> & { readonly recipe: ParseRecipe };

/** What a parse worker starts with: the site, and where its CalendarDates are. */
export interface ParseWorkerData {
  readonly site: ParseSite;
  readonly sitePaths: readonly ValuePath[];
}

/** A message to a parse worker: first the site it parses in, then batches of files. */
export type ParseMessage = { readonly start: ParseWorkerData } | { readonly jobs: readonly ParseJob[] };

/** A worker's answer to a batch: an outcome per job (null: not sendable, parse it here) and the CalendarDates of each post's page. */
export interface ParseReply {
  readonly outcomes: readonly (ParseOutcome | null)[];
  readonly dates: readonly (readonly ValuePath[])[];
}

/**
 * Reads and parses `jobs` in `site` off this thread, calling `each` with each outcome as its batch comes
 * back; resolves when every worker is done. A job left without an outcome (its worker failed, or the
 * outcome could not be sent) is the caller's to parse.
 */
export type ParseOffThread = (jobs: readonly ParseJob[], site: SiteContext, each: (index: number, outcome: ParseOutcome) => void) => Promise<void>;

// The part of a context a message can carry; undefined when the context has no recipe.
function parseSite(site: SiteContext): ParseSite | undefined {
  const { defaults: _d, render: _r, rerender: _rr, check: _c, restore: _re, smartify: _s, recipe, ...data } = site;
  return recipe ? { ...data, recipe } : undefined;
}

/** Whether `site` can be parsed in workers (it has a recipe for its functions). */
export function parsesOffThread(site: SiteContext): boolean {
  return site.recipe !== undefined;
}

/** How many workers, and the fewest files worth starting them for (fewer are left to the caller). */
export interface ParsePoolOptions {
  readonly size?: number;
  /** Whether this thread parses too, between the workers' answers. */
  readonly here?: boolean;
  readonly minFiles?: number;
}

/**
 * Parses in up to `size` worker threads, started for the call and stopped when it is done: a full
 * load at start-up. A call with fewer than `minFiles` jobs (a change, a rescan) parses nothing.
 */
export function parseInWorkers({ size = parseWorkerCount(), minFiles = 256, here = true }: ParsePoolOptions = {}): ParseOffThread {
  return async (jobs, site, each) => {
    const data = parseSite(site);
    if (!data || jobs.length === 0 || jobs.length < minFiles) return;
    const workerData: ParseWorkerData = { site: data, sitePaths: calendarDatePaths(data) };
    const batches: number[][] = [];
    for (let start = 0; start < jobs.length; start += BATCH) batches.push(Array.from({ length: Math.min(BATCH, jobs.length - start) }, (_, at) => start + at));
    let next = 0;
    const run = () =>
      new Promise<void>((resolve) => {
        // A worker started with the process (content/early-workers.ts) has its modules loaded already.
        const worker = takeEarlyWorker(PARSE_WORKER_URL)?.worker ?? new Worker(PARSE_WORKER_URL);
        worker.ref();
        worker.postMessage({ start: workerData } satisfies ParseMessage);
        // Two batches in flight, so a worker never waits for this thread to send the next.
        const sent: number[][] = [];
        const send = () => {
          const batch = batches[next++];
          if (!batch) {
            if (!sent.length) {
              void worker.terminate();
              resolve();
            }
            return;
          }
          sent.push(batch);
          worker.postMessage({ jobs: batch.map((index) => jobs[index]!) } satisfies ParseMessage);
        };
        worker.on('message', (reply: ParseReply) => {
          const batch = sent.shift()!;
          for (const [at, outcome] of reply.outcomes.entries()) {
            if (!outcome) continue;
            const page = outcome.parsed?.body.page;
            if (page) reviveCalendarDates(page, reply.dates[at] ?? []);
            each(batch[at]!, outcome);
          }
          send();
        });
        // A worker that fails leaves the batches it was sent to the caller; the others take the rest.
        worker.on('error', () => resolve());
        worker.on('exit', () => resolve());
        send();
        send();
      });
    // This thread takes batches too, letting the workers' answers in between two of its own.
    const local = async () => {
      for (;;) {
        await new Promise((resolve) => setImmediate(resolve));
        const batch = batches[next++];
        if (!batch) return;
        for (const index of batch) each(index, parseFile(jobs[index]!, site, fs));
      }
    };
    await Promise.all([...Array.from({ length: Math.min(size, batches.length) }, run), ...(here ? [local()] : [])]);
  };
}
