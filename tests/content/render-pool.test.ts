import { describe, expect, it } from 'vitest';
import { RenderPool } from '../../src/content/render-pool.js';
import type { RenderTask } from '../../src/content/render-task.js';

const task = (name: string): RenderTask => ({ file: `${name}.md`, format: 'markdown', source: `*${name}*`, url: `https://example.com/${name}/` });

describe('the render pool', () => {
  it('starts a request\'s bodies before the background bodies queued ahead of them (a self-validation run\'s)', async () => {
    const pool = new RenderPool(10_000, 1);
    const finished: string[] = [];
    const render = (name: string, background: boolean) =>
      pool.render(task(name), background).then((result) => {
        finished.push(name);
        return result;
      });
    const jobs = [render('b1', true), render('b2', true), render('b3', true), render('r1', false), render('r2', false)];
    const results = await Promise.all(jobs);
    // b1 had the only worker when the others came; the request's bodies go next, in their order.
    expect(finished).toEqual(['b1', 'r1', 'r2', 'b2', 'b3']);
    expect(results.map((result) => result.html.trim())).toEqual(['<p><em>b1</em></p>', '<p><em>b2</em></p>', '<p><em>b3</em></p>', '<p><em>r1</em></p>', '<p><em>r2</em></p>']);
  });

  it('renews a worker that rendered background bodies, and only such a worker, keeping the pool rendering', async () => {
    const pool = new RenderPool(10_000, 1);
    await pool.render(task('request'));
    const [first] = pool.threadIds;
    pool.renew();
    expect(pool.threadIds).toEqual([first]);
    await pool.render(task('run'), true);
    // One background body is not a self-validation run's worth (500 by default).
    pool.renew();
    expect(pool.threadIds).toEqual([first]);
    pool.renew(1);
    expect(pool.threadIds).toHaveLength(1);
    expect(pool.threadIds[0]).not.toBe(first);
    expect((await pool.render(task('after'))).html.trim()).toBe('<p><em>after</em></p>');
  });
});
