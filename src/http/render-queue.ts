import type { Address } from '../address/address.js';

/** A request whose document (at `address`) is not in the cache: it waits for its turn to be rendered. */
export class RenderTurn {
  /** `urgent`: a document readers subscribe to or navigate to (a first page at its own size, the index, a post page). */
  constructor(
    readonly urgent: boolean,
    readonly address: Address,
  ) {}
}

/** What the queue holds and has refused, for /metrics. */
export interface RenderQueueFigures {
  readonly waiting: { readonly urgent: number; readonly other: number };
  readonly shed: number;
}

type Schedule = (run: () => void) => void;

/** A job of the queue: done when it returns, or, when it returns a promise (a render in slices), when that settles. */
export type RenderJob = () => void | Promise<void>;

/**
 * Renders of documents not in the cache, run one at a time, each started in its own turn of the event loop
 * (`setImmediate`), urgent ones first, so requests answered from the cache (`/healthz`, cached feeds) wait
 * behind at most one render, or one slice of one (a job that returns a promise renders in slices, and the
 * next job starts once it settles), however many are asked for. Each lane holds at most `limit` waiting jobs; past it a job is refused
 * (the caller answers 503 with Retry-After).
 */
export class RenderQueue {
  private readonly urgent: Array<RenderJob> = [];
  private readonly other: Array<RenderJob> = [];
  private scheduled = false;
  private running = false;
  private shedCount = 0;

  constructor(
    private readonly limit: number,
    private readonly schedule: Schedule = (run) => void setImmediate(run),
  ) {}

  /** Queues `job` in its lane and returns true, or returns false (and counts it shed) when the lane is full. */
  enqueue(job: RenderJob, urgent: boolean): boolean {
    const lane = urgent ? this.urgent : this.other;
    if (lane.length >= this.limit) {
      this.shedCount++;
      return false;
    }
    lane.push(job);
    this.next();
    return true;
  }

  /** Jobs waiting in each lane, and how many were refused since the start. */
  figures(): RenderQueueFigures {
    return { waiting: { urgent: this.urgent.length, other: this.other.length }, shed: this.shedCount };
  }

  private next(): void {
    if (this.scheduled || this.running || (this.urgent.length === 0 && this.other.length === 0)) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      const job = this.urgent.shift() ?? this.other.shift();
      let pending: void | Promise<void> = undefined;
      try {
        pending = job?.();
      } finally {
        if (pending instanceof Promise) {
          this.running = true;
          // The job answers its own failures; the queue only waits for it to settle.
          pending.catch(() => {}).finally(() => {
            this.running = false;
            this.next();
          });
        } else this.next();
      }
    });
  }
}
