import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHerald, type Herald } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { SITE, type FeedAddress } from '../../src/address/address.js';
import type { Clock } from '../../src/store/publisher.js';
import { savedPagesFile } from '../../src/store/saved-pages.js';
import { repoRoot, silent } from '../helpers.js';

// Saved first pages (issue 14): a restart whose files are as they were serves the site feed's first page in
// each format from the data folder while it loads, the same bytes the load then serves; anything else does not.
let dir: string;
let data: string;
const PATHS = ['/feed.xml', '/atom.xml', '/feed.json'];
const RSS: FeedAddress = { kind: 'feed', scope: SITE, view: 'rss', page: 1 };
const post = (title: string, extra = '') => `---\ntitle: ${title}\ntags: [one]\n${extra}---\n**${title}** body.\n`;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'herald-saved-'));
  data = path.join(dir, 'data');
  await mkdir(path.join(dir, 'posts'));
  await mkdir(path.join(dir, 'static'));
  await writeFile(path.join(dir, 'posts/2024-01-01-a.md'), post('A'));
  await writeFile(path.join(dir, 'posts/2024-01-02-b.md'), post('B', 'image: /cover.png\n'));
  await writeFile(path.join(dir, 'static/cover.png'), Buffer.from('89504e470d0a1a0a0000', 'hex'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const configOf = (title = 'Saved', server: Record<string, unknown> = {}) =>
  parseConfig({ site: { url: 'https://example.com', title }, server, paths: { posts: path.join(dir, 'posts'), static: path.join(dir, 'static'), data } }, repoRoot);

const clockAt = (ms: number): Clock => ({ now: () => new Date(ms), setTimeout: () => ({ unref() {} }), clearTimeout: () => {} });

// A start that serves every first page (their bodies rendered) and writes its data folder, as a stop does.
async function firstStart(config = configOf(), clock?: Clock): Promise<Record<string, string>> {
  const herald = createHerald(config, silent, clock ? { clock } : {});
  await herald.publisher.reload();
  const served: Record<string, string> = {};
  for (const at of PATHS) served[at] = (await request(herald.handler).get(at)).text;
  await herald.publisher.flushIndex();
  return served;
}

// A restart: what its store serves when the publisher says it serves saved pages, and the paths it names.
async function restart(config = configOf(), clock?: Clock): Promise<{ herald: Herald; early?: { paths: readonly string[]; body: string; etag: string; modified: Date } }> {
  const herald = createHerald(config, silent, clock ? { clock } : {});
  let early;
  herald.publisher.once('early', (paths) => {
    const { rendered, lastModified } = herald.store.cached(RSS);
    early = { paths, body: rendered.identity.body.toString('utf8'), etag: rendered.identity.etag, modified: lastModified };
  });
  await herald.publisher.reload();
  return { herald, ...(early ? { early } : {}) };
}

describe('saved first pages', () => {
  it('are served by a restart on the same files before its load is over, byte for byte what the load serves', async () => {
    const served = await firstStart();
    expect(existsSync(savedPagesFile(data))).toBe(true);
    const { herald, early } = await restart();
    expect(early?.paths).toEqual(PATHS);
    const after = await request(herald.handler).get('/feed.xml').set('Accept-Encoding', 'identity');
    expect(early?.body).toBe(after.text);
    expect(early?.body).toBe(served['/feed.xml']);
    expect(early?.body).toContain('<strong>B</strong> body.');
    expect(early?.etag).toBe(after.headers.etag);
    expect(early?.modified.toUTCString()).toBe(after.headers['last-modified']);
    for (const at of PATHS) expect((await request(herald.handler).get(at)).text).toBe(served[at]);
  });

  it('are not served once a post file changed, was added or went', async () => {
    await firstStart();
    await utimes(path.join(dir, 'posts/2024-01-01-a.md'), new Date(), new Date(Date.now() + 5_000));
    expect((await restart()).early).toBeUndefined();
    await firstStart();
    await writeFile(path.join(dir, 'posts/2024-01-03-c.md'), post('C'));
    const { herald, early } = await restart();
    expect(early).toBeUndefined();
    expect((await request(herald.handler).get('/feed.xml')).text).toContain('<title>C</title>');
    await firstStart();
    await rm(path.join(dir, 'posts/2024-01-03-c.md'));
    expect((await restart()).early).toBeUndefined();
  });

  it('are not served under another configuration', async () => {
    await firstStart(configOf('Before'));
    expect((await restart(configOf('After'))).early).toBeUndefined();
  });

  it('are served by a replica listening elsewhere on the same data folder: the address is not in their bytes', async () => {
    const served = await firstStart(configOf('Saved', { port: 4101, host: '127.0.0.1' }));
    const { early } = await restart(configOf('Saved', { port: 4102, host: '0.0.0.0' }));
    expect(early?.body).toBe(served['/feed.xml']);
  });

  it('are not served once an image their posts show changed in the static folder', async () => {
    await firstStart();
    await writeFile(path.join(dir, 'static/cover.png'), Buffer.from('89504e470d0a1a0a00000000', 'hex'));
    const { herald, early } = await restart();
    expect(early).toBeUndefined();
    expect((await request(herald.handler).get('/feed.xml')).text).toContain('length="12"');
  });

  it('are not served once a future-dated post has come into view', async () => {
    const now = Date.parse('2024-06-01T00:00:00Z');
    await writeFile(path.join(dir, 'posts/2024-06-01-later.md'), post('Later', 'date: 2024-06-01 12:00:00 +0000\n'));
    await firstStart(configOf(), clockAt(now));
    expect((await restart(configOf(), clockAt(now + 3_600_000))).early?.paths).toEqual(PATHS);
    await firstStart(configOf(), clockAt(now));
    const { herald, early } = await restart(configOf(), clockAt(now + 13 * 3_600_000));
    expect(early).toBeUndefined();
    expect((await request(herald.handler).get('/feed.xml')).text).toContain('<title>Later</title>');
    // That start saves its own pages (the same files, the post in view now): the next serves them.
    for (const at of PATHS) await request(herald.handler).get(at);
    await herald.publisher.flushIndex();
    const next = await restart(configOf(), clockAt(now + 14 * 3_600_000));
    expect(next.early?.body).toContain('<title>Later</title>');
  });

  it('are saved beside a post rejected for what its bytes say, served while it stays so, and not once it is fixed', async () => {
    const broken = path.join(dir, 'posts/2024-01-03-broken.md');
    await writeFile(broken, '---\ntitle: [unclosed\n---\nBody.\n');
    const served = await firstStart();
    expect(existsSync(savedPagesFile(data))).toBe(true);
    const { herald, early } = await restart();
    expect(early?.body).toBe(served['/feed.xml']);
    expect(early?.body).toBe((await request(herald.handler).get('/feed.xml')).text);
    expect(herald.publisher.contentStatus.problems.map((problem) => problem.file)).toEqual(['2024-01-03-broken.md']);
    await writeFile(broken, post('Fixed'));
    expect((await restart()).early).toBeUndefined();
  });

  it('are not saved while a post is rejected for what its bytes do not say (a link to nothing)', async () => {
    await symlink(path.join(dir, 'missing.md'), path.join(dir, 'posts/2024-01-03-link.md'));
    await firstStart();
    expect(existsSync(savedPagesFile(data))).toBe(false);
    expect((await restart()).early).toBeUndefined();
  });

  it('are not saved when the content changed since the full load', async () => {
    const herald = createHerald(configOf(), silent);
    await herald.publisher.reload();
    for (const at of PATHS) await request(herald.handler).get(at);
    await writeFile(path.join(dir, 'posts/2024-01-03-c.md'), post('C'));
    await herald.publisher.filesChanged(['2024-01-03-c.md']);
    await herald.publisher.flushIndex();
    expect(existsSync(savedPagesFile(data))).toBe(false);
  });

  it('are ignored when the file is not one Herald wrote', async () => {
    await firstStart();
    await writeFile(savedPagesFile(data), '{"format": 1, "key": "forged"}');
    expect((await restart()).early).toBeUndefined();
  });
});
