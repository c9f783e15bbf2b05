import { describe, expect, it } from 'vitest';
import { ByteCache } from '../../src/store/byte-cache.js';

const value = (name: string) => ({ name, used: false });

describe('ByteCache', () => {
  it('holds at most its bound in bytes, evicting the least recently used first', () => {
    const evicted: string[] = [];
    const cache = new ByteCache<string, ReturnType<typeof value>>(100, (v) => evicted.push(v.name));
    for (const name of ['a', 'b', 'c']) cache.set(name, value(name), 40);
    expect(evicted).toEqual(['a']);
    expect(cache.figures()).toEqual({ bytes: 80, entries: 2, maxBytes: 100, evictions: 1 });
    cache.get('b');
    cache.set('d', value('d'), 40);
    expect(evicted).toEqual(['a', 'c']);
    expect(cache.get('b')?.name).toBe('b');
  });

  it('counts growth (a compressed variant made later) and evicts for it; ignores growth of a value no longer held', () => {
    const cache = new ByteCache<string, ReturnType<typeof value>>(100);
    const a = value('a');
    cache.set('a', a, 30);
    cache.grow('a', a, 20);
    cache.set('b', value('b'), 30);
    expect(cache.figures().bytes).toBe(80);
    cache.grow('b', value('other'), 1000);
    expect(cache.figures().bytes).toBe(80);
    const b = cache.get('b')!;
    b.used = false;
    cache.grow('b', b, 30);
    expect(cache.figures()).toMatchObject({ bytes: 60, entries: 1, evictions: 1 });
    expect(cache.get('a')).toBeUndefined();
  });

  it('does not keep a value larger than the whole bound, and replaces a key without counting it twice', () => {
    const evicted: string[] = [];
    const cache = new ByteCache<string, ReturnType<typeof value>>(100, (v) => evicted.push(v.name));
    expect(cache.set('big', value('big'), 101)).toBe(false);
    expect(evicted).toEqual(['big']);
    cache.set('a', value('a1'), 60);
    cache.set('a', value('a2'), 60);
    expect(evicted).toEqual(['big', 'a1']);
    expect(cache.figures()).toMatchObject({ bytes: 60, entries: 1 });
  });
});
