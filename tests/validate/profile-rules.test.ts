import { describe, expect, it } from 'vitest';
import { atom, findings, rss } from './documents.js';

const NS = ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:slash="http://purl.org/rss/1.0/modules/slash/" xmlns:xhtml="http://www.w3.org/1999/xhtml"';
const item = (markup: string) => rss({ namespaces: NS, item: markup });
const channel = (markup: string) => rss({ namespaces: NS, channel: markup });

// One rule per row: a document that keeps it, and one that breaks it (the W3C validator's RSS Profile and HTML warnings).
const RULES: ReadonlyArray<readonly [rule: string, good: string, bad: string]> = [
  ['rss.channel.title.html', rss(), rss().replace('<title>Example</title>', '<title>&lt;b&gt;Example&lt;/b&gt;</title>')],
  ['rss.item.title.html', rss().replace('<title>First</title>', '<title>alpha&#x26;omega</title>'), rss().replace('<title>First</title>', '<title>alpha&amp;omega</title>')],
  ['rss.channel.description.html', rss(), rss().replace('<description>An example feed</description>', '<description>Lo&amp;#239;c</description>')],
  ['rss.item.description.unsafe-html', item('<description>&lt;p&gt;Hi&lt;/p&gt;</description>'), item('<description>&lt;script&gt;x()&lt;/script&gt;</description>')],
  ['rss.item.content-encoded.not-html', item('<description>Hi</description><content:encoded>&lt;p&gt;Hi&lt;/p&gt;</content:encoded>'), item('<description>Hi</description><content:encoded>&lt;scriptingNews&gt;</content:encoded>')],
  ['rss.item.dc-creator.duplicate-semantics', item('<dc:creator>Jo</dc:creator>'), item('<dc:creator>Jo</dc:creator><author>jo@example.com (Jo)</author>')],
  ['rss.item.atom-id.duplicate-semantics', rss(), item('<atom:id>tag:example.com,2024:1</atom:id>')],
  ['rss.item.xhtml-body.duplicate-description', item('<description>Hi</description>'), item('<xhtml:body><xhtml:p>Hi</xhtml:p></xhtml:body>')],
  ['rss.item.xhtml-body.unsafe-html', item('<xhtml:body><xhtml:p>Hi</xhtml:p></xhtml:body>'), item('<xhtml:body><xhtml:script>x()</xhtml:script></xhtml:body>')],
  ['rss.item.slash-comments.no-build-date', rss({ namespaces: NS, channel: '<lastBuildDate>Mon, 02 Jan 2006 15:04:05 GMT</lastBuildDate>', item: '<slash:comments>3</slash:comments>' }), item('<slash:comments>3</slash:comments>')],
  ['rss.image.link.mismatch', channel('<image><url>https://example.com/a.png</url><title>Example</title><link>https://example.com/</link></image>'), channel('<image><url>https://example.com/a.png</url><title>Example</title><link>https://example.com/other</link></image>')],
  ['atom.entry.content.fragment', atom({ content: '<content type="text/html">&lt;html&gt;&lt;p&gt;Hi&lt;/p&gt;&lt;/html&gt;</content>' }), atom({ content: '<content type="text/html">&lt;p&gt;Hi&lt;/p&gt;</content>' })],
  ['xml.entity.external', rss(), rss().replace('<?xml version="1.0" encoding="utf-8"?>', '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>').replace('<description>An example feed</description>', '<description>An example feed &secret;</description>')],
];

describe('RSS Profile and HTML warnings', () => {
  it.each(RULES)('%s: the good document keeps it, the bad one breaks it', async (rule, good, bad) => {
    const kept = await findings(good);
    expect(kept.filter((f) => f.severity === 'error')).toEqual([]);
    expect(kept.map((f) => f.rule)).not.toContain(rule);
    expect((await findings(bad)).map((f) => f.rule)).toContain(rule);
  });

  // A tag scan that backtracks over every "<" with no ">" after it is quadratic (rss-parser's snippet regexes took
  // minutes on this); the validator's scans and the reader check's read each character a bounded number of times.
  it('reads hostile markup in a description in linear time', async () => {
    const hostile = '<a onx'.repeat(100_000);
    const found = await findings(item(`<description>${hostile.replace(/</g, '&lt;')}</description>`));
    expect(found.map((f) => f.rule)).not.toContain('rss.item.description.unsafe-html');
  });
});
