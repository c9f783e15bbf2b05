import { getHeapSpaceStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { collectGarbage, collectWhenQuiet } from '../../src/schedule/collect-garbage.js';

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

// Keeps the event loop busy for `ms`: 20 ms of work a turn, a turn after another.
async function busyFor(ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const slice = performance.now() + 20;
    while (performance.now() < slice && performance.now() < until) Math.sqrt(Math.random());
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('collectWhenQuiet', () => {
  it('collects once the thread has been quiet long enough, and not while it is busy', async () => {
    const collected: number[] = [];
    const at: number[] = [];
    const started = performance.now();
    collectWhenQuiet({ quietMs: 600, everyMs: 100, giveUpMs: 10_000, onCollect: (ms) => (collected.push(ms), at.push(performance.now() - started)) });
    await busyFor(1_500);
    expect(collected).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(collected).toHaveLength(1);
    expect(collected[0]).toBeGreaterThan(0);
    // Not before the busy stretch and the quiet one after it.
    expect(at[0]).toBeGreaterThan(1_900);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(collected).toHaveLength(1);
  });

  it('gives up when the thread never goes quiet, and can be cancelled', async () => {
    const collected: number[] = [];
    collectWhenQuiet({ quietMs: 800, everyMs: 100, giveUpMs: 600, onCollect: (ms) => collected.push(ms) });
    await busyFor(700);
    const cancel = collectWhenQuiet({ quietMs: 300, everyMs: 100, giveUpMs: 10_000, onCollect: (ms) => collected.push(ms) });
    cancel();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(collected).toEqual([]);
  });
});
