import { describe, expect, it } from 'vitest';
import { atom, errorRules, warningRules } from './documents.js';

describe('Atom 1.0 rules (RFC 4287)', () => {
  it('accepts the minimal feed, and its self link when served from it', async () => {
    expect(await errorRules(atom())).toEqual([]);
    expect(await warningRules(atom(), { url: 'https://example.com/atom.xml' })).toEqual([]);
  });

  const errors: Array<[string, string]> = [
    ['atom.namespace.missing', atom().replace(' xmlns="http://www.w3.org/2005/Atom"', '')],
    ['atom.namespace.invalid', atom().replace('http://www.w3.org/2005/Atom', 'http://www.w3.org/2005/atom')],
    ['atom.namespace.obsolete', atom().replace('http://www.w3.org/2005/Atom', 'http://purl.org/atom/ns#')],
    ['atom.feed.title.missing', atom().replace('<title>Example</title>', '')],
    ['atom.feed.id.missing', atom().replace('<id>https://example.com/</id>', '')],
    ['atom.feed.updated.missing', atom().replace(/<updated>[^<]*<\/updated>\n {2}<link/, '<link')],
    ['atom.entry.title.missing', atom().replace('<title>First</title>', '')],
    ['atom.entry.id.missing', atom({ entryId: '' }).replace('<id></id>', '')],
    ['atom.entry.updated.missing', atom().replace(/<updated>[^<]*<\/updated>\n {4}<link/, '<link')],
    ['atom.entry.author.missing', atom().replace('<author><name>Jo Writer</name></author>', '')],
    ['atom.entry.content-or-alternate.missing', atom({ content: '<summary>Hi</summary>' }).replace('<link rel="alternate" href="https://example.com/first"/>', '')],
    ['atom.entry.summary.missing', atom({ content: '<content src="https://example.com/a.mp3" type="audio/mpeg"/>' })],
    ['atom.entry.id.invalid-uri', atom({ entryId: 'first-post' })],
    ['atom.entry.id.invalid-uri', atom({ entryId: 'tag:example.com:1' })],
    ['atom.entry.id.invalid-uri', atom({ entryId: 'urn:uuid:not-a-uuid' })],
    ['atom.entry.id.whitespace', atom({ entryId: ' tag:example.com,2024:1 ' })],
    ['atom.entry.updated.invalid', atom().replace('<updated>2024-05-01T10:00:00Z</updated>\n    <link', '<updated>2024-05-01</updated>\n    <link')],
    ['atom.entry.published.invalid', atom({ entry: '<published>Wed, 01 May 2024 10:00:00 GMT</published>' })],
    ['atom.element.duplicate', atom({ entry: '<title>Second title</title>' })],
    ['atom.element.undefined', atom({ entry: '<pubDate>2024-05-01T10:00:00Z</pubDate>' })],
    ['atom.attribute.unexpected', atom({ entry: '<category term="x" domain="y"/>' })],
    ['atom.entry.link.href-missing', atom({ entry: '<link rel="related"/>' })],
    ['atom.entry.link.type', atom({ entry: '<link rel="related" type="html" href="https://example.com/x"/>' })],
    ['atom.entry.link.integer', atom({ entry: '<link rel="enclosure" length="big" type="audio/mpeg" href="https://example.com/a.mp3"/>' })],
    ['atom.entry.link.language', atom({ entry: '<link rel="related" hreflang="english" href="https://example.com/x"/>' })],
    ['atom.entry.link.alternate-duplicate', atom({ entry: '<link rel="alternate" href="https://example.com/again"/>' })],
    ['atom.entry.category.term-missing', atom({ entry: '<category label="News"/>' })],
    ['atom.author.name.missing', atom({ entry: '<author><email>jo@example.com</email></author>' })],
    ['atom.author.email.invalid', atom({ entry: '<author><name>Jo</name><email>jo at example.com</email></author>' })],
    ['atom.entry.content.type', atom({ content: '<content type="plain">Hi</content>' })],
    ['atom.entry.title.type', atom().replace('<title>First</title>', '<title type="text/plain">First</title>')],
    ['atom.entry.content.xhtml-div', atom({ content: '<content type="xhtml">Hi</content>' })],
    ['atom.entry.content.markup', atom({ content: '<content type="html"><p xmlns="http://www.w3.org/1999/xhtml">Hi</p></content>' })],
    ['atom.entry.content.base64', atom({ content: '<content type="image/png">not base64!</content>', entry: '<summary>x</summary>' })],
    ['atom.xhtml.namespace', atom({ content: '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><b xmlns="">Hi</b></div></content>' })],
    ['atom.feed.metadata.misplaced', `${atom().replace('</feed>', '<subtitle>late</subtitle></feed>')}`],
    ['atom.entry.id.all-same', atom({ feed: '<entry><title>B</title><id>tag:example.com,2024:1</id><updated>2024-05-01T10:00:00Z</updated><link href="https://example.com/b"/></entry><entry><title>C</title><id>tag:example.com,2024:1</id><updated>2024-05-01T10:00:00Z</updated><link href="https://example.com/c"/></entry>' })],
    ['xml.lang.invalid', atom().replace('<feed ', '<feed xml:lang="english" ')],
    ['xml.base.uri-char', atom().replace('<feed ', '<feed xml:base="https://example.com/a b/" ')],
  ];
  it.each(errors)('reports %s', async (rule, document) => {
    expect(await errorRules(document)).toContain(rule);
  });

  const warnings: Array<[string, string]> = [
    ['atom.feed.link.self.missing', atom().replace('<link rel="self" href="https://example.com/atom.xml"/>', '')],
    ['atom.feed.link.self-mismatch', atom()],
    ['atom.entry.summary.recommended', atom({ content: '' })],
    ['atom.entry.id.duplicate', atom({ feed: '<entry><title>B</title><id>tag:example.com,2024:1</id><updated>2024-05-02T10:00:00Z</updated><link href="https://example.com/b"/></entry>' })],
    ['atom.entry.title.blank', atom().replace('<title>First</title>', '<title></title>')],
    ['atom.entry.summary.undeclared-html', atom({ entry: '<summary>&lt;p&gt;Hi&lt;/p&gt;</summary>' })],
    ['atom.entry.content.unsafe-html', atom({ content: '<content type="html">&lt;script&gt;alert(1)&lt;/script&gt;</content>' })],
    ['atom.entry.link.rel-unregistered', atom({ entry: '<link rel="sidebar" href="https://example.com/x"/>' })],
    ['atom.namespace.prefixed', atom().replace('<feed xmlns="http://www.w3.org/2005/Atom">', '<a:feed xmlns:a="http://www.w3.org/2005/Atom" xmlns="http://www.w3.org/2005/Atom">').replace('</feed>', '</a:feed>')],
    ['atom.entry.link.enclosure-length', atom({ entry: '<link rel="enclosure" type="audio/mpeg" href="https://example.com/a.mp3"/>' })],
    ['atom.feed.id.non-canonical', atom().replace('<id>https://example.com/</id>', '<id>HTTPS://Example.com/</id>')],
  ];
  it.each(warnings)('warns %s', async (rule, document) => {
    const url = rule.endsWith('self-mismatch') ? 'https://example.com/other.xml' : undefined;
    expect(await warningRules(document, url ? { url } : undefined)).toContain(rule);
  });
});
