import { BoundedMap } from '../http/bounded-map.js';
import { dayOf, epochOf, WINDOW_DAYS } from './calendar.js';
import { ReaderClassifier, type ReaderMatch } from './classify-reader.js';
import { DistinctSketch } from './distinct-sketch.js';
import type { FeedRef, FeedTally } from './feed-tally.js';
import { KeyRing } from './key-ring.js';
import { PollTable } from './poll-table.js';
import type { ReaderFamily } from './reader-table.js';
import { ReaderTally } from './reader-tally.js';
import type { SipHash } from './siphash.js';
import { StatsState } from './stats-state.js';

/** One feed document (a format of a feed, any page): made once per path, handed back on every poll. */
export interface FeedDocument {
  readonly id: number;
  readonly path: string;
  readonly feed: FeedTally;
  readonly archive: boolean;
  /** The polling hint (Cache-Control max-age, RSS ttl) in ms. */
  readonly hintMs: number;
}

export interface PollStatsOptions {
  readonly clock: { now(): Date };
  readonly keys?: KeyRing;
  /** Answer 429 to unconditional polls of a document faster than its hint. */
  readonly politePolling?: boolean;
  /** Whether `tag` (one entity-tag of an If-None-Match list, quotes included) has the form of Herald's ETags. */
  readonly issuedEtag: (tag: string) => boolean;
  /** Called on each 429 (for logging): the reader family and the document. */
  readonly onThrottle?: (family: ReaderFamily, document: FeedDocument) => void;
}

// Where a connection (a socket) keeps its client: a property of its own, gone with it.
const CLIENT = Symbol('herald stats client');

/** A client as last seen on one connection: what it sent, and what it was found to be. */
interface Client {
  readonly userAgent: string;
  readonly address: string;
  /** What was hashed: the address, or '' for a hosted reader that reports its count. */
  readonly hashed: string;
  readonly hasher: SipHash;
  readonly match: ReaderMatch;
  readonly hi: number;
  readonly lo: number;
}

// Documents (feed URLs with their query) remembered; past this the oldest is made again when polled.
const MAX_DOCUMENTS = 10_000;
// Polls up to this much faster than the hint are let through: clocks and schedulers jitter.
const SLACK = 0.9;

/** Whether the validators of a conditional poll that did not match are ones Herald could have issued. */
function invalidValidators(inm: string | undefined, ims: string | undefined, now: number, issuedEtag: (tag: string) => boolean): boolean {
  if (inm !== undefined) return !inm.split(',').every((tag) => issuedEtag(tag.trim().replace(/^W\//, '')) || tag.trim() === '*');
  const date = Date.parse(ims!);
  return Number.isNaN(date) || date > now;
}

/**
 * The per-poll side of the stats: counts each feed response by reader family and feed, tells clients
 * apart by a keyed hash of address and User-Agent (the address is never kept), and decides polite-polling
 * 429s. Its memory is bounded: a fixed poll table, sketches of at most 2 KiB per feed, family and day.
 */
export class PollStats {
  readonly state: StatsState;
  readonly table = new PollTable();
  private readonly classifier = new ReaderClassifier();
  private readonly keys: KeyRing;
  private readonly documents = new BoundedMap<string, FeedDocument>(MAX_DOCUMENTS);
  private documentIds = 0;
  private day = -1;
  private readers: Array<ReaderTally | undefined> = [];
  private hasher!: SipHash;
  private ahead: SipHash | undefined;
  private epoch = 0;
  private aheadEpoch = 0;

  constructor(
    instance: string,
    private readonly options: PollStatsOptions,
  ) {
    this.state = new StatsState(instance);
    this.keys = options.keys ?? new KeyRing();
  }

  /**
   * The document at `path` (with its query) of feed `ref`, the same object for the same path. An archive's
   * or a later page's polls count, but hosted readers' counts are taken from subscription documents only.
   */
  document(ref: FeedRef, path: string, hintSeconds: number, archive = false): FeedDocument {
    const key = `${ref.key}\n${path}`;
    let document = this.documents.get(key);
    const known = document?.feed.ref;
    if (!document || document.hintMs !== hintSeconds * 1000 || known!.key !== ref.key || known!.label !== ref.label || known!.path !== ref.path) {
      document = Object.freeze({ id: document?.id ?? ++this.documentIds, path, archive, feed: this.state.feed(ref), hintMs: hintSeconds * 1000 });
      this.documents.set(key, document);
    }
    return document;
  }

  /**
   * Counts one poll of `document` by the client at `address` (undefined: unknown) with `userAgent` on
   * `connection` (its socket: the client's hash is remembered for the connection's next request with
   * the same User-Agent and address), answered 304 when `notModified`. Returns 0 to answer it, or the
   * seconds of a Retry-After when polite polling turns it away with 429.
   */
  poll(document: FeedDocument, connection: object, userAgent: string | undefined, address: string | undefined, inm: string | undefined, ims: string | undefined, notModified: boolean): number {
    const now = this.options.clock.now().getTime();
    const day = dayOf(now);
    if (day !== this.day) this.startDay(day);
    const client = this.clientOf(connection, userAgent ?? '', address ?? '');
    const family = client.match.family;
    const tally = (this.readers[family.index] ??= new ReaderTally());
    tally.polls++;
    const conditional = inm !== undefined || ims !== undefined;
    if (conditional) {
      if (notModified) tally.notModified++;
      else if (invalidValidators(inm, ims, now, this.options.issuedEtag)) tally.invalid++;
      tally.conditional++;
    }
    const slot = this.table.slot(client.hi, client.lo, document.id);
    const last = this.table.found ? this.table.polledAt(slot) : 0;
    if (last > 0) tally.interval((now - last) / 1000);
    const fullAt = this.table.fullAt(slot);
    const throttle = this.options.politePolling === true && !conditional && fullAt > 0 && now - fullAt < document.hintMs * SLACK;
    this.table.record(slot, now, !conditional && !throttle);
    if (family.counted) this.countClient(document, client, now, day, last);
    if (!throttle) return 0;
    tally.throttled++;
    this.options.onThrottle?.(family, document);
    return Math.max(1, Math.ceil((fullAt + document.hintMs - now) / 1000));
  }

  // The client's family and keyed hash, from the connection's memo when it still fits.
  private clientOf(connection: object, userAgent: string, address: string): Client {
    const known = (connection as { [CLIENT]?: Client })[CLIENT];
    if (known && known.hasher === this.hasher && known.userAgent === userAgent && known.address === address) return known;
    const match = this.classifier.classify(userAgent);
    // A hosted reader that reports its count is one client whatever address it fetches from.
    const hashed = match.reported === undefined ? address : '';
    this.hasher.hash(hashed, true, match.identityHi, match.identityLo);
    const client: Client = { userAgent, address, hashed, hasher: this.hasher, match, hi: this.hasher.hi, lo: this.hasher.lo };
    (connection as { [CLIENT]?: Client })[CLIENT] = client;
    return client;
  }

  private countClient(document: FeedDocument, client: Client, now: number, day: number, last: number): void {
    const { match } = client;
    if (match.reported !== undefined) {
      if (!document.archive) document.feed.report(match.family.id, match.subscription || document.path, match.reported, now);
      return;
    }
    // A client already seen on this document today is in today's sketches.
    if (last > 0 && dayOf(last) === day) return;
    const index = match.family.index;
    const own = document.feed.sketches(day, this.epoch);
    (own[index] ??= new DistinctSketch()).add(client.lo);
    if (!this.ahead) return;
    this.ahead.hash(client.hashed, true, match.identityHi, match.identityLo);
    const ahead = document.feed.sketches(day, this.aheadEpoch);
    (ahead[index] ??= new DistinctSketch()).add(this.ahead.lo);
  }

  // A day's clients are hashed with the key of its epoch and, when the window of a later day of another
  // epoch will include it, with that epoch's key too: every window is then counted under one key.
  private startDay(day: number): void {
    this.day = day;
    this.epoch = epochOf(day);
    this.aheadEpoch = epochOf(day + WINDOW_DAYS - 1);
    this.hasher = this.keys.hasher(this.epoch);
    this.ahead = this.aheadEpoch === this.epoch ? undefined : this.keys.hasher(this.aheadEpoch);
    this.readers = this.state.readers(day);
    this.state.prune(day - WINDOW_DAYS);
    this.keys.forgetBefore(this.epoch);
  }

  /** User-Agents whose classification is remembered (bounded). */
  get rememberedUserAgents(): number {
    return this.classifier.size;
  }

  /** Bytes held by the poll table and the sketches. */
  bytes(): number {
    return this.table.bytes() + this.state.bytes();
  }
}
