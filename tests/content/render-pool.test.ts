import { readdir, readFile } from 'node:fs/promises';
import { getPriority } from 'node:os';
import { describe, expect, it } from 'vitest';
import { RenderPool } from '../../src/content/render-pool.js';
import { RenderBudgetError } from '../../src/content/render-task.js';
import type { RenderTask } from '../../src/content/render-task.js';

const task = (name: string): RenderTask => ({ file: `${name}.md`, format: 'markdown', source: `*${name}*`, url: `https://example.com/${name}/` });

// Each thread's nice value, the 19th field of /proc/self/task/<tid>/stat (Linux keeps one per thread).
async function nices(): Promise<number[]> {
  const tasks = await readdir('/proc/self/task');
  const stats = await Promise.all(tasks.map((tid) => readFile(`/proc/self/task/${tid}/stat`, 'utf8').catch(() => '')));
  return stats.filter(Boolean).map((stat) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
}

describe('the render pool', () => {
  it('renders background bodies (a self-validation run\'s) on a worker of their own at nice 19: a request\'s bodies never wait for them', async () => {
    const pool = new RenderPool(10_000, 1);
    const finished: string[] = [];
    const render = (name: string, background: boolean) =>
      pool.render(task(name), background).then((result) => {
        finished.push(name);
        return result;
      });
    const before = (await nices()).filter((nice) => nice === 19).length;
    // The requests' worker loaded (as the server's is by the time a run starts), the background one not yet.
    await render('r0', false);
    const jobs = [...['b1', 'b2', 'b3', 'b4', 'b5', 'b6'].map((name) => render(name, true)), render('r1', false)];
    const results = await Promise.all(jobs);
    // The background worker takes one at a time, in order; the request's worker starts r1 at once, ahead of all six.
    expect(finished.filter((name) => name.startsWith('b'))).toEqual(['b1', 'b2', 'b3', 'b4', 'b5', 'b6']);
    expect(finished.slice(0, 2)).toEqual(['r0', 'r1']);
    expect(results.map((result) => result.html.trim())).toEqual(['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'r1'].map((name) => `<p><em>${name}</em></p>`));
    expect(pool.threadIds).toHaveLength(2);
    expect((await nices()).filter((nice) => nice === 19).length).toBe(before + 1);
    expect(getPriority()).toBe(0);
  });

  it('ends the background worker at endBackground, its heap given back; the requests\' worker stays and a later background body starts a fresh one', async () => {
    const pool = new RenderPool(10_000, 1);
    await pool.render(task('request'));
    const [first] = pool.threadIds;
    pool.endBackground();
    expect(pool.threadIds).toEqual([first]);
    await pool.render(task('run'), true);
    const [, background] = pool.threadIds;
    expect(background).toBeDefined();
    pool.endBackground();
    expect(pool.threadIds).toEqual([first]);
    expect((await pool.render(task('again'), true)).html.trim()).toBe('<p><em>again</em></p>');
    expect(pool.threadIds).toHaveLength(2);
    expect(pool.threadIds[1]).not.toBe(background);
    expect((await pool.render(task('after'))).html.trim()).toBe('<p><em>after</em></p>');
    pool.endBackground();
  });

  it('sends a worker its bodies one after another, not each once the last came back: bodies sent before this thread is busy render meanwhile', async () => {
    const pool = new RenderPool(10_000, 1);
    await pool.render(task('warm'));
    const names = Array.from({ length: 30 }, (_, at) => `p${at}`);
    const done: string[] = [];
    const all = Promise.all(names.map((name) => pool.render(task(name)).then(() => done.push(name))));
    // This thread busy, as a load making its result and snapshot is, while the worker renders.
    const until = Date.now() + 500;
    while (Date.now() < until);
    await new Promise((resolve) => setImmediate(resolve));
    // Every answer was waiting: one body at a time, only the first would have been rendered by now.
    expect(done).toEqual(names);
    await all;
  });

  it('sends a worker no more than 4 MiB of source ahead: a second large body waits here until the first came back', async () => {
    const pool = new RenderPool(60_000, 1);
    await pool.render(task('warm'));
    const large = (name: string): RenderTask => ({ file: `${name}.md`, format: 'markdown', source: `${name} ${'word '.repeat(450_000)}`, url: `https://example.com/${name}/` });
    const done: string[] = [];
    const all = Promise.all(['large1', 'large2'].map((name) => pool.render(large(name)).then(() => done.push(name))));
    const until = Date.now() + 2_000;
    while (Date.now() < until);
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toEqual(['large1']);
    await all;
    expect(done).toEqual(['large1', 'large2']);
  }, 30_000);

  it('gives up a body over its budget and renders the ones sent after it on a fresh worker', async () => {
    const pool = new RenderPool(500, 1);
    await pool.render(task('warm'));
    const [first] = pool.threadIds;
    // `![` repeated is quadratic in the Markdown parser: minutes to render.
    const hostile: RenderTask = { file: 'hostile.md', format: 'markdown', source: '!['.repeat(200_000), url: 'https://example.com/hostile/' };
    const outcomes = await Promise.allSettled([pool.render(task('before')), pool.render(hostile), pool.render(task('after1')), pool.render(task('after2'))]);
    expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.html.trim() : outcome.reason))).toEqual([
      '<p><em>before</em></p>',
      expect.any(RenderBudgetError),
      '<p><em>after1</em></p>',
      '<p><em>after2</em></p>',
    ]);
    expect(pool.threadIds).toHaveLength(1);
    expect(pool.threadIds[0]).not.toBe(first);
  }, 20_000);
});
