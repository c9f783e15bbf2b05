import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import Parser from 'rss-parser';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createHerald, type Herald } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { repoRoot, silent, tempPosts } from '../helpers.js';

const post = (title: string) => `---\ntitle: ${title}\n---\nThe text of ${title}.\n`;
const POSTS = { '2024-01-10-first.md': post('First'), '2024-02-20-second.md': post('Second') };

let removes: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(removes.map((remove) => remove()));
  removes = [];
});

async function folder(files: Record<string, string> = POSTS) {
  const temp = await tempPosts(files);
  removes.push(temp.remove);
  return temp;
}

// A Herald over `dir/posts` at `url`, keeping its data in `dir/data` (none when `data` is false), loaded.
async function herald(dir: string, url: string, options: { feeds?: object; data?: boolean; log?: Logger } = {}): Promise<Herald> {
  const made = createHerald(configOf(dir, url, options), options.log ?? silent);
  await made.publisher.reload();
  await made.ids?.flush();
  return made;
}

function configOf(dir: string, url: string, options: { feeds?: object; data?: boolean } = {}) {
  const paths = { posts: path.join(dir, 'posts'), static: dir, ...(options.data === false ? {} : { data: path.join(dir, 'data') }) };
  return parseConfig({ site: { url }, paths, feeds: options.feeds ?? {}, stats: { enabled: false }, validation: { worker: false } }, repoRoot);
}

const status = async (h: Herald) => (await request(h.handler).get('/status')).body;
const itemIds = async (h: Herald) => (await new Parser().parseString((await request(h.handler).get('/atom.xml')).text)).items.map((item) => item.id as string);

describe('the id-continuity guard', () => {
  it('keeps the ids it published in <data>/ids/published.json, by post file', async () => {
    const { dir } = await folder();
    const first = await herald(dir, 'https://example.com');
    const stored = JSON.parse(await readFile(path.join(dir, 'data/ids/published.json'), 'utf8'));
    expect(stored.ids).toEqual({
      '2024-01-10-first.md': 'https://example.com/2024/01/10/first',
      '2024-02-20-second.md': 'https://example.com/2024/02/20/second',
    });
    expect((await status(first)).ids).toMatchObject({ guard: 'on', published: 2, reissued: 0, posts: [] });
    expect((await status(first)).status).toBe('ok');
  });

  it('raises a changed site URL at /status, in the self-validation report and once in the log, listing the posts', async () => {
    const { dir } = await folder();
    await herald(dir, 'http://example.com');
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const moved = await herald(dir, 'https://example.com', { log });
    const body = await status(moved);
    expect(body.status).toBe('degraded');
    expect(body.reasons).toEqual(['2 published post id(s) would change (readers would show them again as new): see details.ids']);
    expect(body.ids.reissued).toBe(2);
    expect(body.ids.posts).toEqual([
      { file: '2024-02-20-second.md', published: 'http://example.com/2024/02/20/second', now: 'https://example.com/2024/02/20/second' },
      { file: '2024-01-10-first.md', published: 'http://example.com/2024/01/10/first', now: 'https://example.com/2024/01/10/first' },
    ]);
    await moved.publisher.reload();
    await moved.validator.run('start');
    const report = moved.validator.last!;
    const row = report.documents.find((document) => document.kind === 'ids');
    expect(row?.findings).toEqual([expect.objectContaining({ severity: 'warning', rule: 'herald.ids.reissued' })]);
    expect(row?.findings[0]?.message).toContain('2024-01-10-first.md (http://example.com/2024/01/10/first → https://example.com/2024/01/10/first)');
    expect(report.totals.warnings).toBeGreaterThanOrEqual(1);
    const warnings = lines.map((line) => JSON.parse(line) as { msg: string }).filter((line) => line.msg.includes('published post id(s) would change'));
    expect(warnings).toHaveLength(1);
    // The published ids stay those readers have: a restart still raises it.
    expect((await status(await herald(dir, 'https://example.com'))).ids.reissued).toBe(2);
  });

  it('held (as a start-up holds it until its first feed is out), reads and compares nothing until released or asked', async () => {
    const { dir } = await folder();
    await herald(dir, 'http://example.com');
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const held = createHerald(configOf(dir, 'https://example.com'), log);
    const release = held.ids!.hold();
    await held.publisher.reload();
    expect(lines).toEqual([]);
    release();
    expect(lines.join('')).toContain('2 published post id(s) would change');

    const asked = createHerald(configOf(dir, 'https://example.com'), silent);
    asked.ids!.hold();
    await asked.publisher.reload();
    // The file is read when the check is made, not when the guard is made: a file gone by then holds no id.
    await rename(path.join(dir, 'data/ids/published.json'), path.join(dir, 'kept.json'));
    expect((await status(asked)).ids).toMatchObject({ guard: 'on', reissued: 0, published: 2 });
    await asked.ids!.flush();
  });

  it('keeps the ids byte for byte across a domain move when feeds.idBase pins the old base', async () => {
    const { dir } = await folder();
    const before = await itemIds(await herald(dir, 'https://example.com'));
    const moved = await herald(dir, 'https://new.example.org', { feeds: { idBase: 'https://example.com' } });
    expect(await itemIds(moved)).toEqual(before);
    expect(before).toEqual(['https://example.com/2024/02/20/second', 'https://example.com/2024/01/10/first']);
    const body = await status(moved);
    expect(body.status).toBe('ok');
    expect(body.ids).toMatchObject({ guard: 'on', reissued: 0 });
    // The links follow the new domain; only the ids stay.
    const feed = await new Parser().parseString((await request(moved.handler).get('/atom.xml')).text);
    expect(feed.items[0]?.link).toBe('https://new.example.org/2024/02/20/second.html');
  });

  it('raises nothing when a post is removed, or moved to another folder with its id', async () => {
    const { dir, postsDir } = await folder();
    await herald(dir, 'https://example.com');
    await rm(path.join(postsDir, '2024-01-10-first.md'));
    await mkdir(path.join(postsDir, 'old'));
    await rename(path.join(postsDir, '2024-02-20-second.md'), path.join(postsDir, 'old/2024-02-20-second.md'));
    const fewer = await herald(dir, 'https://example.com');
    expect((await status(fewer)).status).toBe('ok');
    expect(fewer.store.snapshot.posts.map((p) => p.file)).toEqual(['old/2024-02-20-second.md']);
    expect((await status(fewer)).ids).toMatchObject({ guard: 'on', published: 3, reissued: 0 });
  });

  it('is off without a data folder, and /status says so', async () => {
    const { dir } = await folder();
    const bare = await herald(dir, 'https://example.com', { data: false });
    expect(bare.ids).toBeUndefined();
    const body = await status(bare);
    expect(body.status).toBe('ok');
    expect(body.ids).toEqual({ guard: 'off', reason: 'no data folder (paths.data / DATA_DIR): published ids are not kept' });
  });

  it('rejects an id base that is not an absolute URL, naming the key', () => {
    expect(() => parseConfig({ feeds: { idBase: 'example.com' } }, repoRoot)).toThrow(/feeds\.idBase/);
  });
});
