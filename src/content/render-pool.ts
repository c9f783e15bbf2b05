import { Worker } from 'node:worker_threads';
import { RENDER_WORKER_URL, renderWorkerCount, takeEarlyWorker } from './early-workers.js';
import { RenderBudgetError, type OffThread, type RenderResult, type RenderTask } from './render-task.js';

interface Job {
  readonly id: number;
  readonly task: RenderTask;
  readonly resolve: (result: RenderResult) => void;
  readonly reject: (error: Error) => void;
}

/** One worker thread and the job it runs, if any. */
interface Slot {
  worker: Worker;
  /** The worker has loaded its modules: a task's budget runs from then. */
  ready: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
  /** The worker of the background tasks (a self-validation run's), at nice 19, rather than one of the requests'. */
  readonly background: boolean;
}

/**
 * A small pool of worker threads that render post bodies, one at a time each, with a time budget per
 * body: a body over budget has its worker terminated (and replaced) and its promise rejected with
 * RenderBudgetError. Workers start on the first task and do not keep the process alive. Background tasks
 * (a self-validation run's) have a worker of their own, at nice 19, so a request's bodies never queue
 * behind them and they take no core from serving (a request for a body under way there shares its render,
 * RenderOnce).
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
    if (slot && !slot.job && !this.#background.length) void this.#stop(slot, new Error('ended'));
  }

  #pump(): void {
    while (this.#queue.length) {
      const requests = this.#slots.filter((candidate) => !candidate.background);
      const slot = requests.find((candidate) => !candidate.job) ?? (requests.length < this.size ? this.#spawn(false) : undefined);
      if (!slot) break;
      this.#start(slot, this.#queue.shift()!);
    }
    if (!this.#background.length) return;
    const slot = this.#slots.find((candidate) => candidate.background) ?? this.#spawn(true);
    if (!slot.job) this.#start(slot, this.#background.shift()!);
  }

  #start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    if (slot.ready) this.#startBudget(slot);
    slot.worker.postMessage({ id: job.id, task: job.task });
  }

  #spawn(background: boolean): Slot {
    // A worker started with the process (content/early-workers.ts) may have loaded already: its messages so far are replayed.
    const early = background ? undefined : takeEarlyWorker(RENDER_WORKER_URL);
    const worker = early?.worker ?? new Worker(RENDER_WORKER_URL, { workerData: { background } });
    const slot: Slot = { worker, ready: false, background };
    const receive = (message: { ready?: true; id: number; result?: RenderResult; error?: string }) => {
      if (message.ready) {
        slot.ready = true;
        if (slot.job) this.#startBudget(slot);
        return;
      }
      const job = slot.job;
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

  #finish(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.worker.unref();
    slot.job = undefined;
    slot.timer = undefined;
  }

  #overBudget(slot: Slot): void {
    const job = slot.job;
    if (!job) return;
    void this.#stop(slot, new RenderBudgetError(`rendering took longer than ${this.budgetMs} ms (limits.postRenderMs)`));
    this.#pump();
  }

  // Takes a slot out of the pool, rejects its job and terminates its worker.
  async #stop(slot: Slot, error: Error): Promise<void> {
    const index = this.#slots.indexOf(slot);
    if (index >= 0) this.#slots.splice(index, 1);
    const job = slot.job;
    this.#finish(slot);
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
