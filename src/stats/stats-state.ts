import { DAY_MS } from './calendar.js';
import { DistinctSketch } from './distinct-sketch.js';
import { FeedTally, type FeedRef, type FeedTallyJson } from './feed-tally.js';
import { READERS, readerById } from './reader-table.js';
import { ReaderTally, type ReaderTallyJson } from './reader-tally.js';

/** The saved form of a StatsState: one file per Herald instance in the stats folder. */
export interface StatsStateJson {
  readonly version: 1;
  readonly instance: string;
  readonly savedAt: number;
  readonly feeds: readonly FeedTallyJson[];
  readonly readers: Record<string, Record<string, ReaderTallyJson>>;
}

/** Everything one Herald instance has counted: per feed tallies and per day reader tallies. Only counts, sketches and times. */
export class StatsState {
  readonly feeds = new Map<string, FeedTally>();
  /** day → reader tallies by family index. */
  readonly readerDays = new Map<number, Array<ReaderTally | undefined>>();

  constructor(
    readonly instance: string,
    public savedAt = 0,
  ) {}

  /** The tally of `ref`'s feed (made on first use; its label and path follow the latest ref). */
  feed(ref: FeedRef): FeedTally {
    let tally = this.feeds.get(ref.key);
    if (!tally) this.feeds.set(ref.key, (tally = new FeedTally(ref)));
    else tally.ref = ref;
    return tally;
  }

  /** The reader tallies of `day`, by family index. */
  readers(day: number): Array<ReaderTally | undefined> {
    let tallies = this.readerDays.get(day);
    if (!tallies) this.readerDays.set(day, (tallies = new Array<ReaderTally | undefined>(READERS.length).fill(undefined)));
    return tallies;
  }

  /** Forgets what is older than `day`. */
  prune(day: number): void {
    for (const known of this.readerDays.keys()) if (known < day) this.readerDays.delete(known);
    for (const feed of this.feeds.values()) feed.prune(day, DAY_MS);
  }

  /** Adds `other`'s counts into this state (restoring a saved state into a running one). */
  absorb(other: StatsState): void {
    for (const saved of other.feeds.values()) {
      const feed = this.feed(this.feeds.get(saved.ref.key)?.ref ?? saved.ref);
      for (const [day, epochs] of saved.days) {
        for (const [epoch, sketches] of epochs) {
          const into = feed.sketches(day, epoch);
          sketches.forEach((sketch, index) => sketch && (into[index] = (into[index] ?? new DistinctSketch()).merge(sketch)));
        }
      }
      for (const report of saved.reports.values()) {
        const known = feed.reports.get(`${report.family}\n${report.subscription}`);
        if (!known || known.at < report.at) feed.report(report.family, report.subscription, report.count, report.at);
      }
      for (const [day, subscribers] of saved.history) feed.history.set(day, Math.max(subscribers, feed.history.get(day) ?? 0));
    }
    for (const [day, tallies] of other.readerDays) {
      const into = this.readers(day);
      tallies.forEach((tally, index) => tally && (into[index] = (into[index] ?? new ReaderTally()).merge(tally)));
    }
  }

  /** Bytes held by sketches (the poll table is counted by its owner). */
  bytes(): number {
    let bytes = 0;
    for (const feed of this.feeds.values()) bytes += feed.bytes();
    return bytes;
  }

  /** The saved form. */
  toJSON(): StatsStateJson {
    const readers: Record<string, Record<string, ReaderTallyJson>> = {};
    for (const [day, tallies] of this.readerDays) {
      readers[day] = Object.fromEntries(tallies.flatMap((tally, index) => (tally ? [[READERS[index]!.id, tally.toJSON()]] : [])));
    }
    return { version: 1, instance: this.instance, savedAt: this.savedAt, feeds: [...this.feeds.values()].map((feed) => feed.toJSON()), readers };
  }

  /** A state from its saved form; throws on a malformed one (the caller reports the file). */
  static fromJSON(json: StatsStateJson): StatsState {
    if (json?.version !== 1 || typeof json.instance !== 'string') throw new RangeError('not a Herald stats file (version 1)');
    const state = new StatsState(json.instance, Number(json.savedAt) || 0);
    for (const feed of json.feeds) {
      const tally = FeedTally.fromJSON(feed);
      state.feeds.set(tally.ref.key, tally);
    }
    for (const [day, byFamily] of Object.entries(json.readers)) {
      if (!/^\d+$/.test(day)) throw new RangeError(`bad day ${day}`);
      const tallies = state.readers(Number(day));
      for (const [id, saved] of Object.entries(byFamily)) {
        const index = (readerById(id) ?? READERS.at(-1)!).index;
        tallies[index] = (tallies[index] ?? new ReaderTally()).merge(ReaderTally.fromJSON(saved));
      }
    }
    return state;
  }
}
