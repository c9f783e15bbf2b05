import { Worker } from 'node:worker_threads';
import { RENDER_WORKER_URL, renderWorkerCount, takeEarlyWorker } from './early-workers.js';
import { RenderBudgetError, type OffThread, type RenderResult, type RenderTask } from './render-task.js';

interface Job {
  readonly id: number;
  readonly task: RenderTask;
  readonly resolve: (result: RenderResult) => void;
  readonly reject: (error: Error) => void;
}

/** The background tasks after which `renew` replaces a worker. */
const RENEW_AFTER = 500;

/** One worker thread and the job it runs, if any. */
interface Slot {
  worker: Worker;
  /** The worker has loaded its modules: a task's budget runs from then. */
  ready: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
  /** The background tasks (a self-validation run's) the worker has rendered. */
  background: number;
}

/**
 * A small pool of worker threads that render post bodies, one at a time each, with a time budget per
 * body: a body over budget has its worker terminated (and replaced) and its promise rejected with
 * RenderBudgetError. Workers start on the first task and do not keep the process alive.
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
    while (this.#slots.length < this.size) this.#spawn();
  }

  /**
   * Renders `task` in a worker; rejects with RenderBudgetError past the budget, or Error when it throws.
   * A background task starts only when no other task waits, so a request's bodies never queue behind a
   * self-validation run's.
   */
  readonly render: OffThread = (task, background = false) =>
    new Promise<RenderResult>((resolve, reject) => {
      (background ? this.#background : this.#queue).push({ id: this.#next++, task, resolve, reject });
      this.#pump();
    });

  /**
   * Replaces the idle workers that rendered `after` background tasks or more with fresh ones: a worker's
   * heap grows with the bodies it rendered and is given back only when it ends, and a cold
   * self-validation run renders them all (a run after an edit renders a few, and renews nothing).
   */
  renew(after = RENEW_AFTER): void {
    for (const slot of [...this.#slots]) {
      if (slot.job || slot.background < after) continue;
      void this.#stop(slot, new Error('renewed'));
      this.#spawn();
    }
  }

  #pump(): void {
    while (this.#queue.length || this.#background.length) {
      const slot = this.#slots.find((candidate) => !candidate.job) ?? (this.#slots.length < this.size ? this.#spawn() : undefined);
      if (!slot) return;
      const background = !this.#queue.length;
      const job = (background ? this.#background : this.#queue).shift()!;
      slot.job = job;
      if (background) slot.background++;
      slot.worker.ref();
      if (slot.ready) this.#startBudget(slot);
      slot.worker.postMessage({ id: job.id, task: job.task });
    }
  }

  #spawn(): Slot {
    // A worker started with the process (content/early-workers.ts) may have loaded already: its messages so far are replayed.
    const early = takeEarlyWorker(RENDER_WORKER_URL);
    const worker = early?.worker ?? new Worker(RENDER_WORKER_URL);
    const slot: Slot = { worker, ready: false, background: 0 };
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
