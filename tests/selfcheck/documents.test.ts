import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Metrics } from '../../src/metrics/metrics.js';
import { checkHtml } from '../../src/selfcheck/check-html.js';
import { documentsToCheck } from '../../src/selfcheck/documents.js';
import { resolveLinks } from '../../src/selfcheck/resolve-links.js';
import { SelfValidator } from '../../src/selfcheck/self-validator.js';
import { makeRendered } from '../../src/store/rendered.js';
import { heraldOn, silent, tempPosts } from '../helpers.js';

let dir: string;
let remove: () => Promise<void>;

beforeEach(async () => {
  const posts: Record<string, string> = {};
  for (let day = 1; day <= 5; day++) posts[`2024-01-0${day}-p${day}.md`] = `---\ntitle: Post ${day}\ntags: [x]\n---\nBody ${day}.`;
  ({ dir, remove } = await tempPosts(posts));
});

afterEach(async () => remove());

describe('what self-validation reads', () => {
  it('enumerates first pages, a page sample, every archive, OPML, the index and post pages from the URL scheme', async () => {
    const h = await heraldOn(dir, { itemsPerFeed: 2 });
    const targets = documentsToCheck(h.store, h.scheme);
    const paths = (kind: string) => targets.filter((t) => t.kind === kind).map((t) => t.path);
    expect(paths('feed')).toEqual(expect.arrayContaining(['/feed.xml', '/atom.xml', '/feed.json', '/feed.html', '/tags/x/feed.xml']));
    // 5 posts, 2 a page: pages 2 and 3 are the sample; archives of 2 hold 2 complete documents.
    expect(paths('page')).toEqual(expect.arrayContaining(['/feed.xml?page=2', '/feed.xml?page=3', '/tags/x/feed.html?page=3']));
    expect(paths('archive')).toEqual(expect.arrayContaining(['/archive/1/feed.xml', '/archive/2/atom.xml', '/tags/x/archive/2/feed.json']));
    expect(paths('opml')).toEqual(['/feeds.opml']);
    expect(paths('index')).toEqual(['/']);
    expect(paths('post')).toHaveLength(5);
    for (const target of targets) expect(h.scheme.parseAddress(new URL(target.url).pathname, new URL(target.url).searchParams, h.store)).toBeDefined();
  });

  it('finds every document Herald serves valid, and says how many of each kind it read', async () => {
    const h = await heraldOn(dir, { itemsPerFeed: 2 });
    await h.validator.run('start');
    const report = h.validator.last!;
    expect(report.documents.filter((d) => d.findings.length)).toEqual([]);
    expect(report.totals.byKind).toMatchObject({ feed: 12, opml: 1, index: 1, post: 5 });
    expect(report.totals.byKind.archive).toBeGreaterThanOrEqual(8);
    expect(report.totals.documents).toBe(Object.values(report.totals.byKind).reduce((a, b) => a + b, 0));
  });

  it('reports an index that is not well-formed HTML and an autodiscovery link to a feed that does not exist', async () => {
    const h = await heraldOn(dir);
    const page = '<!DOCTYPE html><html><head><title>t</title>'
      + '<link rel="alternate" type="application/rss+xml" href="https://example.com/tags/nope/feed.xml">'
      + '<link rel="alternate" type="application/atom+xml" href="https://example.com/feed.xml">'
      + '<link rel="alternate" type="application/rss+xml" href="https://elsewhere.example/feed.xml">'
      + '</head><body><p a="1" a="2">x</p></body></html>';
    const broken = makeRendered(page, 'text/html; charset=utf-8');
    const store = { ...bind(h), get: (address: Parameters<typeof h.store.get>[0]) => (address.kind === 'index' ? broken : h.store.get(address)) };
    const validator = new SelfValidator(store, () => [], h.scheme, silent, new Metrics(), { now: () => new Date() });
    await validator.run('schedule');
    const index = validator.last!.documents.find((d) => d.kind === 'index')!;
    expect(index.status).toBe('errors');
    expect(index.findings.map((f) => f.rule).sort()).toEqual(['html.autodiscovery.elsewhere', 'html.autodiscovery.missing', 'html.autodiscovery.type', 'html.parse.duplicate-attribute']);
  });

  it('reads a page as a browser does: its parse errors and its feed links', () => {
    const { findings, links } = checkHtml('<!DOCTYPE html><title>t</title><link rel="Alternate feed" type="application/atom+xml" href="/a"></div>');
    expect(findings.map((f) => f.rule)).toEqual(['html.parse.end-tag-without-matching-open-element']);
    expect(links).toEqual([{ type: 'application/atom+xml', href: '/a', line: 1 }]);
    expect(checkHtml('<!DOCTYPE html><title>t</title><p>fine</p>').findings).toEqual([]);
  });

  it('accepts a link to a feed that exists, in its own type', async () => {
    const h = await heraldOn(dir);
    const links = [{ type: 'application/feed+json', href: 'https://example.com/tags/x/feed.json' }];
    expect(resolveLinks(links, h.scheme, h.store, new Set())).toEqual([]);
  });
});

function bind(h: Awaited<ReturnType<typeof heraldOn>>) {
  const store = h.store;
  return {
    feeds: store.feeds.bind(store),
    archives: store.archives.bind(store),
    pageSample: store.pageSample.bind(store),
    postPages: store.postPages.bind(store),
  };
}
