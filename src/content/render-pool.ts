import { Worker } from 'node:worker_threads';
import { RENDER_WORKER_URL, renderWorkerCount, takeEarlyWorker } from './early-workers.js';
import { RenderBudgetError, type OffThread, type RenderResult, type RenderTask } from './render-task.js';

interface Job {
  readonly id: number;
  readonly task: RenderTask;
  readonly resolve: (result: RenderResult) => void;
  readonly reject: (error: Error) => void;
}

/** One worker thread and the jobs sent to it, the one it runs first. */
interface Slot {
  worker: Worker;
  /** The worker has loaded its modules: a task's budget runs from then. */
  ready: boolean;
  readonly jobs: Job[];
  /** The budget of the first job. */
  timer?: NodeJS.Timeout;
  /** The worker of the background tasks (a self-validation run's), at nice 19, rather than one of the requests'. */
  readonly background: boolean;
}

/**
 * Jobs sent to a requests' worker before it answers the first: it renders them one after another without
 * waiting for this thread to send the next. This thread may be busy for a while (a load making its result
 * and snapshot: 0.4 s at 100,000 posts, while the first feed page's 50 bodies render); one job at a time,
 * the worker rendered one body in that time.
 */
const PIPELINE = 64;

/** The most characters of source a worker is sent ahead (one body at least, whatever its size): each is copied into the message. */
const PIPELINE_CHARS = 4 * 1024 * 1024;

const charsOf = (job: Job) => job.task.source.length + (job.task.summarySource?.length ?? 0);

/**
 * A small pool of worker threads that render post bodies, one after another each, with a time budget per
 * body counted from when its worker took it up (the body before came back): a body over budget has its
 * worker terminated (and replaced), its promise rejected with RenderBudgetError, and the bodies sent
 * after it sent again. Workers start on the first task and do not keep the process alive. Background
 * tasks (a self-validation run's) have a worker of their own, at nice 19, so a request's bodies never
 * queue behind them and they take no core from serving (a request for a body under way there shares its
 * render, RenderOnce).
 */
export class RenderPool {
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  readonly #background: Job[] = [];
  #next = 0;

  constructor(
    private readonly budgetMs: number,
    private readonly size = renderWorkerCount(),
  ) {}

  /** The thread ids of the pool's workers (node:worker_threads `threadId`), oldest first. */
  get threadIds(): number[] {
    return this.#slots.map((slot) => slot.worker.threadId);
  }

  /** Starts the workers now (idle, not keeping the process alive), so the first bodies do not wait for them to load. */
  warm(): void {
    while (this.#slots.filter((slot) => !slot.background).length < this.size) this.#spawn(false);
  }

  /**
   * Renders `task` in a worker; rejects with RenderBudgetError past the budget, or Error when it throws.
   * A background task goes to the background worker, one at a time, whatever the requests' workers do.
   */
  readonly render: OffThread = (task, background = false) =>
    new Promise<RenderResult>((resolve, reject) => {
      (background ? this.#background : this.#queue).push({ id: this.#next++, task, resolve, reject });
      this.#pump();
    });

  /**
   * Ends the background worker when it is idle: its heap grew with every body of a run and is given back
   * whole when it ends. The next background task starts a fresh one.
   */
  endBackground(): void {
    const slot = this.#slots.find((candidate) => candidate.background);
    if (slot && !slot.jobs.length && !this.#background.length) void this.#stop(slot, new Error('ended'));
  }

  #pump(): void {
    while (this.#queue.length) {
      const requests = this.#slots.filter((candidate) => !candidate.background);
      // An idle worker, else a new one while the pool has room, else the one with the fewest jobs sent.
      let slot = requests.find((candidate) => !candidate.jobs.length);
      if (!slot && requests.length < this.size) slot = this.#spawn(false);
      slot ??= requests.reduce<Slot | undefined>((fewest, candidate) => (!fewest || candidate.jobs.length < fewest.jobs.length ? candidate : fewest), undefined);
      if (!slot || !this.#takes(slot, this.#queue[0]!)) break;
      this.#send(slot, this.#queue.shift()!);
    }
    if (!this.#background.length) return;
    // The background worker takes one body at a time: a run's bodies wait here, where a request's render can share them (RenderOnce).
    const slot = this.#slots.find((candidate) => candidate.background) ?? this.#spawn(true);
    if (!slot.jobs.length) this.#send(slot, this.#background.shift()!);
  }

  // Whether a requests' worker is sent `job` now: an idle one is, a busy one while it has room ahead.
  #takes(slot: Slot, job: Job): boolean {
    if (!slot.jobs.length) return true;
    if (slot.jobs.length >= PIPELINE) return false;
    let chars = charsOf(job);
    for (const sent of slot.jobs) chars += charsOf(sent);
    return chars <= PIPELINE_CHARS;
  }

  #send(slot: Slot, job: Job): void {
    slot.jobs.push(job);
    slot.worker.ref();
    if (slot.ready && slot.jobs.length === 1) this.#startBudget(slot);
    slot.worker.postMessage({ id: job.id, task: job.task });
  }

  #spawn(background: boolean): Slot {
    // A worker started with the process (content/early-workers.ts) may have loaded already: its messages so far are replayed.
    const early = background ? undefined : takeEarlyWorker(RENDER_WORKER_URL);
    const worker = early?.worker ?? new Worker(RENDER_WORKER_URL, { workerData: { background } });
    const slot: Slot = { worker, ready: false, jobs: [], background };
    const receive = (message: { ready?: true; id: number; result?: RenderResult; error?: string }) => {
      if (message.ready) {
        slot.ready = true;
        if (slot.jobs.length) this.#startBudget(slot);
        return;
      }
      const job = slot.jobs[0];
      if (!job || job.id !== message.id) return;
      this.#finish(slot);
      if (message.result) job.resolve(message.result);
      else job.reject(new Error(message.error ?? 'the render worker failed'));
      this.#pump();
    };
    worker.on('message', receive);
    worker.on('error', (error) => this.#replace(slot, error));
    worker.on('exit', () => this.#replace(slot, new Error('the render worker stopped')));
    // Unref'd after its listeners (a 'message' listener refs the port again); ref'd only while it has a
    // job, so an idle pool never keeps the process alive (herald build exits) and a busy one does.
    worker.unref();
    this.#slots.push(slot);
    for (const message of early?.messages ?? []) receive(message as Parameters<typeof receive>[0]);
    return slot;
  }

  #startBudget(slot: Slot): void {
    slot.timer = setTimeout(() => this.#overBudget(slot), this.budgetMs);
  }

  // The first job came back (or is given up): the next one's budget runs from now.
  #finish(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.jobs.shift();
    if (!slot.jobs.length) slot.worker.unref();
    else if (slot.ready) this.#startBudget(slot);
  }

  #overBudget(slot: Slot): void {
    if (!slot.jobs.length) return;
    void this.#stop(slot, new RenderBudgetError(`rendering took longer than ${this.budgetMs} ms (limits.postRenderMs)`));
    this.#pump();
  }

  // Takes a slot out of the pool, rejects the job it ran, sends the others again and terminates its worker.
  async #stop(slot: Slot, error: Error): Promise<void> {
    const index = this.#slots.indexOf(slot);
    if (index >= 0) this.#slots.splice(index, 1);
    clearTimeout(slot.timer);
    const [job, ...waiting] = slot.jobs.splice(0);
    (slot.background ? this.#background : this.#queue).unshift(...waiting);
    job?.reject(error);
    slot.worker.removeAllListeners('exit');
    slot.worker.removeAllListeners('error');
    slot.worker.on('error', () => {});
    await slot.worker.terminate();
  }

  #replace(slot: Slot, error: Error): void {
    if (!this.#slots.includes(slot)) return;
    void this.#stop(slot, error);
    this.#pump();
  }
}
