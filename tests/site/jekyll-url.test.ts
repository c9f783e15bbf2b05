import { describe, expect, it } from 'vitest';
import { jekyllSlugify } from '../../src/content/slug.js';
import { jekyllTitle } from '../../src/content/post-title.js';
import { escapePath, jekyllAbsoluteUrl, jekyllPostId, jekyllUrl, normalizePath, permalinkTemplate } from '../../src/site/jekyll-url.js';

// Expected values come from Jekyll 4.3.1 (Utils.slugify, URL, Addressable) run on the same input.
describe("Jekyll's slugify", () => {
  it.each([
    ['Post Formats', 'default', false, 'post-formats'],
    ['3.0-released', 'pretty', true, '3.0-released'],
    ['Café Culture!', 'default', false, 'café-culture'],
    ['The _config.yml file', 'pretty', false, 'the-_config.yml-file'],
    ['Hello World', 'ascii', false, 'hello-world'],
    ['Café', 'latin', false, 'cafe'],
    ['Keep As Is', 'none', true, 'Keep As Is'],
  ] as const)('%j (%s, cased %s) is %j', (text, mode, cased, slug) => {
    expect(jekyllSlugify(text, mode, cased)).toBe(slug);
  });
});

describe("Jekyll's URLs", () => {
  const parts = {
    slug: '3.0-released',
    basename: '2024-03-05-3.0-released',
    categories: ['Post Formats'],
    date: new Date('2024-03-05T23:30:00Z'),
    timeZone: 'UTC',
    outputExt: '.html',
    path: '/2024-03-05-3.0-released',
  };
  it('fills the named styles as Jekyll does: categories lower-cased and escaped, the title kept', () => {
    expect(jekyllUrl(permalinkTemplate('date'), parts)).toBe('/post%20formats/2024/03/05/3.0-released.html');
    expect(jekyllUrl(permalinkTemplate('pretty'), parts)).toBe('/post%20formats/2024/03/05/3.0-released/');
    expect(jekyllUrl(permalinkTemplate('ordinal'), parts)).toBe('/post%20formats/2024/065/3.0-released.html');
    expect(jekyllUrl(permalinkTemplate('weekdate'), parts)).toBe('/post%20formats/2024/W10/Tue/3.0-released.html');
    expect(jekyllUrl(permalinkTemplate('none'), parts)).toBe('/post%20formats/3.0-released.html');
  });
  it('fills every placeholder of Jekyll 4 (ISO week-year at a year boundary), and leaves unknown ones as written', () => {
    const all = ':year :month :day :hour :minute :second :i_day :i_month :short_year :short_month :long_month :w_year :week :w_day :short_day :long_day :y_day :title :slug :name :categories :slugified_categories :collection :output_ext :path';
    expect(jekyllUrl(all.replaceAll(' ', '/'), { ...parts, date: new Date('2021-01-01T08:04:03Z') })).toBe(
      '/2021/01/01/08/04/03/1/1/21/Jan/January/2020/53/5/Fri/Friday/001/3.0-released/3-0-released/2024-03-05-3-0-released/post%20formats/post-formats/posts/.html/2024-03-05-3.0-released',
    );
    expect(jekyllUrl('/:constructor/:toString/:slug', parts)).toBe('/:constructor/:toString/3-0-released');
  });
  it('reads dates in the site time zone, knows :month_ as :month, and drops empty segments', () => {
    expect(jekyllUrl('/:year/:month_:day/:slug', { ...parts, categories: [], timeZone: 'Asia/Tokyo' })).toBe('/2024/03_06/3-0-released');
    expect(jekyllUrl('/:categories/:i_month/:short_year/:name', { ...parts, categories: [] })).toBe('/3/24/2024-03-05-3-0-released');
  });
  it('escapes paths like URL.escape_path and makes ids like Document#id', () => {
    expect(escapePath('post formats/a#b/ü')).toBe('post%20formats/a%23b/%C3%BC');
    expect(jekyllPostId('/news/2025/01/29/jekyll-4-4-1-released/', 'jekyll-4-4-1-released')).toBe('/news/2025/01/29/jekyll-4-4-1-released');
    expect(jekyllPostId('/2025/01/29/post.html', 'post')).toBe('/2025/01/29/post');
  });
  it('makes absolute URLs as absolute_url does: normalised, base path kept', () => {
    expect(normalizePath("/a/Caf\u00e9 Culture/x%7Ey/it's/[b]")).toBe("/a/Caf%C3%A9%20Culture/x~y/it's/%5Bb%5D");
    expect(jekyllAbsoluteUrl('http://Ex.com/blog', '/2025/01/29/post')).toBe('http://ex.com/blog/2025/01/29/post');
    expect(jekyllAbsoluteUrl('https://example.com', 'urn:uuid:1')).toBe('urn:uuid:1');
  });
});

describe('titles as jekyll-feed shows them', () => {
  it('drops tags and decodes entities, folding white space', () => {
    expect(jekyllTitle('Café culture in Kyoto: <small> cups &amp; big ideas')).toBe('Café culture in Kyoto: cups & big ideas');
    expect(jekyllTitle('A&nbsp;<span class="x">b</span>\n c')).toBe('A\u00a0b c');
  });
});
