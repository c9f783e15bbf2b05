/** Slots of the table: 4 ways × 16,384 sets. At 20 bytes a slot that is 1.25 MiB, allocated once. */
export const POLL_TABLE_SLOTS = 1 << 16;
const WAYS = 4;

/**
 * The last poll of each (client, document) pair, in a fixed-size set-associative table of keyed client
 * hashes: a new pair takes the slot of its set that was polled longest ago, so the table never grows.
 * It holds times and hash bits only; an evicted pair is simply a new one next time.
 */
export class PollTable {
  private readonly tags = new Uint32Array(POLL_TABLE_SLOTS);
  private readonly lastPoll = new Float64Array(POLL_TABLE_SLOTS);
  private readonly lastFull = new Float64Array(POLL_TABLE_SLOTS);
  private readonly sets = POLL_TABLE_SLOTS / WAYS;

  /**
   * The slot of (hash, document), found or newly taken (then its times are 0). `found` says which.
   * The set comes from the low bits, the tag from the high ones, both mixed with the document id.
   */
  slot(hashHi: number, hashLo: number, documentId: number): number {
    const set = ((hashLo ^ Math.imul(documentId, 0x9e3779b1)) >>> 0) % this.sets;
    const tag = ((hashHi ^ Math.imul(documentId, 0x85ebca77)) >>> 0) || 1;
    const first = set * WAYS;
    let oldest = first;
    for (let i = first; i < first + WAYS; i++) {
      if (this.tags[i] === tag) {
        this.found = true;
        return i;
      }
      if (this.lastPoll[i]! < this.lastPoll[oldest]!) oldest = i;
    }
    this.tags[oldest] = tag;
    this.lastPoll[oldest] = 0;
    this.lastFull[oldest] = 0;
    this.found = false;
    return oldest;
  }

  /** Whether the last `slot` call found its pair. */
  found = false;

  /** The time (ms) of the slot's last poll, 0 for none. */
  polledAt(slot: number): number {
    return this.lastPoll[slot]!;
  }

  /** The time (ms) of the slot's last unconditional poll answered in full, 0 for none. */
  fullAt(slot: number): number {
    return this.lastFull[slot]!;
  }

  /** Records a poll at `now`, in full (unconditional and answered 200) or not. */
  record(slot: number, now: number, full: boolean): void {
    this.lastPoll[slot] = now;
    if (full) this.lastFull[slot] = now;
  }

  /** Forgets every pair. */
  clear(): void {
    this.tags.fill(0);
    this.lastPoll.fill(0);
    this.lastFull.fill(0);
  }

  /** Bytes held (fixed). */
  bytes(): number {
    return this.tags.byteLength + this.lastPoll.byteLength + this.lastFull.byteLength;
  }
}
