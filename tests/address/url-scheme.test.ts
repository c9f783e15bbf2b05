import { describe, expect, it } from 'vitest';
import { addressKey, BadAddressError, UnknownAddressError, type Address } from '../../src/address/address.js';
import { DEFAULT_SCHEME, UrlScheme } from '../../src/address/url-scheme.js';
import { VIEW_SPECS } from '../../src/address/views.js';
import { ConfigError, parseConfig } from '../../src/config/load-config.js';
import { VIEWS } from '../../src/model/feed.js';
import { repoRoot } from '../helpers.js';

const scheme = new UrlScheme({ ...DEFAULT_SCHEME, publicUrl: 'https://feeds.example.com' });
const none = new URLSearchParams();
const parse = (target: string, on = scheme) => {
  const url = new URL(target, 'http://x');
  return on.parseAddress(url.pathname, url.searchParams);
};

const addresses: Array<[string, Address]> = [
  ['/', { kind: 'index' }],
  ['/feeds.opml', { kind: 'opml' }],
  ['/feed.xml', { kind: 'feed', scope: { kind: 'site' }, view: 'rss', page: 1 }],
  ['/atom.xml?limit=5&page=3', { kind: 'feed', scope: { kind: 'site' }, view: 'atom', page: 3, limit: 5 }],
  ['/categories/news/feed.json', { kind: 'feed', scope: { kind: 'category', slug: 'news' }, view: 'json', page: 1 }],
  ['/tags/%E6%97%A5%E6%9C%AC/feed.html?page=2', { kind: 'feed', scope: { kind: 'tag', slug: '日本' }, view: 'html', page: 2 }],
  ['/tags/alpha/archive/3/atom.xml', { kind: 'archive', scope: { kind: 'tag', slug: 'alpha' }, view: 'atom', number: 3 }],
  ['/authors/ada-whitcombe/feed.xml', { kind: 'feed', scope: { kind: 'author', slug: 'ada-whitcombe' }, view: 'rss', page: 1 }],
];

describe('the URL scheme', () => {
  it.each(addresses)('parses %s and builds the same path back', (path, address) => {
    expect(parse(path)).toEqual(address);
    expect(scheme.addressPath(address)).toBe(path);
    expect(scheme.addressUrl(address)).toBe(`https://feeds.example.com${path}`);
  });

  it('spells one resource one way: page=1 dropped, limit before page, /index.html is the index', () => {
    expect(scheme.addressPath(parse('/feed.xml?page=1')!)).toBe('/feed.xml');
    expect(scheme.addressPath(parse('/feed.xml?page=2&limit=3')!)).toBe('/feed.xml?limit=3&page=2');
    expect(parse('/index.html')).toEqual({ kind: 'index' });
  });

  it('names a post page by its permalink under the public URL, and parses it only where a post is', () => {
    const posts = { hasPost: (path: string) => path === '/2025/10/02/field-notes.html' || path === '/2025/10/02/caf%C3%A9/' };
    expect(scheme.postAddress('https://feeds.example.com/2025/10/02/field-notes.html')).toEqual({ kind: 'post', path: '/2025/10/02/field-notes.html' });
    expect(scheme.postAddress('https://feeds.example.com/2025/10/02/café/')).toEqual({ kind: 'post', path: '/2025/10/02/caf%C3%A9/' });
    expect(scheme.postAddress('https://example.com/2025/10/02/field-notes.html')).toBeUndefined();
    expect(scheme.postAddress('https://feeds.example.com.evil/x.html')).toBeUndefined();
    expect(scheme.parseAddress('/2025/10/02/field-notes.html', new URLSearchParams('utm_source=x'), posts)).toEqual({ kind: 'post', path: '/2025/10/02/field-notes.html' });
    expect(scheme.parseAddress('/2025/10/02/other.html', none, posts)).toBeUndefined();
    expect(scheme.parseAddress('/2025/10/02/field-notes.html', none)).toBeUndefined();
    expect(scheme.parseAddress('/feed.xml', none, { hasPost: () => true })).toMatchObject({ kind: 'feed' });
    expect(scheme.addressUrl({ kind: 'post', path: '/2025/10/02/caf%C3%A9/' })).toBe('https://feeds.example.com/2025/10/02/caf%C3%A9/');
    expect(scheme.routeLabel({ kind: 'post', path: '/2025/10/02/field-notes.html' })).toBe('/:post');
  });

  it('leaves paths that are not its own to the rest of the server', () => {
    for (const path of ['/index.html?x=1', '/categories/feed.xml', '/nothing/feed.xml', '/feed.txt', '/archive/x/feed.xml', '/healthz']) {
      expect(parse(path), path).toBeUndefined();
    }
  });

  it('rejects bad queries as bad requests and bad percent-encoding as unknown', () => {
    for (const query of ['?limit=0', '?limit=abc', '?limit=101', '?page=-1', '?page=1000001', '?foo=1']) {
      expect(() => parse(`/feed.xml${query}`), query).toThrow(BadAddressError);
    }
    expect(() => parse('/archive/1/feed.xml?page=2')).toThrow(BadAddressError);
    expect(() => parse('/tags/%E0%A4%A/feed.xml')).toThrow(UnknownAddressError);
  });

  it('labels routes by kind and file, never by slug or number', () => {
    const labels = addresses.map(([path]) => scheme.routeLabel(parse(path)!));
    expect(labels).toEqual(['/', '/feeds.opml', '/feed.xml', '/atom.xml', '/categories/:slug/feed.json', '/tags/:slug/feed.html', '/tags/:slug/archive/:n/atom.xml', '/authors/:slug/feed.xml']);
  });

  it('spells pages after the first as paths with urls.pages: path (a static host serves them), and only then', () => {
    const paths = new UrlScheme({ ...DEFAULT_SCHEME, pages: 'path', publicUrl: 'https://feeds.example.com' });
    const second = { kind: 'feed', scope: { kind: 'tag', slug: '日本' }, view: 'atom', page: 2 } satisfies Address;
    expect(paths.addressPath(second)).toBe('/tags/%E6%97%A5%E6%9C%AC/page/2/atom.xml');
    expect(parse('/tags/%E6%97%A5%E6%9C%AC/page/2/atom.xml', paths)).toEqual(second);
    expect(parse('/page/3/feed.xml', paths)).toEqual({ kind: 'feed', scope: { kind: 'site' }, view: 'rss', page: 3 });
    expect(paths.addressPath(parse('/feed.xml?page=3', paths)!)).toBe('/page/3/feed.xml');
    expect(paths.addressPath({ ...second, limit: 5 })).toBe('/tags/%E6%97%A5%E6%9C%AC/atom.xml?limit=5&page=2');
    expect(paths.routeLabel(second)).toBe('/tags/:slug/page/:n/atom.xml');
    expect(parse('/page/1/feed.xml', paths)).toBeUndefined();
    expect(() => parse('/page/2/feed.xml?page=3', paths)).toThrow(BadAddressError);
    expect(parse('/page/2/feed.xml')).toBeUndefined();
  });

  it('takes its file names from the registry, one per view', () => {
    expect(VIEWS.map((view) => DEFAULT_SCHEME.files[view])).toEqual(VIEWS.map((view) => VIEW_SPECS[view].file));
    expect(new Set(VIEWS.map((view) => VIEW_SPECS[view].label)).size).toBe(VIEWS.length);
  });
});

describe('configured feed paths and aliases', () => {
  const jekyll = new UrlScheme({
    ...DEFAULT_SCHEME,
    publicUrl: 'https://example.com',
    folders: { category: 'category', tag: 'tag', author: 'author' },
    files: { ...DEFAULT_SCHEME.files, rss: 'rss.xml', atom: 'feed.xml' },
    aliases: { '/feed/{category}.xml': '/category/{category}/feed.xml', '/feed/by_tag/{tag}.xml': '/tag/{tag}/feed.xml', '/old.atom': '/feed.xml' },
  });

  it('builds and parses the configured folders and files', () => {
    expect(parse('/feed.xml', jekyll)).toMatchObject({ kind: 'feed', view: 'atom' });
    expect(parse('/category/news/rss.xml', jekyll)).toMatchObject({ scope: { kind: 'category', slug: 'news' }, view: 'rss' });
    expect(parse('/categories/news/feed.xml', jekyll)).toBeUndefined();
    expect(jekyll.addressPath({ kind: 'archive', scope: { kind: 'tag', slug: 'x' }, view: 'rss', number: 2 })).toBe('/tag/x/archive/2/rss.xml');
  });

  it('maps an alias to the feed it names, by the term name as jekyll-feed writes it, keeping the query', () => {
    const alias = parse('/feed/Caf%C3%A9%20Culture.xml?limit=5', jekyll)!;
    expect(alias).toEqual({ kind: 'feed', scope: { kind: 'category', slug: 'cafe-culture' }, view: 'atom', page: 1, limit: 5, alias: { pattern: '/feed/{category}.xml', name: 'Café Culture' } });
    expect(jekyll.addressPath(alias)).toBe('/category/cafe-culture/feed.xml?limit=5');
    expect(jekyll.routeLabel(alias)).toBe('/feed/{category}.xml');
    expect(parse('/feed/by_tag/jekyll_feed.xml', jekyll)).toMatchObject({ scope: { kind: 'tag', slug: 'jekyll-feed' } });
    expect(parse('/old.atom', jekyll)).toMatchObject({ scope: { kind: 'site' }, view: 'atom', alias: { pattern: '/old.atom' } });
    expect(parse('/feed/a/b.xml', jekyll)).toBeUndefined();
  });

  it('keeps the path of an alias of its own (jekyll-feed in site mode) in its links, with its page size, for the names it serves', () => {
    const own = new UrlScheme({
      ...DEFAULT_SCHEME,
      publicUrl: 'https://example.com/blog',
      aliases: {
        '/feed/{category}.xml': { target: '/categories/{category}/atom.xml', pageSize: 10, accepts: (name) => name === 'Café Culture' },
        '/old.atom': '/atom.xml',
      },
    });
    const address = parse('/feed/Caf%C3%A9%20Culture.xml?page=2', own)!;
    expect(address).toMatchObject({ scope: { kind: 'category', slug: 'cafe-culture' }, page: 2, alias: { name: 'Café Culture', pageSize: 10 } });
    expect(own.addressUrl(address)).toBe('https://example.com/blog/feed/Caf%C3%A9%20Culture.xml?page=2');
    expect(own.routeLabel(address)).toBe('/feed/{category}.xml');
    expect(addressKey(address)).not.toBe(addressKey(parse('/categories/cafe-culture/atom.xml?page=2', own)!));
    expect(parse('/feed/cafe-culture.xml', own)).toBeUndefined();
    expect(addressKey(parse('/old.atom', own)!)).toBe(addressKey(parse('/atom.xml', own)!));
  });

  it('stops start-up, naming the key, for an alias that would hide a path of its own or lead nowhere', () => {
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ aliases: { '/feed.xml': '/atom.xml' } }, /urls\.aliases\./],
      [{ aliases: { '/tags/{tag}/feed.xml': '/tags/{tag}/atom.xml' } }, /Herald does not use itself/],
      [{ aliases: { '/metrics': '/atom.xml' } }, /Herald does not use itself/],
      [{ aliases: { '/f/{category}.xml': '/atom.xml' } }, /the same placeholder|no placeholder|placeholder/],
      [{ aliases: { '/f/{author}.xml': '/atom.xml' } }, /\{author\}/],
      [{ aliases: { '/f/{tag}.xml': '/categories/{tag}/atom.xml' } }, /for a tag/],
      [{ aliases: { 'feed.xml': '/atom.xml' } }, /starting with "\/"/],
      [{ files: { rss: 'atom.xml' } }, /urls\.files\.rss/],
      [{ files: { html: 'index.html' } }, /urls\.files\.html/],
      [{ categories: 'tags' }, /urls\.tags/],
      [{ tags: 'archive' }, /urls\.tags/],
      [{ tags: 'a/b' }, /urls\.tags/],
    ];
    for (const [urls, message] of bad) {
      expect(() => parseConfig({ urls }, repoRoot), JSON.stringify(urls)).toThrow(ConfigError);
      expect(() => parseConfig({ urls }, repoRoot), JSON.stringify(urls)).toThrow(message);
    }
    expect(parseConfig({ urls: { aliases: { '/feed/{category}.xml': '/categories/{category}/atom.xml' } } }, repoRoot).urls.aliases).toEqual({
      '/feed/{category}.xml': '/categories/{category}/atom.xml',
    });
  });
});
