import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Stats } from '../../src/stats/stats.js';
import { FakeClock, silent } from '../helpers.js';
import { replay, type SimClient } from './traffic.js';

const SITE = { key: 'site', label: 'Everything', path: '/feed.html' };
const folders: string[] = [];
afterEach(async () => {
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'herald-stats-'));
  folders.push(dir);
  return dir;
}

function instance(dir: string, name: string, clock: FakeClock, random = () => Uint8Array.from({ length: 16 }, () => Math.floor(Math.random() * 256))) {
  return new Stats({ instance: name, dir, hintSeconds: 300, politePolling: false, saveSeconds: 60, issuedEtag: () => true, clock, log: silent, random });
}

const pollWith = (stats: Stats) => (client: SimClient, inm: string | undefined, etag: string) => {
  const notModified = inm === etag;
  stats.polls.poll(stats.polls.document(SITE, client.path, 300), {}, client.ua, client.address, inm, undefined, notModified);
  return notModified ? (304 as const) : (200 as const);
};

const newsboat = (n: number, path = '/atom.xml'): SimClient => ({ ua: 'Newsboat/2.33', address: `198.51.100.${n}`, path, everySeconds: 1800, conditional: true });
const feedly = (count: number): SimClient => ({ ua: `Feedly/1.0 (+http://www.feedly.com/fetcher.html; ${count} subscribers; feed-id=f1)`, address: '3.1.0.1', path: '/feed.xml', everySeconds: 3600, conditional: true });
const site = (stats: Stats) => stats.report().feeds.find((feed) => feed.key === 'site');

describe('the stats folder', () => {
  it('keeps the counts across a restart', async () => {
    const dir = await folder();
    const clock = new FakeClock(new Date('2024-06-03T08:00:00Z'));
    const first = instance(dir, 'a', clock);
    await replay(clock, [newsboat(1), newsboat(2), feedly(40)], 6 * 3600, pollWith(first));
    await first.flush();
    const second = instance(dir, 'a', clock);
    await second.load();
    expect(site(second)).toMatchObject({ subscribers: 42, reported: 40, clients: 2 });
    expect(second.report().readers.find((reader) => reader.reader === 'newsboat')!.polls).toBe(24);
    // The same clients after the restart are the same clients: the key is in the folder.
    await replay(clock, [newsboat(1), newsboat(3)], 3600, pollWith(second));
    expect(site(second)!.subscribers).toBe(43);
    const saved = await readFile(path.join(dir, 'a.json'), 'utf8');
    expect(saved).not.toContain('198.51.100');
  });

  it('merges two replicas: a client polling both counts once, hosted counts are the latest, polls add up', async () => {
    const dir = await folder();
    const clock = new FakeClock(new Date('2024-06-03T08:00:00Z'));
    const [a, b] = [instance(dir, 'a', clock), instance(dir, 'b', clock)];
    await replay(clock, [newsboat(1), newsboat(2), feedly(40)], 3 * 3600, pollWith(a));
    await replay(clock, [newsboat(2), newsboat(3), newsboat(4), feedly(41)], 3 * 3600, pollWith(b));
    await a.flush();
    await b.flush();
    await a.flush();
    for (const replica of [a, b]) {
      expect(site(replica)).toMatchObject({ subscribers: 45, reported: 41, clients: 4 });
      expect(replica.report().readers.find((reader) => reader.reader === 'newsboat')!.polls).toBe(5 * 6);
      expect(replica.report().instances.map((entry) => entry.instance).sort()).toEqual(['a', 'b']);
    }
    expect((await readdir(path.join(dir, 'keys'))).length).toBeGreaterThan(0);
  });

  it('rotates the keys: a past epoch\'s key is deleted from the folder', async () => {
    const dir = await folder();
    const clock = new FakeClock(new Date('2024-06-03T08:00:00Z'));
    const stats = instance(dir, 'a', clock);
    await replay(clock, [newsboat(1)], 3600, pollWith(stats));
    expect((await readdir(path.join(dir, 'keys'))).sort()).toEqual(['2839.key', '2840.key']);
    clock.advance(14 * 86_400_000);
    await replay(clock, [newsboat(1)], 3600, pollWith(stats));
    expect((await readdir(path.join(dir, 'keys'))).sort()).toEqual(['2841.key', '2842.key']);
  });

  it('reports a file it cannot read and leaves it out', async () => {
    const dir = await folder();
    const clock = new FakeClock(new Date('2024-06-03T08:00:00Z'));
    await writeFile(path.join(dir, 'broken.json'), '{"version": 1, "instance": "x", "feeds": [{}]');
    const warnings: unknown[] = [];
    const log = { ...silent, warn: (object: unknown) => warnings.push(object) } as unknown as typeof silent;
    const stats = new Stats({ instance: 'a', dir, hintSeconds: 300, politePolling: false, saveSeconds: 60, issuedEtag: () => true, clock, log });
    await stats.load();
    expect(warnings).toEqual([expect.objectContaining({ file: path.join(dir, 'broken.json') })]);
    expect(stats.report().instances).toHaveLength(1);
  });
});
