import { describe, expect, it } from 'vitest';
import { ReaderTally } from '../../src/stats/reader-tally.js';

describe('ReaderTally', () => {
  it.each([0.2, 1, 3, 10, 59, 300, 1800, 3600, 86_400, 10 ** 9])('reads the median of a fixed %f s schedule exactly', (seconds) => {
    const tally = new ReaderTally();
    for (let i = 0; i < 5; i++) tally.interval(seconds);
    const median = tally.medianInterval()!;
    expect(median).toBeCloseTo(seconds, 6);
  });

  it('takes the middle poll, adds up across tallies and round-trips through its saved form', () => {
    const a = new ReaderTally();
    const b = new ReaderTally();
    for (const seconds of [10, 10, 10]) a.interval(seconds);
    for (const seconds of [3600, 3600, 3600, 3600]) b.interval(seconds);
    Object.assign(a, { polls: 3, conditional: 1 });
    const merged = ReaderTally.fromJSON(JSON.parse(JSON.stringify(new ReaderTally().merge(a).merge(b))));
    expect(merged.polls).toBe(3);
    expect(merged.medianInterval()).toBe(3600);
    const mixed = new ReaderTally();
    for (const seconds of [49, 52, 54, 3000]) mixed.interval(seconds);
    // 49, 52 and 54 share the bucket [48, 56): the median reads as their mean, within the bucket.
    expect(mixed.medianInterval()).toBeCloseTo(155 / 3, 6);
    expect(new ReaderTally().medianInterval()).toBeUndefined();
    expect(() => ReaderTally.fromJSON({ ...a.toJSON(), polls: -1 })).toThrow(RangeError);
  });
});
