import { getHeapSpaceStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../src/schedule/collect-garbage.js';

const oldSpace = () => getHeapSpaceStatistics().find((space) => space.space_name === 'old_space')!;

describe('collectGarbage', () => {
  it('collects the garbage in the old space and gives its pages back, without a gc global here', () => {
    // Objects that live long enough to reach the old space, then become garbage all at once.
    let held: Array<{ text: string; n: number[] }> = [];
    for (let round = 0; round < 4; round++) for (let i = 0; i < 100_000; i++) held.push({ text: `garbage ${round} ${i}`, n: [i] });
    const before = oldSpace();
    expect(before.space_used_size).toBeGreaterThan(20 * 1024 * 1024);
    held = [];
    const ms = collectGarbage();
    const after = oldSpace();
    expect(ms).toBeGreaterThan(0);
    expect(after.space_used_size).toBeLessThan(before.space_used_size - 15 * 1024 * 1024);
    expect(after.space_size).toBeLessThan(before.space_size - 15 * 1024 * 1024);
    expect(held).toHaveLength(0);
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });
});
