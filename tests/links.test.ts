import { describe, expect, it } from 'vitest';
import { renderJson } from '../src/render/render-json.js';
import { linksIn } from './links.js';
import { sampleFeed, urls } from './render/sample-feed.js';

describe('the crawl helper', () => {
  it("follows a JSON Feed's RFC 5005 archive links as well as its URL members", () => {
    const archive = sampleFeed({
      place: { kind: 'archive', number: 2, of: 3 },
      self: urls('https://example.com/archive/2'),
      links: { current: urls('https://example.com'), prevArchive: urls('https://example.com/archive/1'), nextArchive: urls('https://example.com/archive/3') },
    });
    const links = linksIn(renderJson(archive), 'application/feed+json');
    expect(links).toEqual(
      expect.arrayContaining([
        'https://example.com/archive/2/feed.json',
        'https://example.com/feed.json',
        'https://example.com/archive/1/feed.json',
        'https://example.com/archive/3/feed.json',
        'https://example.com/2025/10/28/kyoto.html',
        'https://images.example.org/cup.webp',
      ]),
    );
    expect(links).not.toContain('https://www.rfc-editor.org/rfc/rfc5005#section-4');
  });
});
