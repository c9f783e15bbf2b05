import { describe, expect, it } from 'vitest';
import type { Post } from '../../src/model/post.js';
import { newestFirst, newestOf } from '../../src/store/snapshot.js';

// Posts with few distinct dates (so ties fall to the id), some unpublished.
function posts(count: number, seed: number): Post[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, (_, at) => ({ id: `https://example.com/${Math.floor(next() * 1e6)}-${at}`, date: new Date(Date.UTC(2024, 0, 1 + Math.floor(next() * 40))), published: next() > 0.2 }) as unknown as Post);
}

describe('newestOf', () => {
  it('gives the first posts kept in newestFirst order, as a sort of them all does', () => {
    for (const seed of [1, 2, 3]) {
      const all = posts(2_000, seed);
      const published = (post: Post) => post.published;
      for (const count of [0, 1, 7, 50, 1_999, 5_000]) {
        expect(newestOf(all, count, published), `seed ${seed}, ${count}`).toEqual(all.filter(published).sort(newestFirst).slice(0, Math.max(0, count)));
      }
    }
    expect(newestOf([], 5, () => true)).toEqual([]);
  });
});
