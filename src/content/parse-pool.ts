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
 * A load's parse off this thread, fed as its files are looked at: each job added is numbered on from the
 * last, and `each` is called with its index and outcome as its batch comes back. A job left without an
 * outcome (fewer than the pool's minimum were added, a worker failed, the outcome could not be sent) is
 * the caller's to parse.
 */
export interface ParseSession {
  add(jobs: readonly ParseJob[]): void;
  /** Resolves when every job added has its outcome or is left to the caller; add nothing after. */
  done(): Promise<void>;
}

/** Starts a parse session in `site`. */
export type ParseOffThread = (site: SiteContext, each: (index: number, outcome: ParseOutcome) => void) => ParseSession;

/** Parses `jobs` in one session of `offThread`: the whole of a load known at once. */
export function parseAll(offThread: ParseOffThread, jobs: readonly ParseJob[], site: SiteContext, each: (index: number, outcome: ParseOutcome) => void): Promise<void> {
  const session = offThread(site, each);
  session.add(jobs);
  return session.done();
}

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
 * Parses in up to `size` worker threads, started once `minFiles` jobs were added (fewer are left to the
 * caller: a change, a rescan) and stopped when the session is done: a full load at start-up.
 */
export function parseInWorkers({ size = parseWorkerCount(), minFiles = 256, here = true }: ParsePoolOptions = {}): ParseOffThread {
  return (site, each) => {
    const data = parseSite(site);
    const jobs: ParseJob[] = [];
    const batches: number[][] = [];
    let cut = 0;
    let closed = false;
    let running: Promise<unknown> | undefined;
    // Who waits for a batch: a worker with none in flight, this thread's loop.
    let waiting: (() => void)[] = [];
    const wake = () => {
      const woken = waiting;
      waiting = [];
      for (const go of woken) go();
    };
    // Whole batches of the jobs added, and with `all` the rest too.
    const cutBatches = (all: boolean) => {
      while (jobs.length - cut >= BATCH || (all && cut < jobs.length)) {
        const size = Math.min(BATCH, jobs.length - cut);
        batches.push(Array.from({ length: size }, (_, at) => cut + at));
        cut += size;
      }
    };
    let next = 0;
    const run = () =>
      new Promise<void>((resolve) => {
        // A worker started with the process (content/early-workers.ts) has its modules loaded already.
        const worker = takeEarlyWorker(PARSE_WORKER_URL)?.worker ?? new Worker(PARSE_WORKER_URL);
        worker.ref();
        worker.postMessage({ start: { site: data!, sitePaths: calendarDatePaths(data!) } } satisfies ParseMessage);
        // Two batches in flight, so a worker never waits for this thread to send the next.
        const sent: number[][] = [];
        const send = () => {
          const batch = batches[next];
          if (!batch) {
            if (!closed) waiting.push(send);
            else if (!sent.length) {
              void worker.terminate();
              resolve();
            }
            return;
          }
          next++;
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
        const batch = batches[next];
        if (!batch) {
          if (closed) return;
          await new Promise<void>((resolve) => waiting.push(resolve));
          continue;
        }
        next++;
        for (const index of batch) each(index, parseFile(jobs[index]!, site, fs));
      }
    };
    const start = () => Promise.all([...Array.from({ length: size }, run), ...(here ? [local()] : [])]);
    return {
      add(added) {
        if (!data) return;
        for (const job of added) jobs.push(job);
        if (!running && jobs.length < minFiles) return;
        cutBatches(false);
        running ??= start();
        wake();
      },
      async done() {
        closed = true;
        if (!running && (jobs.length === 0 || jobs.length < minFiles)) return;
        cutBatches(true);
        running ??= start();
        wake();
        await running;
      },
    };
  };
}
