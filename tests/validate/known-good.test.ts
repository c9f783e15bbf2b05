import { readFileSync } from 'node:fs';
import path from 'node:path';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { findings } from './documents.js';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name));

describe('feeds written by other generators', () => {
  const samples: Array<[string, string, string]> = [
    ['WordPress (RSS 2.0)', 'wordpress.xml', 'https://allotment.example.org/feed/'],
    ['jekyll-feed (Atom)', 'jekyll-feed.xml', 'https://river.example.net/feed.xml'],
    ['Hugo (RSS 2.0)', 'hugo.xml', 'https://sounds.example.com/index.xml'],
    ['Micro.blog style (JSON Feed)', 'micro-blog.json', 'https://ada.example.com/feed.json'],
  ];

  it.each(samples)('%s validates with no errors', async (_name, file, url) => {
    const found = await findings(fixture(file), { url });
    expect(found.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('are read by rss-parser with every item titled and linked', async () => {
    const parser = new Parser();
    for (const file of ['wordpress.xml', 'jekyll-feed.xml', 'hugo.xml']) {
      const feed = await parser.parseString(fixture(file).toString('utf8'));
      expect(feed.items.length).toBe(2);
      for (const item of feed.items) expect(item.title && item.link).toBeTruthy();
    }
  });
});
