import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createHerald } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { validateFeed } from '../../src/validate/index.js';

const root = path.resolve(import.meta.dirname, '../..');

describe("Herald's own feeds", () => {
  it('validate with no errors and no warnings, served from their own URLs', async () => {
    const herald = createHerald(parseConfig({ site: { url: 'https://example.com' } }, root), pino({ level: 'silent' }));
    await herald.publisher.reload();
    const feeds = herald.store.renderAll();
    expect(feeds.length).toBeGreaterThanOrEqual(3);
    for (const { path: feedPath, rendered } of feeds) {
      const findings = await validateFeed(rendered.identity.body, { url: `https://example.com${feedPath}`, contentType: rendered.contentType });
      expect({ feedPath, findings }).toEqual({ feedPath, findings: [] });
    }
  });
});
