import { DAY_MS, epochOf, isoDay, WINDOW_DAYS } from './calendar.js';
import { DistinctSketch } from './distinct-sketch.js';
import type { FeedRef, Report } from './feed-tally.js';
import { READERS, readerById, type ReaderKind } from './reader-table.js';
import { ReaderTally } from './reader-tally.js';
import type { StatsState } from './stats-state.js';

/** Subscribers of one feed from one reader family. */
export interface ReaderCount {
  readonly reader: string;
  readonly name: string;
  readonly subscribers: number;
  /** Counted from the reader's own reports (hosted readers), not from distinct clients. */
  readonly reported: boolean;
}

/** One feed's figures over the window. */
export interface FeedFigures extends FeedRef {
  readonly subscribers: number;
  /** Of which reported by hosted readers (their latest counts). */
  readonly reported: number;
  /** Of which distinct other clients. */
  readonly clients: number;
  readonly byReader: readonly ReaderCount[];
  /** Subscribers at the end of each past day kept, oldest first, then today so far. */
  readonly history: ReadonlyArray<{ readonly date: string; readonly subscribers: number }>;
}

/** One reader family's figures over the window. */
export interface ReaderFigures {
  readonly reader: string;
  readonly name: string;
  readonly kind: ReaderKind;
  readonly counted: boolean;
  readonly subscribers: number;
  readonly polls: number;
  readonly conditionalShare: number | null;
  readonly notModifiedShare: number | null;
  readonly medianIntervalSeconds: number | null;
  /** The median interval divided by the polling hint: below 1 polls faster than asked. */
  readonly intervalToHint: number | null;
  readonly invalidValidators: number;
  readonly throttled: number;
}

/** What /stats serves. */
export interface StatsReport {
  readonly generatedAt: string;
  readonly window: { readonly days: number; readonly from: string; readonly to: string };
  readonly hintSeconds: number;
  readonly politePolling: boolean;
  readonly instances: ReadonlyArray<{ readonly instance: string; readonly savedAt: string | null }>;
  /** `subscriptions` adds up every feed's subscribers: a reader of two feeds counts twice. */
  readonly totals: { readonly subscriptions: number; readonly polls: number; readonly throttled: number };
  readonly feeds: readonly FeedFigures[];
  readonly readers: readonly ReaderFigures[];
}

/** Subscribers of feed `key` by family id over the window ending `day`, merged across `states`. */
export function subscribersOf(key: string, states: readonly StatsState[], day: number): Map<string, { count: number; reported: boolean }> {
  const epoch = epochOf(day);
  const union = new Array<DistinctSketch | undefined>(READERS.length).fill(undefined);
  const latest = new Map<string, Report>();
  for (const state of states) {
    const feed = state.feeds.get(key);
    if (!feed) continue;
    for (let d = day - WINDOW_DAYS + 1; d <= day; d++) {
      const sketches = feed.days.get(d)?.get(epoch) ?? [];
      sketches.forEach((sketch, index) => sketch && (union[index] = (union[index] ?? new DistinctSketch()).merge(sketch)));
    }
    for (const [id, report] of feed.reports) {
      const known = latest.get(id);
      // Reports keep only their latest count: a window that ended earlier takes it too (history is recorded just after a day ends).
      if (report.at >= (day - WINDOW_DAYS + 1) * DAY_MS && (!known || report.at > known.at)) latest.set(id, report);
    }
  }
  const counts = new Map<string, { count: number; reported: boolean }>();
  union.forEach((sketch, index) => sketch && counts.set(READERS[index]!.id, { count: sketch.estimate(), reported: false }));
  for (const report of latest.values()) {
    const known = counts.get(report.family) ?? { count: 0, reported: true };
    counts.set(report.family, { count: known.count + report.count, reported: true });
  }
  return counts;
}

function sum(counts: Iterable<{ count: number }>): number {
  let total = 0;
  for (const { count } of counts) total += count;
  return total;
}

/** The feed's subscribers at the end of `day` over the window, merged across states. */
export function totalSubscribers(key: string, states: readonly StatsState[], day: number): number {
  return sum(subscribersOf(key, states, day).values());
}

function feedFigures(ref: FeedRef, states: readonly StatsState[], day: number): FeedFigures {
  const counts = subscribersOf(ref.key, states, day);
  const byReader = [...counts]
    .map(([reader, { count, reported }]) => ({ reader, name: readerById(reader)?.name ?? reader, subscribers: count, reported }))
    .sort((a, b) => b.subscribers - a.subscribers || a.reader.localeCompare(b.reader));
  const history = new Map<number, number>();
  for (const state of states) for (const [d, n] of state.feeds.get(ref.key)?.history ?? []) if (d < day) history.set(d, Math.max(n, history.get(d) ?? 0));
  const subscribers = sum(counts.values());
  const reported = sum([...counts.values()].filter((count) => count.reported));
  return {
    ...ref,
    subscribers,
    reported,
    clients: subscribers - reported,
    byReader,
    history: [...[...history].sort((a, b) => a[0] - b[0]).map(([d, n]) => ({ date: isoDay(d), subscribers: n })), { date: isoDay(day), subscribers }],
  };
}

const share = (part: number, whole: number) => (whole ? part / whole : null);

function readerFigures(states: readonly StatsState[], day: number, hintSeconds: number, feeds: readonly FeedFigures[]): ReaderFigures[] {
  const tallies = READERS.map(() => new ReaderTally());
  for (const state of states) {
    for (let d = day - WINDOW_DAYS + 1; d <= day; d++) state.readerDays.get(d)?.forEach((tally, index) => tally && tallies[index]!.merge(tally));
  }
  return READERS.flatMap((family, index) => {
    const tally = tallies[index]!;
    if (tally.polls === 0) return [];
    const median = tally.medianInterval() ?? null;
    const subscribers = sum(feeds.flatMap((feed) => feed.byReader.filter((count) => count.reader === family.id).map((count) => ({ count: count.subscribers }))));
    return [{
      reader: family.id,
      name: family.name,
      kind: family.kind,
      counted: family.counted,
      subscribers,
      polls: tally.polls,
      conditionalShare: share(tally.conditional, tally.polls),
      notModifiedShare: share(tally.notModified, tally.polls),
      medianIntervalSeconds: median,
      intervalToHint: median === null || hintSeconds === 0 ? null : median / hintSeconds,
      invalidValidators: tally.invalid,
      throttled: tally.throttled,
    }];
  }).sort((a, b) => b.polls - a.polls);
}

/** The figures of the window ending on the day of `now`, over the given instances' states (merged). */
export function buildReport(states: readonly StatsState[], now: Date, options: { hintSeconds: number; politePolling: boolean }): StatsReport {
  const day = Math.floor(now.getTime() / DAY_MS);
  const refs = new Map<string, FeedRef>();
  for (const state of states) for (const feed of state.feeds.values()) if (!refs.has(feed.ref.key)) refs.set(feed.ref.key, feed.ref);
  const feeds = [...refs.values()].map((ref) => feedFigures(ref, states, day)).sort((a, b) => b.subscribers - a.subscribers || a.key.localeCompare(b.key));
  const readers = readerFigures(states, day, options.hintSeconds, feeds);
  return {
    generatedAt: now.toISOString(),
    window: { days: WINDOW_DAYS, from: isoDay(day - WINDOW_DAYS + 1), to: isoDay(day) },
    hintSeconds: options.hintSeconds,
    politePolling: options.politePolling,
    instances: states.map((state) => ({ instance: state.instance, savedAt: state.savedAt ? new Date(state.savedAt).toISOString() : null })),
    totals: {
      subscriptions: sum(feeds.map((feed) => ({ count: feed.subscribers }))),
      polls: sum(readers.map((reader) => ({ count: reader.polls }))),
      throttled: sum(readers.map((reader) => ({ count: reader.throttled }))),
    },
    feeds,
    readers,
  };
}
