import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../src/http/bounded-map.js';

describe('BoundedMap', () => {
  it('forgets the oldest entry once full, and keeps its size when a key is replaced', () => {
    const map = new BoundedMap<string, number>(3);
    for (const [index, key] of ['a', 'b', 'c', 'd'].entries()) map.set(key, index);
    expect([...map.keys()]).toEqual(['b', 'c', 'd']);
    map.set('c', 10);
    expect([...map.entries()]).toEqual([
      ['b', 1],
      ['c', 10],
      ['d', 3],
    ]);
  });

  it('never grows past its limit, whatever is added', () => {
    const map = new BoundedMap<number, number>(100);
    for (let i = 0; i < 10_000; i++) map.set(i, i);
    expect(map.size).toBe(100);
    expect(map.get(9_999)).toBe(9_999);
    expect(map.has(0)).toBe(false);
  });
});
