import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { feedAt, heraldOn, tempPosts } from '../helpers.js';

let dir: string;
let remove: () => Promise<void>;

beforeEach(async () => {
  ({ dir, remove } = await tempPosts({
    '2024-01-01-one.md': '---\ntitle: One\ncategories: [news]\n---\nOne.',
    '2024-01-02-two.md': '---\ntitle: Two\ncategories: [sport]\n---\nTwo.',
  }));
});

afterEach(() => remove());

describe('FeedStore across content versions', () => {
  it('re-renders only the feeds whose posts changed; the others keep their bytes without rendering', async () => {
    const herald = await heraldOn(dir);
    const get = (feedPath: string) => feedAt(herald, feedPath)!;
    const [site, news, sport] = ['/feed.xml', '/categories/news/feed.xml', '/categories/sport/feed.xml'].map(get);

    await writeFile(path.join(dir, 'posts/2024-01-02-two.md'), '---\ntitle: Two, edited\ncategories: [sport]\n---\nTwo.');
    await herald.publisher.filesChanged(['2024-01-02-two.md']);

    expect(get('/categories/news/feed.xml')).toBe(news);
    expect(get('/categories/sport/feed.xml')).not.toBe(sport);
    expect(get('/categories/sport/feed.xml').identity.body.toString()).toContain('Two, edited');
    expect(get('/feed.xml')).not.toBe(site);
  });

  it('re-renders a feed whose page is unchanged when an older post changes its updated date', async () => {
    const herald = await heraldOn(dir, { itemsPerFeed: 1 });
    const first = feedAt(herald, '/atom.xml')!;
    await writeFile(path.join(dir, 'posts/2024-01-01-one.md'), '---\ntitle: One\ncategories: [news]\nlast_modified_at: 2024-03-01\n---\nOne.');
    await herald.publisher.filesChanged(['2024-01-01-one.md']);
    const second = feedAt(herald, '/atom.xml')!;
    expect(second).not.toBe(first);
    expect(second.identity.body.toString()).toContain('<updated>2024-03-01T00:00:00Z</updated>');
  });

  it('keeps an archive document byte for byte when newer posts arrive', async () => {
    const herald = await heraldOn(dir, { itemsPerFeed: 1 });
    const archive = () => feedAt(herald, '/archive/1/feed.xml')!.identity;
    const before = archive();
    expect(before.body.toString()).toContain('<title>One</title>');
    await writeFile(path.join(dir, 'posts/2024-01-03-three.md'), '---\ntitle: Three\n---\nThree.');
    await herald.publisher.filesChanged(['2024-01-03-three.md']);
    expect(archive().etag).toBe(before.etag);
    expect(feedAt(herald, '/archive/3/feed.xml')!.identity.body.toString()).toContain('<title>Three</title>');
    expect(feedAt(herald, '/archive/2/feed.xml')!.identity.body.toString()).toContain(
      'href="https://example.com/archive/3/feed.xml" rel="next-archive"',
    );
  });
});
