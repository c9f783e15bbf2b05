/** A request whose document is not in the cache: it waits for its turn to be rendered. */
export class RenderTurn {
  /** `urgent`: a document readers subscribe to or navigate to (a first page at its own size, the index, a post page). */
  constructor(readonly urgent: boolean) {}
}

/** What the queue holds and has refused, for /metrics. */
export interface RenderQueueFigures {
  readonly waiting: { readonly urgent: number; readonly other: number };
  readonly shed: number;
}

type Schedule = (run: () => void) => void;

/**
 * Renders of documents not in the cache, run one per turn of the event loop (`setImmediate`), urgent ones
 * first, so requests answered from the cache (`/healthz`, cached feeds) wait behind at most one render
 * however many are asked for. Each lane holds at most `limit` waiting jobs; past it a job is refused
 * (the caller answers 503 with Retry-After).
 */
export class RenderQueue {
  private readonly urgent: Array<() => void> = [];
  private readonly other: Array<() => void> = [];
  private scheduled = false;
  private shedCount = 0;

  constructor(
    private readonly limit: number,
    private readonly schedule: Schedule = (run) => void setImmediate(run),
  ) {}

  /** Queues `job` in its lane and returns true, or returns false (and counts it shed) when the lane is full. */
  enqueue(job: () => void, urgent: boolean): boolean {
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
    if (this.scheduled || (this.urgent.length === 0 && this.other.length === 0)) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      const job = this.urgent.shift() ?? this.other.shift();
      try {
        job?.();
      } finally {
        this.next();
      }
    });
  }
}
