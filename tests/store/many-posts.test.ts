import { describe, expect, it } from 'vitest';
import { largest, smallest } from '../../src/extremes.js';
import type { Post } from '../../src/model/post.js';
import { buildSnapshot } from '../../src/store/snapshot.js';

// Past some 125,000 values, Math.min(...values) throws a RangeError: the snapshot and the library take
// the extremes of lists as long as the posts folder.
const MANY = 300_000;

describe('lists as long as a large posts folder', () => {
  it('have their largest and smallest values found', () => {
    const values = Array.from({ length: MANY }, (_, at) => (at * 7919) % MANY);
    expect(largest(values)).toBe(MANY - 1);
    expect(smallest(values)).toBe(0);
    expect(largest(new Set(values).values(), MANY)).toBe(MANY);
    expect(largest([], 0)).toBe(0);
  });

  it('give a snapshot of mostly future posts the next reveal', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    const content = { html: '', summary: '' };
    const posts: Post[] = Array.from({ length: MANY }, (_, at) => ({
      file: `${at}.md`, slug: `p${at}`, id: `https://example.com/p${at}`, url: `https://example.com/p${at}.html`, title: `P${at}`,
      // One in ten is past; the others are future, the nearest one second after `now`.
      date: new Date(now.getTime() + (at % 10 === 0 ? -1 : 1) * (MANY - at) * 1000),
      published: true, categories: [], tags: [], content,
    }));
    const snapshot = buildSnapshot(posts, now);
    expect(snapshot.posts).toHaveLength(MANY / 10);
    expect(snapshot.nextReveal).toEqual(new Date(now.getTime() + 1000));
  });
});
