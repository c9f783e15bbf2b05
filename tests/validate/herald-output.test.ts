import { describe, expect, it } from 'vitest';
import { createHerald } from '../../src/compose.js';
import { parseConfig } from '../../src/config/load-config.js';
import { validateFeed } from '../../src/validate/index.js';
import { fixtureHerald, repoRoot, silent } from '../helpers.js';

describe("Herald's own feeds", () => {
  it.each([
    ['the repository posts', async () => {
      const herald = createHerald(parseConfig({ site: { url: 'https://example.com' } }, repoRoot), silent);
      await herald.publisher.reload();
      return herald;
    }],
    ['the fixture posts', () => fixtureHerald()],
    ['the fixture posts one per page, so every feed has archives', () => fixtureHerald({ feeds: { itemsPerFeed: 1 } })],
  ])('validate with no errors and no warnings, archives and the OPML list too, served from their own URLs (%s)', async (_name, make) => {
    const herald = await make();
    const feeds = herald.store.renderAll();
    expect(feeds.length).toBeGreaterThanOrEqual(3);
    const archives = herald.store.archives().map((entry) => ({ path: entry.path, rendered: entry.render() }));
    if (herald.config.feeds.itemsPerFeed === 1) expect(archives.length).toBeGreaterThan(3);
    const opml = { path: '/feeds.opml', rendered: herald.store.document('opml') };
    for (const { path: feedPath, rendered } of [...feeds, ...archives, opml]) {
      const findings = await validateFeed(rendered.identity.body, { url: `https://example.com${feedPath}`, contentType: rendered.contentType });
      expect({ feedPath, findings }).toEqual({ feedPath, findings: [] });
    }
  });
});
