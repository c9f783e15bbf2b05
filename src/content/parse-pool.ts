import { Worker } from 'node:worker_threads';
import { calendarDatePaths, reviveCalendarDates, type ValuePath } from './clone-dates.js';
import * as fs from 'node:fs';
import { StaticListing } from './image.js';
import { parseFile, type ParseJob, type ParseOutcome } from './parse-file.js';
import type { ParseRecipe, SiteContext } from './parse-post.js';
import { PARSE_WORKER_URL, parseWorkerCount, takeEarlyWorker } from './early-workers.js';

/** Files a worker is sent at once: enough to keep messages few, few enough to share the work evenly. */
const BATCH = 128;

/** The data of a site context a worker makes the context again from (its functions by the recipe). */
export type ParseSite = Omit<SiteContext, 'defaults' | 'render' | 'rerender' | 'check' | 'restore' | 'smartify' | 'images' | 'recipe'> & { readonly recipe: ParseRecipe };

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
  /** Hands `jobs` over, numbered on from the last job added. */
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
  const { defaults: _d, render: _r, rerender: _rr, check: _c, restore: _re, smartify: _s, images: _i, recipe, ...data } = site;
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
  return (site, each) => new WorkerSession(site, each, size, minFiles, here);
}

// One load's parse: the jobs added, cut into batches the workers (and this thread, with `here`) take in turn.
class WorkerSession implements ParseSession {
  readonly #data: ParseSite | undefined;
  readonly #jobs: ParseJob[] = [];
  readonly #batches: number[][] = [];
  #cut = 0;
  #next = 0;
  #closed = false;
  #running: Promise<unknown> | undefined;
  // Who waits for a batch: a worker with a free slot, this thread's loop.
  #waiting: (() => void)[] = [];

  // The site this thread parses in: the load's own listing of the static folder.
  readonly #localSite: SiteContext;

  constructor(
    site: SiteContext,
    private readonly each: (index: number, outcome: ParseOutcome) => void,
    private readonly size: number,
    private readonly minFiles: number,
    private readonly here: boolean,
  ) {
    this.#data = parseSite(site);
    this.#localSite = { ...site, images: new StaticListing() };
  }

  add(jobs: readonly ParseJob[]): void {
    if (!this.#data) return;
    for (const job of jobs) this.#jobs.push(job);
    if (!this.#running && this.#jobs.length < this.minFiles) return;
    this.#cutBatches(false);
    this.#running ??= this.#start();
    this.#wake();
  }

  async done(): Promise<void> {
    this.#closed = true;
    if (!this.#running && (this.#jobs.length === 0 || this.#jobs.length < this.minFiles)) return;
    this.#cutBatches(true);
    this.#running ??= this.#start();
    this.#wake();
    await this.#running;
  }

  #start(): Promise<unknown> {
    return Promise.all([...Array.from({ length: this.size }, () => this.#worker()), ...(this.here ? [this.#local()] : [])]);
  }

  #wake(): void {
    const woken = this.#waiting;
    this.#waiting = [];
    for (const go of woken) go();
  }

  // Whole batches of the jobs added, and with `all` the rest too.
  #cutBatches(all: boolean): void {
    const jobs = this.#jobs.length;
    while (jobs - this.#cut >= BATCH || (all && this.#cut < jobs)) {
      const size = Math.min(BATCH, jobs - this.#cut);
      const from = this.#cut;
      this.#batches.push(Array.from({ length: size }, (_, at) => from + at));
      this.#cut += size;
    }
  }

  // One worker's share, two batches in flight so it never waits for this thread to send the next. A
  // worker that fails (or cannot start) takes no more: the batches it was sent are left to the caller.
  #worker(): Promise<void> {
    return new Promise<void>((resolve) => {
      let worker: Worker;
      let dead = false;
      const sent: number[][] = [];
      const end = () => {
        dead = true;
        resolve();
      };
      const send = () => {
        if (dead) return;
        const batch = this.#batches[this.#next];
        if (!batch) {
          if (!this.#closed) this.#waiting.push(send);
          else if (!sent.length) {
            void worker.terminate();
            end();
          }
          return;
        }
        this.#next++;
        sent.push(batch);
        worker.postMessage({ jobs: batch.map((index) => this.#jobs[index]!) } satisfies ParseMessage);
      };
      try {
        // A worker started with the process (content/early-workers.ts) has its modules loaded already.
        worker = takeEarlyWorker(PARSE_WORKER_URL)?.worker ?? new Worker(PARSE_WORKER_URL);
        worker.ref();
        worker.postMessage({ start: { site: this.#data!, sitePaths: calendarDatePaths(this.#data!) } } satisfies ParseMessage);
        worker.on('message', (reply: ParseReply) => {
          const batch = sent.shift()!;
          for (const [at, outcome] of reply.outcomes.entries()) {
            if (!outcome) continue;
            const page = outcome.parsed?.body.page;
            if (page) reviveCalendarDates(page, reply.dates[at] ?? []);
            this.each(batch[at]!, outcome);
          }
          send();
        });
        worker.on('error', end);
        worker.on('exit', end);
        send();
        send();
      } catch {
        end();
      }
    });
  }

  // This thread takes batches too, letting the workers' answers in between two of its own.
  async #local(): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      const batch = this.#batches[this.#next];
      if (!batch) {
        if (this.#closed) return;
        await new Promise<void>((resolve) => this.#waiting.push(resolve));
        continue;
      }
      this.#next++;
      for (const index of batch) this.each(index, parseFile(this.#jobs[index]!, this.#localSite, fs));
    }
  }
}
