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
  ])('validate with no errors and no warnings, served from their own URLs (%s)', async (_name, make) => {
    const herald = await make();
    const feeds = herald.store.renderAll();
    expect(feeds.length).toBeGreaterThanOrEqual(3);
    for (const { path: feedPath, rendered } of feeds) {
      const findings = await validateFeed(rendered.identity.body, { url: `https://example.com${feedPath}`, contentType: rendered.contentType });
      expect({ feedPath, findings }).toEqual({ feedPath, findings: [] });
    }
  });
});
