import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveAgain, resolveImage, StaticListing } from '../../src/content/image.js';

// A PNG's signature and the start of its header: enough for the type to be sniffed.
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const SITE = 'https://example.com';
let dir: string;

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a load\'s listing of the static folder', () => {
  it('gives a listed image its type and length, and one the folder lacks none, as a look-up of each file does', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'herald-static-'));
    mkdirSync(path.join(dir, 'img'));
    writeFileSync(path.join(dir, 'img', 'there.png'), PNG);
    const listing = new StaticListing();
    for (const src of ['img/there.png', '/img/missing.png', 'nofolder/x.jpg', 'img']) {
      expect(resolveImage(src, undefined, SITE, dir, listing)).toEqual(resolveImage(src, undefined, SITE, dir));
    }
    expect(resolveImage('img/there.png', undefined, SITE, dir, listing)).toEqual({ url: `${SITE}/img/there.png`, mimeType: 'image/png', length: PNG.length });
  });

  it('lists each folder once: a file added after its folder was listed is seen by the next load only', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'herald-static-'));
    mkdirSync(path.join(dir, 'img'));
    const listing = new StaticListing();
    expect(resolveImage('img/late.png', undefined, SITE, dir, listing).length).toBeUndefined();
    writeFileSync(path.join(dir, 'img', 'late.png'), PNG);
    expect(resolveImage('img/late.png', undefined, SITE, dir, listing).length).toBeUndefined();
    expect(resolveImage('img/late.png', undefined, SITE, dir, new StaticListing()).length).toBe(PNG.length);
  });

  it('resolves an image again as resolveImage resolves its URL: under the site URL or not, encoded, with a query, in a folder or not', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'herald-static-'));
    mkdirSync(path.join(dir, 'img'));
    writeFileSync(path.join(dir, 'img', 'there.png'), PNG);
    writeFileSync(path.join(dir, 'img', 'a b é.png'), PNG);
    const sources = ['img/there.png', '/img/missing.jpg', 'img/a b é.png', 'img/a%20b%20%C3%A9.png', 'img/there.png?v=2', 'img/there.png#top', '../outside.png', 'img/%E0%A4%A.png', 'https://cdn.example.net/img/there.png', 'http://example.com/img/there.png', 'img/there.PNG'];
    for (const site of [SITE, 'https://example.com/blog']) {
      for (const src of sources) {
        const first = resolveImage(src, 'alt', site, dir);
        expect(resolveAgain(first, site, dir, new StaticListing()), `${site} ${src}`).toEqual(resolveImage(first.url, 'alt', site, dir));
      }
    }
    // Found again, the file's type and length come from the folder as it is now.
    const restored = resolveImage('img/there.png', undefined, SITE, dir);
    rmSync(path.join(dir, 'img', 'there.png'));
    expect(resolveAgain(restored, SITE, dir)).toEqual({ url: `${SITE}/img/there.png`, mimeType: 'image/png' });
    writeFileSync(path.join(dir, 'img', 'there.png'), 'not an image');
    expect(resolveAgain(restored, SITE, dir)).toEqual({ url: `${SITE}/img/there.png`, mimeType: 'image/png', length: 12 });
  });
});
