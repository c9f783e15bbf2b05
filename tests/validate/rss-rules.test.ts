import { describe, expect, it } from 'vitest';
import { errorRules, rss, warningRules } from './documents.js';

describe('RSS 2.0 rules', () => {
  it('accepts the minimal feed', async () => {
    expect(await errorRules(rss())).toEqual([]);
    expect(await warningRules(rss())).toEqual([]);
  });

  const errors: Array<[string, string]> = [
    ['rss.version.missing', rss({ rssAttrs: '' })],
    ['rss.version.invalid', rss({ rssAttrs: 'version="3.0"' })],
    ['rss.channel.title.missing', rss().replace('<title>Example</title>', '')],
    ['rss.channel.link.missing', rss().replace('<link>https://example.com/</link>', '')],
    ['rss.channel.description.missing', rss().replace('<description>An example feed</description>', '')],
    ['rss.element.duplicate', rss({ channel: '<ttl>60</ttl><ttl>30</ttl>' })],
    ['rss.element.undefined', rss({ channel: '<author>jo@example.com</author>' })],
    ['rss.attribute.unexpected', rss({ item: '<category term="x">x</category>' })],
    ['rss.text.unexpected', rss({ item: 'stray words' })],
    ['rss.item.title-or-description.missing', rss().replace('<title>First</title>', '')],
    ['rss.item.guid.duplicate', rss({ channel: '<item><title>Again</title><guid>https://example.com/first</guid></item>' })],
    ['rss.item.guid.permalink', rss().replace('<guid>https://example.com/first</guid>', '<guid>tag:example.com,2024:1</guid>')],
    ['rss.item.guid.is-permalink', rss().replace('<guid>', '<guid isPermaLink="yes">')],
    ['rss.item.guid.blank', rss().replace('<guid>https://example.com/first</guid>', '<guid></guid>')],
    ['rss.item.pubDate.invalid', rss({ item: '<pubDate>2024-05-01T10:00:00Z</pubDate>' })],
    ['rss.item.pubDate.invalid', rss({ item: '<pubDate>Tue, 01 May 2024 10:00:00 GMT</pubDate>' })],
    ['rss.channel.lastBuildDate.invalid', rss({ channel: '<lastBuildDate>Wed, 31 Feb 2024 10:00:00 GMT</lastBuildDate>' })],
    ['rss.item.link.invalid-uri', rss().replace('<link>https://example.com/first</link>', '<link>/first</link>')],
    ['rss.item.link.uri-char', rss().replace('<link>https://example.com/first</link>', '<link>https://example.com/a b</link>')],
    ['rss.item.enclosure.url-missing', rss({ item: '<enclosure length="10" type="audio/mpeg"/>' })],
    ['rss.item.enclosure.url', rss({ item: '<enclosure url="ftp://example.com/a.mp3" length="10" type="audio/mpeg"/>' })],
    ['rss.item.enclosure.length-missing', rss({ item: '<enclosure url="https://example.com/a.mp3" type="audio/mpeg"/>' })],
    ['rss.item.enclosure.length', rss({ item: '<enclosure url="https://example.com/a.mp3" length="big" type="audio/mpeg"/>' })],
    ['rss.item.enclosure.type-missing', rss({ item: '<enclosure url="https://example.com/a.mp3" length="10"/>' })],
    ['rss.item.enclosure.type', rss({ item: '<enclosure url="https://example.com/a.mp3" length="10" type="mp3"/>' })],
    ['rss.item.author.invalid', rss({ item: '<author>Jo Writer</author>' })],
    ['rss.item.source.url-missing', rss({ item: '<source>Elsewhere</source>' })],
    ['rss.channel.language.language', rss({ channel: '<language>english</language>' })],
    ['rss.channel.ttl.integer', rss({ channel: '<ttl>soon</ttl>' })],
    ['rss.image.width.integer', rss({ channel: '<image><url>https://example.com/a.png</url><title>Example</title><link>https://example.com/</link><width>500</width></image>' })],
    ['rss.image.url.missing', rss({ channel: '<image><title>Example</title><link>https://example.com/</link></image>' })],
    ['rss.channel.cloud.port-missing', rss({ channel: '<cloud domain="example.com" path="/rpc" registerProcedure="ping" protocol="xml-rpc"/>' })],
    ['rss.skipHours.hour.integer', rss({ channel: '<skipHours><hour>25</hour></skipHours>' })],
    ['rss.skipDays.day.invalid', rss({ channel: '<skipDays><day>Someday</day></skipDays>' })],
    ['rss.item.dc-date.invalid', rss({ namespaces: ' xmlns:dc="http://purl.org/dc/elements/1.1/"', item: '<dc:date>May 1st</dc:date>' })],
    ['rss.extension.undefined', rss({ namespaces: ' xmlns:dc="http://purl.org/dc/elements/1.1/"', item: '<dc:author>Jo</dc:author>' })],
    ['rss.channel.atom-link.href-missing', rss({ channel: '<atom:link rel="hub"/>' })],
    ['rss.namespace.invalid', rss({ rssAttrs: 'version="2.0" xmlns="http://example.com/rss"' })],
  ];
  it.each(errors)('reports %s', async (rule, document) => {
    expect(await errorRules(document)).toContain(rule);
  });

  const warnings: Array<[string, string]> = [
    ['rss.item.guid.missing', rss().replace('<guid>https://example.com/first</guid>', '')],
    ['rss.channel.atom-link.self.missing', rss().replace(/<atom:link[^>]*>/, '')],
    ['rss.channel.atom-link.self-mismatch', rss()],
    ['rss.item.pubDate.problematic', rss({ item: '<pubDate>1 May 24 10:00 GMT</pubDate>' })],
    ['rss.item.author.no-name', rss({ item: '<author>jo@example.com</author>' })],
    ['rss.item.enclosure.several', rss({ item: '<enclosure url="https://example.com/a.mp3" length="1" type="audio/mpeg"/><enclosure url="https://example.com/b.mp3" length="1" type="audio/mpeg"/>' })],
    ['xml.namespace.unknown', rss({ namespaces: ' xmlns:x="http://example.com/ns/x"' })],
  ];
  it.each(warnings)('warns %s', async (rule, document) => {
    const url = rule.endsWith('self-mismatch') ? 'https://example.com/other.xml' : undefined;
    expect(await warningRules(document, url ? { url } : undefined)).toContain(rule);
  });
});

describe('RFC 822 dates in the first century', () => {
  it('checks the weekday of year 0050 as written, not as 1950', async () => {
    const { checkRfc822 } = await import('../../src/validate/values/dates.js');
    // 1 January 0050 (proleptic Gregorian) was a Saturday; 1 January 1950 was a Sunday.
    expect(checkRfc822('Sat, 01 Jan 0050 00:00:00 GMT')).toEqual({ kind: 'ok' });
    expect(checkRfc822('Sun, 01 Jan 0050 00:00:00 GMT').kind).toBe('error');
  });
});

describe('RFC 822 comments', () => {
  it('are removed, nested or not, and unbalanced parentheses stay', async () => {
    const { checkRfc822, withoutComments } = await import('../../src/validate/values/dates.js');
    expect(withoutComments('a (b (c) d) e')).toBe('a   e');
    expect(withoutComments('a (b (c) d')).toBe('a (b   d');
    expect(withoutComments('a ) b')).toBe('a ) b');
    expect(checkRfc822('mon, 2 jan 2006 15:04 (a (nested) comment) gmt').kind).toBe('warning');
  });

  // A date parser that strips one level of comments per pass is quadratic here: 300,000 nested parentheses
  // take it hours. One pass returns at once; the test's time-out is the bound, not a measured time.
  it.each([
    ['balanced', `${'('.repeat(150_000)}${')'.repeat(150_000)}`, 'warning'],
    ['unclosed', '('.repeat(300_000), 'error'],
  ])('are stripped in one pass from %s deep nesting', async (_name, hostile, verdict) => {
    const { checkRfc822, withoutComments } = await import('../../src/validate/values/dates.js');
    expect(withoutComments(`Mon, 02 Jan 2006 15:04:05 GMT ${hostile}`).length).toBeLessThanOrEqual(hostile.length + 30);
    expect(checkRfc822(`Mon, 02 Jan 2006 ${hostile} 15:04:05 GMT`).kind).toBe(verdict);
  });
});
