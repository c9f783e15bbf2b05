import { describe, expect, it } from 'vitest';
import { DistinctSketch, EXACT_LIMIT } from '../../src/stats/distinct-sketch.js';
import { SipHash } from '../../src/stats/siphash.js';

const hasher = new SipHash(new Uint8Array(16).fill(3));
function hashes(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => {
    hasher.hash(`client ${from + i}`);
    return hasher.lo;
  });
}
const sketchOf = (values: readonly number[]) => {
  const sketch = new DistinctSketch();
  for (const value of values) sketch.add(value);
  return sketch;
};

describe('DistinctSketch', () => {
  it('counts exactly up to EXACT_LIMIT, repeats included', () => {
    const values = hashes(0, EXACT_LIMIT - 2);
    const sketch = sketchOf([...values, ...values.slice(0, 50), 0, 0xffff_fffe]);
    expect(sketch.estimate()).toBe(EXACT_LIMIT);
  });

  it.each([1000, 20_000, 300_000])('estimates %i distinct hashes within 5 %% in 2 KiB', (count) => {
    const sketch = sketchOf(hashes(0, count));
    expect(Math.abs(sketch.estimate() - count) / count).toBeLessThan(0.05);
    expect(sketch.bytes()).toBe(2048);
  });

  it('merges as a union: shared clients are counted once', () => {
    const a = sketchOf(hashes(0, 150));
    const b = sketchOf(hashes(100, 150));
    expect(new DistinctSketch().merge(a).merge(b).estimate()).toBe(250);
    const big = sketchOf(hashes(0, 5000));
    const union = new DistinctSketch().merge(a).merge(big).merge(sketchOf(hashes(4000, 2000)));
    expect(Math.abs(union.estimate() - 6000) / 6000).toBeLessThan(0.05);
  });

  it('round-trips through its saved form and refuses a malformed one', () => {
    for (const sketch of [sketchOf(hashes(0, 40)), sketchOf(hashes(0, 4000))]) {
      const copy = DistinctSketch.fromJSON(JSON.parse(JSON.stringify(sketch)));
      expect(copy.estimate()).toBe(sketch.estimate());
    }
    expect(() => DistinctSketch.fromJSON({ dense: 'AAAA' })).toThrow(RangeError);
    expect(() => DistinctSketch.fromJSON({ exact: [-1] })).toThrow(RangeError);
  });
});
