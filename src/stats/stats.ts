import path from 'node:path';
import type { Logger } from 'pino';
import { DAY_MS, dayOf, WINDOW_DAYS } from './calendar.js';
import { fileKeys, KeyRing } from './key-ring.js';
import { PollStats } from './poll-stats.js';
import type { ReaderFamily } from './reader-table.js';
import { StatsFolder } from './stats-folder.js';
import { buildReport, totalSubscribers, type StatsReport } from './stats-report.js';
import type { StatsState } from './stats-state.js';

/** The clock the stats read and schedule their saving with (Herald's Clock fits). */
export interface StatsClock {
  now(): Date;
  setTimeout(callback: () => void, ms: number): { unref?(): unknown };
  clearTimeout(handle: unknown): void;
}

export interface StatsOptions {
  /** This instance's name in the stats folder. */
  readonly instance: string;
  /** The polling hint (Cache-Control max-age) in seconds. */
  readonly hintSeconds: number;
  readonly politePolling: boolean;
  /** The stats folder (counts survive restarts and are shared by replicas), or undefined: memory only. */
  readonly dir?: string;
  /** How often the state is saved and other instances' files read. */
  readonly saveSeconds: number;
  readonly issuedEtag: (tag: string) => boolean;
  readonly clock: StatsClock;
  readonly log: Logger;
  readonly random?: (bytes: number) => Uint8Array;
}

/**
 * Subscribers and reader figures: the per-poll counting (PollStats), the other instances' saved
 * states, the report behind /stats, and saving to the stats folder on a timer that `start` starts.
 */
export class Stats {
  readonly polls: PollStats;
  private peers: StatsState[] = [];
  private readonly folder: StatsFolder | undefined;
  private readonly throttled = new Map<string, number>();

  constructor(private readonly options: StatsOptions) {
    this.folder = options.dir === undefined ? undefined : new StatsFolder(options.dir, options.instance);
    const keys = new KeyRing(this.folder ? fileKeys(this.folder.keysDir) : undefined, options.random);
    this.polls = new PollStats(options.instance, {
      clock: options.clock,
      keys,
      politePolling: options.politePolling,
      issuedEtag: options.issuedEtag,
      onThrottle: (family, document) => this.throttledPoll(family, document.path),
    });
  }

  /** Reads the saved state of this instance (counting goes on from it) and the other instances'. */
  async load(): Promise<void> {
    if (!this.folder) return;
    const { own, peers, problems } = await this.folder.load();
    if (own) this.polls.state.absorb(own);
    this.adoptPeers(peers);
    for (const problem of problems) this.options.log.warn(problem, 'stats: a file in the stats folder could not be read; it is left out');
  }

  /** The figures of the current window, merged across every instance sharing the folder. */
  report(): StatsReport {
    const now = this.options.clock.now();
    this.recordHistory(dayOf(now.getTime()));
    return buildReport(this.states(), now, { hintSeconds: this.options.hintSeconds, politePolling: this.options.politePolling });
  }

  /** Records the day's history and sums up the 429s in the log, then saves this instance's state and reads the others'. */
  async flush(): Promise<void> {
    this.maintain();
    await this.save();
  }

  /** Saves every `saveSeconds` until the returned function is called (which saves once more). */
  start(): () => Promise<void> {
    let timer: unknown;
    let saving = false;
    const schedule = () => {
      timer = this.options.clock.setTimeout(tick, this.options.saveSeconds * 1000);
      (timer as { unref?(): unknown }).unref?.();
    };
    const tick = () => {
      schedule();
      this.maintain();
      if (saving) return;
      saving = true;
      this.save()
        .catch((error: unknown) => this.options.log.error({ err: error }, 'stats: saving failed'))
        .finally(() => (saving = false));
    };
    schedule();
    return async () => {
      this.options.clock.clearTimeout(timer);
      await this.flush();
    };
  }

  private maintain(): void {
    this.recordHistory(dayOf(this.options.clock.now().getTime()));
    for (const [family, count] of this.throttled) if (count > 1) this.options.log.info({ reader: family, count }, 'polite polling: 429s answered since the last save');
    this.throttled.clear();
  }

  private async save(): Promise<void> {
    if (!this.folder) return;
    this.polls.state.savedAt = this.options.clock.now().getTime();
    await this.folder.save(this.polls.state);
    const { peers, problems } = await this.folder.load();
    this.adoptPeers(peers);
    for (const problem of problems) this.options.log.warn(problem, 'stats: a file in the stats folder could not be read; it is left out');
  }

  /** This instance's state and the other instances' (fresh enough to matter). */
  states(): StatsState[] {
    return [this.polls.state, ...this.peers];
  }

  // Others' files not saved within the window (and one more day, for yesterday's history) are left out.
  private adoptPeers(peers: StatsState[]): void {
    const oldest = this.options.clock.now().getTime() - (WINDOW_DAYS + 1) * DAY_MS;
    this.peers = peers.filter((peer) => peer.savedAt >= oldest);
  }

  // Each day's end count, once the day is over: the window that ended yesterday, for every feed seen.
  private recordHistory(today: number): void {
    const states = this.states();
    const refs = new Map(states.flatMap((state) => [...state.feeds.values()].map((feed) => [feed.ref.key, feed.ref] as const)));
    for (const ref of refs.values()) {
      const feed = this.polls.state.feeds.get(ref.key) ?? this.polls.state.feed(ref);
      if (feed.history.has(today - 1)) continue;
      const subscribers = totalSubscribers(ref.key, states, today - 1);
      if (subscribers > 0) feed.history.set(today - 1, subscribers);
    }
  }

  private throttledPoll(family: ReaderFamily, documentPath: string): void {
    const count = this.throttled.get(family.id) ?? 0;
    this.throttled.set(family.id, count + 1);
    if (count === 0) this.options.log.warn({ reader: family.id, path: documentPath, hintSeconds: this.options.hintSeconds }, 'polite polling: 429 to an unconditional poll faster than the polling hint');
  }
}

/** The stats folder inside a data folder. */
export function statsDir(dataDir: string): string {
  return path.join(dataDir, 'stats');
}
