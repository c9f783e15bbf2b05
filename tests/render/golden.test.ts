import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { feedAt, fixtureHerald } from '../helpers.js';

const golden = (name: string) => path.join(import.meta.dirname, 'golden', name);
// Regenerate with: UPDATE_GOLDEN=1 npx vitest run tests/render/golden.test.ts (then review the diff).
const update = process.env.UPDATE_GOLDEN === '1';

describe('golden files: the fixture posts render byte for byte as reviewed', () => {
  const cases: Array<[string, string]> = [
    ['/feed.xml', 'site.rss.xml'],
    ['/atom.xml', 'site.atom.xml'],
    ['/feed.json', 'site.feed.json'],
    ['/categories/news/feed.xml', 'category-news.rss.xml'],
    ['/tags/alpha/atom.xml', 'tag-alpha.atom.xml'],
  ];
  it.each(cases)('%s matches %s', async (feedPath, file) => {
    const herald = await fixtureHerald();
    const rendered = feedAt(herald, feedPath);
    const text = rendered!.identity.body.toString('utf8');
    if (update || !existsSync(golden(file))) writeFileSync(golden(file), text);
    expect(text).toBe(readFileSync(golden(file), 'utf8'));
  });

  it('renders identical bytes on every build: nothing depends on the build time', async () => {
    const first = await fixtureHerald();
    const second = await fixtureHerald();
    for (const { path: feedPath, rendered } of first.store.renderAll()) {
      expect(feedAt(second, feedPath)!.identity.etag).toBe(rendered.identity.etag);
    }
  });
});
