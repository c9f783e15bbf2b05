import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { exportSite } from '../../src/export/export-site.js';
import { fixtureHerald } from '../helpers.js';

describe('static export', () => {
  it('writes every feed, the index and the OPML byte-identical to what the server serves', async () => {
    const herald = await fixtureHerald();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'herald-export-'));
    try {
      const written = await exportSite(herald.store, dir);
      expect(written).toContain('feed.xml');
      expect(written).toContain('categories/日本語/atom.xml');
      expect(written).toContain('index.html');
      expect(written).toContain('feeds.opml');
      expect(written).toHaveLength(herald.store.listFeeds().length + 2);
      for (const file of written) {
        const urlPath = file === 'index.html' ? '/' : `/${file.split('/').map(encodeURIComponent).join('/')}`;
        const served = await request(herald.handler).get(urlPath).set('Accept-Encoding', 'identity').buffer(true).parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
        expect(served.status, urlPath).toBe(200);
        expect((await readFile(path.join(dir, file))).equals(served.body as Buffer), file).toBe(true);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
