import Parser from 'rss-parser';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Herald } from '../../src/compose.js';
import { validateFeed } from '../../src/validate/index.js';
import { heraldOn, tempPosts } from '../helpers.js';

const post = (title: string, body: string) => `---\ntitle: ${title}\n---\n${body}\n`;

const POSTS: Record<string, string> = {
  '2024-05-01-youtube.md': post('YouTube', [
    'Before.',
    '',
    '<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=abc" title="A talk &amp; its slides" frameborder="0" allowfullscreen></iframe>',
    '',
    'Inline <iframe src="//www.youtube-nocookie.com/embed/a_B-c1D2e3F"></iframe> in a paragraph.',
    '',
    '<iframe src="https://www.youtube.com/embed/short"></iframe>',
  ].join('\n')),
  '2024-05-02-media.md': post('Media', [
    '<iframe src="https://player.vimeo.com/video/76979871?h=1"></iframe>',
    '',
    '<div><video controls poster="/img/poster.jpg"><source src="/media/clip.webm" type="video/webm">Your browser cannot play it.</video></div>',
    '',
    '<audio controls src="https://cdn.example.org/episode.mp3"></audio>',
    '',
    '<object data="https://plugins.example.net/app.swf"><param name="quality" value="high"></object>',
    '',
    '<embed src="https://maps.example.org/map?x=1&amp;y=2" title="Where we met">',
  ].join('\n')),
  '2024-05-03-tweet.md': post('Tweet', [
    '<blockquote class="twitter-tweet"><p lang="en">Feeds are back <a href="https://t.co/abc">t.co/abc</a></p>&mdash; Ada (@ada) <a href="https://twitter.com/ada/status/123">May 3, 2024</a></blockquote>',
    '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>',
  ].join('\n')),
  '2024-05-04-hostile.md': post('Hostile', [
    'Kept text.',
    '',
    '<iframe src="javascript:alert(1)">frame fallback</iframe>',
    '<iframe src=" JaVaScRiPt:alert(2)"></iframe>',
    '<iframe src="data:text/html,&lt;script&gt;alert(3)&lt;/script&gt;"></iframe>',
    '<video src="vbscript:x"><source src="data:video/mp4;base64,AAAA"></video>',
    '<embed src="javascript:alert(4)">',
    '<iframe src="https://evil.example/&quot;onload=&quot;alert(5)" title="&lt;img src=x onerror=alert(6)&gt;"></iframe>',
    '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ&quot;&gt;&lt;script&gt;alert(7)&lt;/script&gt;"></iframe>',
    '<a href="https://outer.example/">outer <iframe src="https://inner.example/"></iframe></a>',
  ].join('\n')),
};

type Item = Parser.Item & { 'content:encoded'?: string };
const parser = new Parser<Record<string, never>, Item>();
let herald: Herald;
let remove: () => Promise<void>;
let items: Map<string, string>;

beforeAll(async () => {
  let dir: string;
  ({ dir, remove } = await tempPosts(POSTS));
  herald = await heraldOn(dir);
  const res = await request(herald.handler).get('/feed.xml');
  expect(res.status).toBe(200);
  expect(await validateFeed(res.text, { url: 'https://example.com/feed.xml' })).toEqual([]);
  const feed = await parser.parseString(res.text);
  items = new Map(feed.items.map((item) => [item.title!, item['content:encoded'] ?? item.content ?? '']));
});
afterAll(() => remove());

describe('a removed embed leaves a link to its source', () => {
  it('links a YouTube iframe to its source around its thumbnail, named by its title or the provider', () => {
    const html = items.get('YouTube')!;
    expect(html).toContain('<p><a href="https://www.youtube.com/embed/dQw4w9WgXcQ?si=abc"><img src="https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg" alt="Video on YouTube" /><br />A talk &amp; its slides</a></p>');
    expect(html).toContain('<p>Inline <a href="https://www.youtube-nocookie.com/embed/a_B-c1D2e3F"><img src="https://i.ytimg.com/vi/a_B-c1D2e3F/hqdefault.jpg" alt="Video on YouTube" /><br />Video on YouTube</a> in a paragraph.</p>');
    // An id that is not 11 characters of YouTube's alphabet gets no thumbnail, only the link it was.
    expect(html).toContain('<p><a href="https://www.youtube.com/embed/short">Video on YouTube</a></p>');
    expect(html).not.toMatch(/<iframe|i\.ytimg\.com\/vi\/short/);
  });

  it('links Vimeo, a video (its <source>, with its poster), audio, an object and an embed', () => {
    const html = items.get('Media')!;
    expect(html).toContain('<p><a href="https://player.vimeo.com/video/76979871?h=1">Video on Vimeo</a></p>');
    expect(html).toContain('<div><p><a href="https://example.com/media/clip.webm"><img src="https://example.com/img/poster.jpg" alt="Video from example.com" /><br />Video from example.com</a></p></div>');
    expect(html).toContain('<p><a href="https://cdn.example.org/episode.mp3">Audio from cdn.example.org</a></p>');
    expect(html).toContain('<p><a href="https://plugins.example.net/app.swf">Embedded content from plugins.example.net</a></p>');
    expect(html).toContain('<p><a href="https://maps.example.org/map?x=1&amp;y=2">Where we met</a></p>');
    expect(html).not.toMatch(/<(video|audio|source|object|param|embed|iframe)\b|cannot play/);
  });

  it('keeps a tweet’s text and links and drops only its script', () => {
    const html = items.get('Tweet')!;
    expect(html).toContain('<blockquote><p>Feeds are back <a href="https://t.co/abc">t.co/abc</a></p>— Ada (@ada) <a href="https://twitter.com/ada/status/123">May 3, 2024</a></blockquote>');
    expect(html).not.toMatch(/<script|widgets\.js/);
  });

  it('never links a javascript:, data: or vbscript: source, and escapes hostile titles and URLs', () => {
    const html = items.get('Hostile')!;
    expect(html).toContain('Kept text.');
    expect(html).not.toMatch(/javascript|data:|vbscript|alert\([1-4]\)|<script|<source|<[^>]*\son\w+=|<img src="x/i);
    expect(html).toContain('frame fallback');
    expect(html).toContain('<a href="https://evil.example/%22onload=%22alert(5)">&lt;img src=x onerror=alert(6)&gt;</a>');
    expect(html).toContain('<a href="https://www.youtube.com/embed/dQw4w9WgXcQ%22%3E%3Cscript%3Ealert(7)%3C/script%3E">Video on YouTube</a>');
    // Inside a link, an embed leaves its name only: a link cannot hold another.
    expect(html).toContain('<a href="https://outer.example/">outer Embedded content from inner.example</a>');
  });
});
