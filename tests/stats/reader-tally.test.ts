import { describe, expect, it } from 'vitest';
import { ReaderTally } from '../../src/stats/reader-tally.js';

describe('ReaderTally', () => {
  it.each([0.2, 1, 3, 10, 59, 300, 1800, 3600, 86_400, 10 ** 9])('reads a median of %f s to within its bucket (a quarter octave)', (seconds) => {
    const tally = new ReaderTally();
    for (let i = 0; i < 5; i++) tally.interval(seconds);
    const median = tally.medianInterval()!;
    const expected = Math.min(Math.max(seconds, 1), 2 ** 22);
    expect(median / expected).toBeGreaterThan(0.75);
    expect(median / expected).toBeLessThan(1.34);
  });

  it('takes the middle poll, adds up across tallies and round-trips through its saved form', () => {
    const a = new ReaderTally();
    const b = new ReaderTally();
    for (const seconds of [10, 10, 10]) a.interval(seconds);
    for (const seconds of [3600, 3600, 3600, 3600]) b.interval(seconds);
    Object.assign(a, { polls: 3, conditional: 1 });
    const merged = ReaderTally.fromJSON(JSON.parse(JSON.stringify(new ReaderTally().merge(a).merge(b))));
    expect(merged.polls).toBe(3);
    expect(merged.medianInterval()! / 3600).toBeGreaterThan(0.8);
    expect(new ReaderTally().medianInterval()).toBeUndefined();
    expect(() => ReaderTally.fromJSON({ ...a.toJSON(), polls: -1 })).toThrow(RangeError);
  });
});
