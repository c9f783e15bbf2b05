import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Parser from 'rss-parser';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHerald, type Herald } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { FakeClock, repoRoot, silent } from '../helpers.js';

// Site mode with _config.yml's future:, exclude: and include:, on a site written here, read back with rss-parser.
let dir: string;
let herald: Herald | undefined;

async function titles(config: string, clock = new FakeClock(new Date('2025-06-01T12:00:00Z'))): Promise<string[]> {
  await writeFile(path.join(dir, '_config.yml'), `title: Filters\nurl: https://filters.example\n${config}`);
  herald?.publisher.stop();
  herald = createHerald(parseConfig({ paths: { site: dir }, validation: { enabled: false } }, repoRoot), silent, { clock });
  await herald.publisher.reload();
  const feed = await new Parser().parseString((await request(herald.handler).get('/atom.xml')).text);
  return feed.items.map((item) => item.title!).sort();
}

const post = async (file: string, title: string) => {
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await writeFile(path.join(dir, file), `---\ntitle: ${title}\n---\nText of ${title}.\n`);
};

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'herald-filters-'));
  await post('_posts/2025-01-01-past.md', 'Past');
  await post('_posts/2025-12-24-future.md', 'Future');
});

afterEach(async () => {
  herald?.publisher.stop();
  herald = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('future:', () => {
  it('hides posts dated after now by default and with future: false, and serves each at its date', async () => {
    expect(await titles('')).toEqual(['Past']);
    const clock = new FakeClock(new Date('2025-06-01T12:00:00Z'));
    expect(await titles('future: false\n', clock)).toEqual(['Past']);
    const served = async () => (await new Parser().parseString((await request(herald!.handler).get('/atom.xml')).text)).items.map((item) => item.title);
    clock.advance(Date.parse('2025-12-24T00:00:00Z') - clock.now().getTime() - 1);
    expect(await served()).toEqual(['Past']);
    clock.advance(1);
    expect(await served()).toEqual(['Future', 'Past']);
  });

  it('serves posts dated after now at once with future: true', async () => {
    expect(await titles('future: true\n')).toEqual(['Future', 'Past']);
  });
});

describe('exclude: and include:', () => {
  beforeEach(async () => {
    await post('_posts/2024/2024-02-14-february.md', 'February');
    await post('_posts/_archive/2023-11-20-archived.md', 'Archived');
    await post('_posts/2024/_old/2024-03-01-deep.md', 'Deep');
    await post('private/_posts/2024-05-20-private.md', 'Private');
    await post('_hidden/_posts/2024-05-21-hidden.md', 'Hidden');
    await post('node_modules/pkg/_posts/2024-05-22-module.md', 'Module');
  });

  it("reads as Jekyll's defaults do: special folders left out at the top of a post's path, read below it", async () => {
    expect(await titles('')).toEqual(['Deep', 'February', 'Past', 'Private']);
  });

  it('leaves out what exclude: matches (a glob, a folder of the site) and reads what include: names', async () => {
    const config = 'exclude: ["_posts/2024/2024-02-*", private]\ninclude: [_archive, _hidden]\n';
    expect(await titles(config)).toEqual(['Archived', 'Deep', 'Hidden', 'Past']);
  });

  it('treats a pattern in both lists as included', async () => {
    expect(await titles('exclude: [private]\ninclude: [private]\n')).toEqual(['Deep', 'February', 'Past', 'Private']);
  });
});
