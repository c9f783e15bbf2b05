import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import Parser from 'rss-parser';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createHerald } from '../../src/compose.js';
import { parseConfig, ConfigError } from '../../src/config/load-config.js';
import { repoRoot, silent, tempPosts } from '../helpers.js';

// `![` repeated is quadratic in the Markdown parser: 400 KB would take minutes to render.
const HOSTILE = `---\ntitle: Hostile\n---\n${'!['.repeat(200_000)}\n`;
const GOOD = (text: string) => `---\ntitle: Good\n---\n${text}\n`;

let remove: (() => Promise<void>) | undefined;
afterEach(async () => {
  await remove?.();
  remove = undefined;
});

async function heraldWith(files: Record<string, string>, postRenderMs: number) {
  const temp = await tempPosts(files);
  remove = temp.remove;
  const config = parseConfig({ site: { url: 'https://example.com' }, paths: { posts: temp.postsDir, static: temp.dir }, limits: { postRenderMs } }, repoRoot);
  return { herald: createHerald(config, silent), postsDir: temp.postsDir };
}

describe('post bodies are rendered in worker threads within limits.postRenderMs (issue 15 item 2)', () => {
  it('reads front matter only at load, renders a feed\'s bodies when first asked, answering /healthz meanwhile, then reports the pathological one and serves the rest', async () => {
    const { herald } = await heraldWith({ '2024-01-01-good.md': GOOD('Plain *text*.'), '2024-01-02-hostile.md': HOSTILE }, 1_000);
    await herald.publisher.reload();
    expect(herald.publisher.contentStatus.problems).toEqual([]);
    let answered = false;
    const feedRequest = request(herald.handler).get('/feed.xml').then((response) => ((answered = true), response));
    const health = await request(herald.handler).get('/healthz');
    expect(health.status).toBe(200);
    expect(answered).toBe(false);
    const feed = await new Parser().parseString((await feedRequest).text);
    expect(feed.items.map((item) => item.title)).toEqual(['Good']);
    expect(feed.items[0]!['content:encoded']).toContain('<em>text</em>');

    const status = await request(herald.handler).get('/status');
    const problems = status.body.content.problems as { file: string; reason: string }[];
    expect(problems).toEqual([{ file: '2024-01-02-hostile.md', reason: 'rendering took longer than 1000 ms (limits.postRenderMs)' }]);
    // Reported until the file changes: a full reload does not serve it again.
    await herald.publisher.reload();
    expect(herald.publisher.contentStatus.problems).toEqual(problems);
    expect(herald.store.snapshot.posts.map((post) => post.title)).toEqual(['Good']);
  });

  it('a self-validation run before any request renders the bodies in the pool too: the pathological one is reported, not rendered on the serving thread', async () => {
    const { herald } = await heraldWith({ '2024-01-01-good.md': GOOD('Plain *text*.'), '2024-01-02-hostile.md': HOSTILE }, 1_000);
    await herald.publisher.reload();
    await herald.validator.run('start');
    expect(herald.publisher.contentStatus.problems).toEqual([{ file: '2024-01-02-hostile.md', reason: 'rendering took longer than 1000 ms (limits.postRenderMs)' }]);
    expect(herald.store.snapshot.posts.map((post) => post.title)).toEqual(['Good']);
    expect(herald.validator.last?.totals.postsRejected).toBeGreaterThanOrEqual(1);
  });

  it('serves the last good version of a post whose edit goes over budget', async () => {
    const { herald, postsDir } = await heraldWith({ '2024-01-02-post.md': GOOD('First version.') }, 300);
    await herald.publisher.reload();
    await writeFile(path.join(postsDir, '2024-01-02-post.md'), HOSTILE);
    await herald.publisher.reload();
    const status = await request(herald.handler).get('/status');
    expect(status.body.content.problems).toEqual([
      { file: '2024-01-02-post.md', reason: 'rendering took longer than 300 ms (limits.postRenderMs); serving its last good version' },
    ]);
    const feed = await new Parser().parseString((await request(herald.handler).get('/feed.xml')).text);
    expect(feed.items.map((item) => item['content:encoded'])).toEqual(['<p>First version.</p>']);
  });

  it('refuses a budget that is not a number of milliseconds from 50, naming the key', () => {
    expect(() => parseConfig({ limits: { postRenderMs: 10 } }, repoRoot)).toThrow(ConfigError);
    expect(() => parseConfig({ limits: { postRenderMs: 'soon' } }, repoRoot)).toThrow(/limits\.postRenderMs/);
  });
});
