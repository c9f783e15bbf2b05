// Intervals are counted in buckets a quarter of a power of two wide (12 to 25 %), from 1 s to 2^22 s
// (48 days), each with its count and its sum: the median is the mean of its bucket, exact when a
// reader polls on a fixed schedule, in a fixed 88 counts and sums per reader and day.
const BUCKETS = 88;
const PER_OCTAVE = 4;

// Bucket 4k + q holds [2^k (1 + q/4), 2^k (1 + (q+1)/4)) seconds: the octave from the leading bit, the
// quarter from the next two (no logarithm on the hot path). Intervals under 1 s are bucket 0.
function bucketOf(seconds: number): number {
  const whole = seconds >= 2 ** 22 ? 2 ** 22 - 1 : Math.floor(seconds);
  if (whole < 1) return 0;
  const octave = 31 - Math.clz32(whole);
  const quarter = octave >= 2 ? (whole >>> (octave - 2)) & 3 : octave === 1 ? (whole & 1) * 2 : 0;
  return Math.min(BUCKETS - 1, octave * PER_OCTAVE + quarter);
}

/** The saved form of a ReaderTally. */
export interface ReaderTallyJson {
  readonly polls: number;
  readonly conditional: number;
  readonly notModified: number;
  readonly invalid: number;
  readonly throttled: number;
  readonly intervals: readonly number[];
  readonly intervalSums: readonly number[];
}

/** One reader family's polls over some period: counts that add up across days and replicas. */
export class ReaderTally {
  polls = 0;
  /** Polls that sent If-None-Match or If-Modified-Since. */
  conditional = 0;
  /** Polls answered 304. */
  notModified = 0;
  /** Polls whose validators Herald never issued (an unknown ETag form, an If-Modified-Since that is no date or in the future). */
  invalid = 0;
  /** Polls answered 429 by polite-polling enforcement. */
  throttled = 0;
  /** Seconds between consecutive polls of one document by one client, bucketed. */
  readonly intervals = new Uint32Array(BUCKETS);
  /** The seconds of the intervals in each bucket, added up: the median is its bucket's mean. */
  readonly intervalSums = new Float64Array(BUCKETS);

  /** Counts the interval of `seconds` between two polls. */
  interval(seconds: number): void {
    const bucket = bucketOf(seconds);
    this.intervals[bucket]!++;
    this.intervalSums[bucket]! += seconds;
  }

  /** The median interval in seconds (the mean of the intervals in its bucket), or undefined with none counted. */
  medianInterval(): number | undefined {
    let total = 0;
    for (const count of this.intervals) total += count;
    if (total === 0) return undefined;
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      seen += this.intervals[bucket]!;
      if (seen * 2 >= total) return this.intervalSums[bucket]! / this.intervals[bucket]!;
    }
    return undefined;
  }

  /** Adds `other`'s counts to this one. */
  merge(other: ReaderTally): this {
    this.polls += other.polls;
    this.conditional += other.conditional;
    this.notModified += other.notModified;
    this.invalid += other.invalid;
    this.throttled += other.throttled;
    for (let i = 0; i < BUCKETS; i++) {
      this.intervals[i]! += other.intervals[i]!;
      this.intervalSums[i]! += other.intervalSums[i]!;
    }
    return this;
  }

  /** The saved form. */
  toJSON(): ReaderTallyJson {
    const { polls, conditional, notModified, invalid, throttled } = this;
    return { polls, conditional, notModified, invalid, throttled, intervals: [...this.intervals], intervalSums: [...this.intervalSums] };
  }

  /** A tally from its saved form; throws RangeError on a malformed one. */
  static fromJSON(json: ReaderTallyJson): ReaderTally {
    const tally = new ReaderTally();
    const counts = [json.polls, json.conditional, json.notModified, json.invalid, json.throttled, ...json.intervals];
    const sums = json.intervalSums ?? [];
    if (json.intervals.length !== BUCKETS || sums.length !== BUCKETS || !counts.every((n) => Number.isSafeInteger(n) && n >= 0) || !sums.every((n) => Number.isFinite(n) && n >= 0)) {
      throw new RangeError('bad reader tally');
    }
    Object.assign(tally, { polls: json.polls, conditional: json.conditional, notModified: json.notModified, invalid: json.invalid, throttled: json.throttled });
    tally.intervals.set(json.intervals);
    tally.intervalSums.set(sums);
    return tally;
  }
}
