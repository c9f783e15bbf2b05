import { DistinctSketch, type SketchJson } from './distinct-sketch.js';
import { READERS, readerById } from './reader-table.js';

/** A feed as the stats name it: one entry for all its formats, pages and archives. */
export interface FeedRef {
  /** Stable key, e.g. `site`, `category:culture`, `tag:maps`, `author:ada`. */
  readonly key: string;
  /** For people: `Everything`, `Category: Culture`. */
  readonly label: string;
  /** Where the feed's page for people is, e.g. `/tags/maps/feed.html`. */
  readonly path: string;
}

/** A hosted reader's latest count for one of its subscriptions. */
export interface Report {
  readonly family: string;
  readonly subscription: string;
  count: number;
  /** When it was last reported (ms). */
  at: number;
}

/** The saved form of a FeedTally. */
export interface FeedTallyJson extends FeedRef {
  readonly days: Record<string, Record<string, Record<string, SketchJson>>>;
  readonly reports: readonly Report[];
  readonly history: ReadonlyArray<readonly [number, number]>;
}

/** Hosted-reader subscriptions remembered per feed; past this the one reported longest ago is forgotten. */
export const MAX_REPORTS_PER_FEED = 64;
/** Days of subscriber history kept per feed. */
export const HISTORY_DAYS = 90;

/**
 * One feed's subscriber data: per day, per key epoch and per reader family a sketch of the distinct
 * clients seen; the latest count of each hosted-reader subscription; the subscribers at each day's end.
 */
export class FeedTally {
  /** day → epoch → sketches by family index. */
  readonly days = new Map<number, Map<number, Array<DistinctSketch | undefined>>>();
  readonly reports = new Map<string, Report>();
  /** day → subscribers counted over the window that ended that day. */
  readonly history = new Map<number, number>();

  constructor(public ref: FeedRef) {}

  /** The sketches of `day` under `epoch`, by family index (made on first use). */
  sketches(day: number, epoch: number): Array<DistinctSketch | undefined> {
    let epochs = this.days.get(day);
    if (!epochs) this.days.set(day, (epochs = new Map()));
    let sketches = epochs.get(epoch);
    if (!sketches) epochs.set(epoch, (sketches = new Array<DistinctSketch | undefined>(READERS.length).fill(undefined)));
    return sketches;
  }

  /** Records a hosted reader's count for one subscription (`subscription` names it within the family). */
  report(family: string, subscription: string, count: number, at: number): void {
    const key = `${family}\n${subscription}`;
    const known = this.reports.get(key);
    if (known) {
      known.count = count;
      known.at = at;
      return;
    }
    if (this.reports.size >= MAX_REPORTS_PER_FEED) this.reports.delete(this.oldestReport());
    this.reports.set(key, { family, subscription, count, at });
  }

  /** Forgets days before `day` (sketches, and reports last made before it) and history past HISTORY_DAYS. */
  prune(day: number, dayMs: number): void {
    for (const known of this.days.keys()) if (known < day) this.days.delete(known);
    for (const [key, report] of this.reports) if (report.at < day * dayMs) this.reports.delete(key);
    for (const known of this.history.keys()) if (known < day - HISTORY_DAYS) this.history.delete(known);
  }

  /** Bytes held by the sketches. */
  bytes(): number {
    let bytes = 0;
    for (const epochs of this.days.values()) for (const sketches of epochs.values()) for (const sketch of sketches) bytes += sketch?.bytes() ?? 0;
    return bytes;
  }

  /** The saved form. */
  toJSON(): FeedTallyJson {
    const days: Record<string, Record<string, Record<string, SketchJson>>> = {};
    for (const [day, epochs] of this.days) {
      const byEpoch: Record<string, Record<string, SketchJson>> = (days[day] = {});
      for (const [epoch, sketches] of epochs) {
        byEpoch[epoch] = Object.fromEntries(sketches.flatMap((sketch, index) => (sketch ? [[READERS[index]!.id, sketch.toJSON()]] : [])));
      }
    }
    return { ...this.ref, days, reports: [...this.reports.values()], history: [...this.history] };
  }

  /** A tally from its saved form; families this version does not know are counted as "other". Throws on malformed input. */
  static fromJSON(json: FeedTallyJson): FeedTally {
    const tally = new FeedTally({ key: String(json.key), label: String(json.label), path: String(json.path) });
    for (const [day, epochs] of Object.entries(json.days)) {
      for (const [epoch, byFamily] of Object.entries(epochs)) {
        const sketches = tally.sketches(wholeNumber(day), wholeNumber(epoch));
        for (const [id, sketch] of Object.entries(byFamily)) {
          const index = (readerById(id) ?? READERS.at(-1)!).index;
          sketches[index] = (sketches[index] ?? new DistinctSketch()).merge(DistinctSketch.fromJSON(sketch));
        }
      }
    }
    for (const { family, subscription, count, at } of json.reports) tally.report(String(family), String(subscription), wholeNumber(count), wholeNumber(at));
    for (const [day, subscribers] of json.history) tally.history.set(wholeNumber(day), wholeNumber(subscribers));
    return tally;
  }

  private oldestReport(): string {
    let oldest: [string, Report] | undefined;
    for (const entry of this.reports) if (!oldest || entry[1].at < oldest[1].at) oldest = entry;
    return oldest![0];
  }
}

function wholeNumber(value: unknown): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0) throw new RangeError(`not a whole number: ${String(value)}`);
  return number;
}
