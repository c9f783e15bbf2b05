import { describe, expect, it } from 'vitest';
import { findings } from './documents.js';

/** A valid RSS 1.1 feed; `channel` and `item` are spliced into the Channel and its one item. */
function rss11({ channel = '', item = '', about = ' rdf:about="https://example.com/feed.rss"', ns = 'http://purl.org/net/rss1.1#' } = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Channel xmlns="${ns}" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:foaf="http://xmlns.com/foaf/0.1/"${about}>
  <title>Example</title>
  <link>https://example.com/</link>
  <description>An example feed</description>
  ${channel}
  <items rdf:parseType="Collection">
    <item rdf:about="https://example.com/1">
      <title>First</title>
      <link>https://example.com/1</link>
      ${item}
    </item>
  </items>
</Channel>
`;
}

/** A valid RSS 1.0 feed; `item` is spliced into its one item, `li` replaces the rdf:li attributes. */
function rss10({ item = '', li = 'rdf:resource="https://example.com/1"' } = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel rdf:about="https://example.com/feed.rdf">
    <title>Example</title>
    <link>https://example.com/</link>
    <description>An example feed</description>
    <items><rdf:Seq><rdf:li ${li}/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://example.com/1">
    <title>First</title>
    <link>https://example.com/1</link>
    ${item}
  </item>
</rdf:RDF>
`;
}

const person = (inside: string) => `<dc:creator><foaf:Person${inside}</foaf:Person></dc:creator>`;

// One rule per row: a document that keeps it, and one that breaks it.
const RULES: ReadonlyArray<readonly [rule: string, good: string, bad: string]> = [
  ['rss.namespace.invalid', rss11(), rss11({ ns: 'http://purl.org/net/rss1.0#' })],
  ['rss.Channel.about-missing', rss11(), rss11({ about: '' })],
  ['rss.Channel.items.missing', rss11(), rss11().replace(/<items[\s\S]*<\/items>/, '')],
  ['rss.items.item.about-duplicate', rss11(), rss11().replace('rdf:about="https://example.com/1"', 'rdf:about="https://example.com/feed.rss"')],
  ['rss.items.parse-type', rss11(), rss11().replace(' rdf:parseType="Collection"', '')],
  ['rss.image.parse-type', rss11({ channel: '<image rdf:parseType="Resource"><title>Example</title><url>https://example.com/logo.png</url></image>' }), rss11({ channel: '<image><title>Example</title><url>https://example.com/logo.png</url></image>' })],
  ['rss.image.title.mismatch', rss11({ channel: '<image rdf:parseType="Resource"><title>Example</title><url>https://example.com/logo.png</url></image>' }), rss11({ channel: '<image rdf:parseType="Resource"><title>Logo</title><url>https://example.com/logo.png</url></image>' })],
  ['rss.rdf.invalid', rss11({ item: person('><foaf:name>Jo</foaf:name>') }), rss11({ item: '<dc:creator>Jo <foaf:surname>Writer</foaf:surname></dc:creator>' })],
  ['rss.rdf.invalid', rss11({ item: person('><foaf:name>Jo</foaf:name>') }), rss11({ item: '<dc:creator><foaf:Person rdf:resource="https://example.com/jo"/></dc:creator>' })],
  ['rss.element.undefined', rss11({ item: person('><foaf:name>Jo</foaf:name>') }), rss11({ item: person('><foaf:name>Jo</foaf:name><description>Nice</description>') })],
  ['rss.attribute.unexpected', rss10(), rss10({ li: 'rdf:resources="https://example.com/1"' })],
  ['rss.rdf.invalid', rss10({ item: '<description>&lt;p&gt;Hi&lt;/p&gt;</description>' }), rss10({ item: '<description><p>Hi</p></description>' })],
];

describe('RSS 1.1 and RSS 1.0 as RDF', () => {
  it.each(RULES)('%s: the good document keeps it, the bad one breaks it', async (rule, good, bad) => {
    const kept = await findings(good);
    expect(kept.filter((f) => f.severity === 'error')).toEqual([]);
    expect(kept.map((f) => f.rule)).not.toContain(rule);
    expect((await findings(bad)).map((f) => f.rule)).toContain(rule);
  });

  it('reads the RSS 1.0 specification\'s own unprefixed resource on rdf:li', async () => {
    expect((await findings(rss10({ li: 'resource="https://example.com/1"' }))).filter((f) => f.severity === 'error')).toEqual([]);
  });
});
