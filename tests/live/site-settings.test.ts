import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Parser from 'rss-parser';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHerald, type Herald } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { startLiveUpdates } from '../../src/live-updates.js';
import { FakeClock, repoRoot, silent } from '../helpers.js';

// Site mode: _config.yml edited while Herald runs; the feed settings swap in with the posts of the same read.
let dir: string;
let stops: Array<() => void> = [];

const config = (title: string, extra = '') =>
  `title: ${title}\ndescription: About ${title}\nurl: https://notes.example.net\nauthor: Ann Teller\nlang: en-GB\n${extra}`;

const saveConfig = (text: string) => writeFile(path.join(dir, '_config.yml'), text);

function herald(): Herald {
  const settings = parseConfig({ paths: { site: dir }, validation: { enabled: false }, watch: { debounceMs: 20, rescanSeconds: 0 } }, repoRoot);
  return createHerald(settings, silent, { clock: new FakeClock(new Date('2025-01-01T00:00:00Z')) });
}

async function atom(h: Herald) {
  const res = await request(h.handler).get('/atom.xml');
  const feed = await new Parser<{ author?: string }>({ customFields: { feed: ['author'] } }).parseString(res.text);
  return { feed, etag: res.headers.etag as string };
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'herald-site-'));
  await mkdir(path.join(dir, '_posts'));
  await writeFile(path.join(dir, '_config.yml'), config('First Title'));
  await writeFile(path.join(dir, '_posts/2024-01-01-hello.md'), '---\ntitle: Hello\n---\nHello there.\n');
});

afterEach(async () => {
  stops.forEach((stop) => stop());
  stops = [];
  await rm(dir, { recursive: true, force: true });
});

describe('site settings picked up live', () => {
  it("serves a new title, description, author and lang after _config.yml changes, in the same swap as the posts", async () => {
    const h = herald();
    await h.publisher.reload();
    stops.push(startLiveUpdates(h, silent));
    const before = await atom(h);
    expect(before.feed.title).toBe('First Title');
    await saveConfig(config('Second Title', 'timezone: UTC\n').replace('Ann Teller', 'Bo Reyes').replace('en-GB', 'fr'));
    await vi.waitFor(async () => expect((await atom(h)).feed.title).toBe('Second Title'), { timeout: 5000, interval: 20 });
    const after = await atom(h);
    expect(after.etag).not.toBe(before.etag);
    const json = (await request(h.handler).get('/feed.json')).body;
    expect(json).toMatchObject({ title: 'Second Title', description: 'About Second Title', language: 'fr', authors: [{ name: 'Bo Reyes' }] });
    expect(json.items.map((item: { title: string }) => item.title)).toEqual(['Hello']);
    expect((await request(h.handler).get('/')).text).toContain('Second Title');
  });

  it('reports a broken _config.yml and keeps serving the last good settings', async () => {
    const h = herald();
    await h.publisher.reload();
    stops.push(startLiveUpdates(h, silent));
    await saveConfig('title: [unclosed\n');
    await vi.waitFor(async () => expect((await request(h.handler).get('/status')).body.status).toBe('degraded'), { timeout: 5000, interval: 20 });
    const status = (await request(h.handler).get('/status')).body;
    expect(status.content.problems[0]).toMatchObject({ file: '(site)', reason: expect.stringMatching(/_config\.yml.*invalid YAML.*last good site settings/) });
    expect((await atom(h)).feed.title).toBe('First Title');
    await saveConfig(config('Fixed Title'));
    await vi.waitFor(async () => expect((await atom(h)).feed.title).toBe('Fixed Title'), { timeout: 5000, interval: 20 });
    await vi.waitFor(async () => expect((await request(h.handler).get('/status')).body.status).toBe('ok'), { timeout: 5000, interval: 20 });
  });

  it.each([
    ['beside it', '_config.yml.tmp'],
    ['hidden beside it', '.#_config.yml'],
    ['in a folder of the site', '_tmp/_config.yml'],
  ])('picks up a _config.yml saved through a temporary file (%s) and a rename, after a broken one', async (_where, temp) => {
    const h = herald();
    await h.publisher.reload();
    stops.push(startLiveUpdates(h, silent));
    await saveConfig('title: [unclosed\n');
    await vi.waitFor(async () => expect((await request(h.handler).get('/status')).body.status).toBe('degraded'), { timeout: 5000, interval: 20 });
    await mkdir(path.dirname(path.join(dir, temp)), { recursive: true });
    await writeFile(path.join(dir, temp), config('Renamed Title'));
    await rename(path.join(dir, temp), path.join(dir, '_config.yml'));
    await vi.waitFor(async () => expect((await atom(h)).feed.title).toBe('Renamed Title'), { timeout: 5000, interval: 20 });
    await vi.waitFor(async () => expect((await request(h.handler).get('/status')).body.status).toBe('ok'), { timeout: 5000, interval: 20 });
  });
});
