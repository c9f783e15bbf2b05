import { describe, expect, it } from 'vitest';
import { atom, findings, rss } from './documents.js';

const NAMESPACES = {
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  media: 'http://search.yahoo.com/mrss/',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  podcast: 'https://podcastindex.org/namespace/1.0',
  content: 'http://purl.org/rss/1.0/modules/content/',
  slash: 'http://purl.org/rss/1.0/modules/slash/',
  wfw: 'http://wellformedweb.org/CommentAPI/',
  sy: 'http://purl.org/rss/1.0/modules/syndication/',
  thr: 'http://purl.org/syndication/thread/1.0',
  georss: 'http://www.georss.org/georss',
  gml: 'http://www.opengis.net/gml',
  geo: 'http://www.w3.org/2003/01/geo/wgs84_pos#',
  feedburner: 'http://rssnamespace.org/feedburner/ext/1.0',
  sx: 'http://feedsync.org/2007/feedsync',
  fh: 'http://purl.org/syndication/history/1.0',
  access: 'http://www.bloglines.com/about/specs/fac-1.0',
  cf: 'http://www.microsoft.com/schemas/rss/core/2005',
  opensearch: 'http://a9.com/-/spec/opensearch/1.1/',
  xhtml: 'http://www.w3.org/1999/xhtml',
  g: 'http://base.google.com/ns/1.0',
  app: 'http://www.w3.org/2007/app',
  trackback: 'http://madskills.com/public/xml/rss/module/trackback/',
  ev: 'http://purl.org/rss/1.0/modules/event/',
};
const declared = Object.entries(NAMESPACES).map(([prefix, uri]) => ` xmlns:${prefix}="${uri}"`).join('');

type Where = 'item' | 'channel' | 'entry' | 'feed';
const document = (where: Where, markup: string) => {
  if (where === 'item') return rss({ namespaces: declared, item: markup });
  if (where === 'channel') return rss({ namespaces: declared, channel: markup });
  return atom({ namespaces: declared, [where === 'entry' ? 'entry' : 'feed']: markup });
};

// One rule per row: a document that keeps it, and the same place with the rule broken.
const RULES: ReadonlyArray<readonly [rule: string, where: Where, good: string, bad: string]> = [
  // Dublin Core and DCMI terms
  ['rss.item.dc-date.invalid', 'item', '<dc:date>2024-05-01T10:00:00Z</dc:date>', '<dc:date>May 1st</dc:date>'],
  ['rss.item.dc-language.language', 'item', '<dc:language>en-GB</dc:language>', '<dc:language>english</dc:language>'],
  ['rss.item.dc-title.duplicate', 'item', '<dc:title>One</dc:title>', '<dc:title>One</dc:title><dc:title>Two</dc:title>'],
  ['rss.extension.undefined', 'item', '<dc:creator>Jo</dc:creator>', '<dc:author>Jo</dc:author>'],
  ['rss.channel.dc-language.duplicate-semantics', 'channel', '<dc:language>en</dc:language>', '<language>en</language><dc:language>en</dc:language>'],
  ['rss.item.dcterms-modified.invalid', 'item', '<dcterms:modified>2024-05-01</dcterms:modified>', '<dcterms:modified>yesterday</dcterms:modified>'],
  ['rss.item.dcterms-extent.integer', 'item', '<dcterms:extent>12</dcterms:extent>', '<dcterms:extent>twelve</dcterms:extent>'],
  // Media RSS
  ['rss.item.media-content.url-invalid-uri', 'item', '<media:content url="https://example.com/a.png" medium="image"/>', '<media:content url="a.png"/>'],
  ['rss.item.media-content.fileSize-integer', 'item', '<media:content url="https://example.com/a.png" fileSize="120"/>', '<media:content url="https://example.com/a.png" fileSize="0"/>'],
  ['rss.item.media-content.medium-invalid', 'item', '<media:content url="https://example.com/a.mp4" medium="video"/>', '<media:content url="https://example.com/a.mp4" medium="movie"/>'],
  ['rss.item.media-content.type-invalid', 'item', '<media:content url="https://example.com/a.png" type="image/png"/>', '<media:content url="https://example.com/a.png" type="png"/>'],
  ['rss.item.media-content.isDefault-boolean', 'item', '<media:content url="https://example.com/a.png" isDefault="true"/>', '<media:content url="https://example.com/a.png" isDefault="maybe"/>'],
  ['rss.item.media-thumbnail.url-missing', 'item', '<media:thumbnail url="https://example.com/t.png" width="75"/>', '<media:thumbnail width="75"/>'],
  ['rss.item.media-thumbnail.time-npt', 'item', '<media:thumbnail url="https://example.com/t.png" time="0:01:30"/>', '<media:thumbnail url="https://example.com/t.png" time="ninety"/>'],
  ['rss.item.media-title.type-invalid', 'item', '<media:title type="plain">A</media:title>', '<media:title type="rich">A</media:title>'],
  ['rss.item.media-group.alternatives', 'item', '<media:group><media:content url="https://example.com/a.mp3"/><media:content url="https://example.com/a.ogg"/></media:group>', '<media:group><media:content url="https://example.com/a.mp3"/></media:group>'],
  ['rss.item.media-hash.hash', 'item', '<media:hash algo="md5">dfdec888b72151965a34b4b59031290a</media:hash>', '<media:hash algo="md5">dfdec888</media:hash>'],
  ['rss.item.media-rating.rating', 'item', '<media:rating scheme="urn:mpaa">pg</media:rating>', '<media:rating scheme="urn:mpaa">pg-17</media:rating>'],
  ['rss.item.media-restriction.country', 'item', '<media:restriction relationship="allow" type="country">us gb</media:restriction>', '<media:restriction relationship="allow" type="country">us xx</media:restriction>'],
  ['rss.item.media-credit.role', 'item', '<media:credit role="producer">Jo</media:credit>', '<media:credit role="Diva">Jo</media:credit>'],
  ['rss.extension.misplaced', 'channel', '<media:thumbnail url="https://example.com/t.png"/>', '<media:content url="https://example.com/a.png"/>'],
  ['xml.namespace.media-rss', 'item', '', '<m:title xmlns:m="http://search.yahoo.com/mrss">A</m:title>'],
  // iTunes
  ['rss.channel.itunes-explicit.boolean', 'channel', '<itunes:explicit>false</itunes:explicit>', '<itunes:explicit>clean</itunes:explicit>'],
  ['rss.channel.itunes-block.yes-no-clean', 'channel', '<itunes:block>yes</itunes:block>', '<itunes:block>Absolutely</itunes:block>'],
  ['rss.channel.itunes-category.category', 'channel', '<itunes:category text="Arts"><itunes:category text="Books"/></itunes:category>', '<itunes:category text="Pottery"/>'],
  ['rss.itunes-category.itunes-category.category', 'channel', '<itunes:category text="Arts"><itunes:category text="Design"/></itunes:category>', '<itunes:category text="Arts"><itunes:category text="Pottery"/></itunes:category>'],
  ['rss.channel.itunes-category.retired', 'channel', '<itunes:category text="Technology"/>', '<itunes:category text="Travel"/>'],
  ['rss.channel.itunes-owner.email-missing', 'channel', '<itunes:owner><itunes:email>jo@example.com</itunes:email></itunes:owner>', '<itunes:owner><itunes:name>Jo</itunes:name></itunes:owner>'],
  ['rss.itunes-owner.itunes-email.email', 'channel', '<itunes:owner><itunes:email>jo@example.com</itunes:email></itunes:owner>', '<itunes:owner><itunes:email>jo at example</itunes:email></itunes:owner>'],
  ['rss.channel.itunes-image.href-url', 'channel', '<itunes:image href="https://example.com/c.jpg"/>', '<itunes:image href="/c.jpg"/>'],
  ['rss.channel.itunes-subtitle.too-long', 'channel', '<itunes:subtitle>Short</itunes:subtitle>', `<itunes:subtitle>${'x'.repeat(256)}</itunes:subtitle>`],
  ['rss.channel.itunes-type.invalid', 'channel', '<itunes:type>serial</itunes:type>', '<itunes:type>daily</itunes:type>'],
  ['rss.item.itunes-duration.duration', 'item', '<itunes:duration>1:02:03</itunes:duration>', '<itunes:duration>an hour</itunes:duration>'],
  ['rss.item.itunes-episode.integer', 'item', '<itunes:episode>3</itunes:episode>', '<itunes:episode>three</itunes:episode>'],
  ['rss.item.itunes-keywords.keywords', 'item', '<itunes:keywords>salt, pepper</itunes:keywords>', '<itunes:keywords>salt pepper</itunes:keywords>'],
  ['rss.channel.itunes-explicit.missing', 'channel', '<itunes:explicit>false</itunes:explicit>', '<itunes:author>Jo</itunes:author>'],
  ['rss.item.enclosure.itunes-format', 'item', '<itunes:author>Jo</itunes:author><enclosure url="https://example.com/a.mp3" length="1" type="audio/mpeg"/>', '<itunes:author>Jo</itunes:author><enclosure url="https://example.com/a.wmv" length="1" type="video/x-ms-wmv"/>'],
  // Podcasting 2.0
  ['rss.channel.podcast-locked.invalid', 'channel', '<podcast:locked owner="jo@example.com">yes</podcast:locked>', '<podcast:locked>maybe</podcast:locked>'],
  ['rss.channel.podcast-funding.url-missing', 'channel', '<podcast:funding url="https://example.com/give">Support us</podcast:funding>', '<podcast:funding>Support us</podcast:funding>'],
  ['rss.channel.podcast-guid.guid', 'channel', '<podcast:guid>917393e3-1b1e-5cef-ace4-edaa54e1f810</podcast:guid>', '<podcast:guid>my-podcast</podcast:guid>'],
  ['rss.item.podcast-transcript.type-missing', 'item', '<podcast:transcript url="https://example.com/t.vtt" type="text/vtt"/>', '<podcast:transcript url="https://example.com/t.vtt"/>'],
  ['rss.item.podcast-chapters.duplicate', 'item', '<podcast:chapters url="https://example.com/c.json" type="application/json+chapters"/>', '<podcast:chapters url="https://example.com/c.json" type="application/json+chapters"/><podcast:chapters url="https://example.com/d.json" type="application/json+chapters"/>'],
  ['rss.podcast-value.podcast-valueRecipient.split-missing', 'channel', '<podcast:value type="lightning" method="keysend"><podcast:valueRecipient type="node" address="02d5" split="100"/></podcast:value>', '<podcast:value type="lightning" method="keysend"><podcast:valueRecipient type="node" address="02d5"/></podcast:value>'],
  // RSS 1.0 modules and friends
  ['rss.item.slash-comments.integer', 'item', '<slash:comments>4</slash:comments>', '<slash:comments>four</slash:comments>'],
  ['rss.item.wfw-commentRss.invalid-uri', 'item', '<wfw:commentRss>https://example.com/c.xml</wfw:commentRss>', '<wfw:commentRss>comments.xml</wfw:commentRss>'],
  ['rss.channel.sy-updatePeriod.invalid', 'channel', '<sy:updatePeriod>daily</sy:updatePeriod>', '<sy:updatePeriod>fortnightly</sy:updatePeriod>'],
  ['rss.item.content-encoded.duplicate', 'item', '<content:encoded>&lt;p&gt;x&lt;/p&gt;</content:encoded>', '<content:encoded>a</content:encoded><content:encoded>b</content:encoded>'],
  ['rss.item.trackback-ping.invalid-uri', 'item', '<trackback:ping>https://example.com/tb</trackback:ping>', '<trackback:ping>tb</trackback:ping>'],
  ['rss.item.ev-startdate.invalid', 'item', '<ev:startdate>2024-05-01T10:00</ev:startdate>', '<ev:startdate>soon</ev:startdate>'],
  // Threading (RFC 4685)
  ['atom.entry.thr-in-reply-to.ref-missing', 'entry', '<thr:in-reply-to ref="tag:example.com,2024:0"/>', '<thr:in-reply-to href="https://example.com/0"/>'],
  ['atom.entry.thr-total.integer', 'entry', '<thr:total>3</thr:total>', '<thr:total>-3</thr:total>'],
  ['atom.entry.link.thr-updated', 'entry', '<link rel="replies" href="https://example.com/r" thr:count="2" thr:updated="2024-05-01T10:00:00Z"/>', '<link rel="replies" href="https://example.com/r" thr:updated="May 1"/>'],
  ['atom.entry.link.thr-not-replies', 'entry', '<link rel="replies" href="https://example.com/r" thr:count="2"/>', '<link rel="related" href="https://example.com/r" thr:count="2"/>'],
  // GeoRSS and W3C Basic Geo
  ['rss.item.georss-point.coordinates', 'item', '<georss:point>45.256 -71.92</georss:point>', '<georss:point>north</georss:point>'],
  ['rss.item.georss-point.coordinate-comma', 'item', '<georss:point>45.256 -71.92</georss:point>', '<georss:point>45.256,-71.92</georss:point>'],
  ['rss.extension.undefined', 'item', '<georss:where><gml:Point><gml:pos>45.2 -71.9</gml:pos></gml:Point></georss:where>', '<georss:where><gml:Point><gml:position>45.2 -71.9</gml:position></gml:Point></georss:where>'],
  ['rss.item.geo-lat.latitude', 'item', '<geo:lat>45.2</geo:lat>', '<geo:lat>95</geo:lat>'],
  ['rss.item.geo-Point.long-missing', 'item', '<geo:Point><geo:lat>45</geo:lat><geo:long>7</geo:long></geo:Point>', '<geo:Point><geo:lat>45</geo:lat></geo:Point>'],
  // FeedBurner, FeedSync, history, access, Simple List, OpenSearch, XHTML, Google Base, APP
  ['rss.item.feedburner-origLink.invalid-uri', 'item', '<feedburner:origLink>https://example.com/1</feedburner:origLink>', '<feedburner:origLink>/1</feedburner:origLink>'],
  ['atom.feed.feedburner-feedburnerHostname.duplicate', 'feed', '<feedburner:feedburnerHostname>https://feeds.example.com</feedburner:feedburnerHostname>', '<feedburner:feedburnerHostname>https://a.example.com</feedburner:feedburnerHostname><feedburner:feedburnerHostname>https://b.example.com</feedburner:feedburnerHostname>'],
  ['atom.entry.sx-sync.history-missing', 'entry', '<sx:sync id="item1" updates="1"><sx:history sequence="1" by="jo" when="2024-05-01T10:00:00Z"/></sx:sync>', '<sx:sync id="item1" updates="1"/>'],
  ['atom.entry.sx-sync.updates-overflow', 'entry', '<sx:sync id="item1" updates="2147483647"><sx:history sequence="1" by="jo" when="2024-05-01T10:00:00Z"/></sx:sync>', '<sx:sync id="item1" updates="2147483648"><sx:history sequence="1" by="jo" when="2024-05-01T10:00:00Z"/></sx:sync>'],
  ['atom.sx-sync.sx-history.by-and-when-missing', 'entry', '<sx:sync id="item1" updates="1"><sx:history sequence="1" by="jo"/></sx:sync>', '<sx:sync id="item1" updates="1"><sx:history sequence="1"/></sx:sync>'],
  ['atom.feed.sx-sharing.since-after-until', 'feed', '<sx:sharing since="2024-01-01T00:00:00Z" until="2024-02-01T00:00:00Z"/>', '<sx:sharing since="2024-03-01T00:00:00Z" until="2024-02-01T00:00:00Z"/>'],
  ['atom.sx-sharing.sx-related.type-invalid', 'feed', '<sx:sharing><sx:related link="https://example.com/all.xml" type="complete"/></sx:sharing>', '<sx:sharing><sx:related link="https://example.com/all.xml" type="Complete"/></sx:sharing>'],
  ['atom.feed.fh-complete.paged', 'feed', '<fh:complete/>', '<fh:complete/><link rel="next" href="https://example.com/2"/>'],
  ['atom.feed.fh-archive.current-missing', 'feed', '<fh:archive/><link rel="current" href="https://example.com/atom.xml"/><link rel="prev-archive" href="https://example.com/1"/>', '<fh:archive/><link rel="prev-archive" href="https://example.com/1"/>'],
  ['atom.entry.link.paging-in-entry', 'entry', '<link rel="related" href="https://example.com/r"/>', '<link rel="next" href="https://example.com/2"/>'],
  ['atom.feed.access-restriction.relationship-missing', 'feed', '<access:restriction relationship="deny"/>', '<access:restriction/>'],
  ['rss.channel.cf-treatAs.duplicate', 'channel', '<cf:treatAs>list</cf:treatAs>', '<cf:treatAs>list</cf:treatAs><cf:treatAs>list</cf:treatAs>'],
  ['rss.channel.opensearch-totalResults.integer', 'channel', '<opensearch:totalResults>40</opensearch:totalResults>', '<opensearch:totalResults>many</opensearch:totalResults>'],
  ['rss.channel.opensearch-Query.role-missing', 'channel', '<opensearch:Query role="request" searchTerms="cat"/>', '<opensearch:Query searchTerms="cat"/>'],
  ['rss.channel.xhtml-meta.content-invalid', 'channel', '<xhtml:meta name="robots" content="noindex"/>', '<xhtml:meta name="robots" content="hide"/>'],
  ['rss.item.g-price.number-unit', 'item', '<g:price>12.50 usd</g:price>', '<g:price>twelve</g:price>'],
  ['rss.item.g-label.too-many', 'item', '<g:label>a</g:label>'.repeat(10), '<g:label>a</g:label>'.repeat(11)],
  ['atom.entry.app-edited.invalid', 'entry', '<app:edited>2024-05-01T10:00:00Z</app:edited>', '<app:edited>2024-05-01</app:edited>'],
  ['atom.app-control.app-draft.yes-no', 'entry', '<app:control><app:draft>yes</app:draft></app:control>', '<app:control><app:draft>true</app:draft></app:control>'],
];

describe('extension vocabularies, rule by rule', () => {
  it.each(RULES)('%s: the good document keeps it, the bad one breaks it', async (rule, where, good, bad) => {
    const kept = await findings(document(where, good));
    expect(kept.filter((f) => f.severity === 'error')).toEqual([]);
    expect(kept.map((f) => f.rule)).not.toContain(rule);
    expect((await findings(document(where, bad))).map((f) => f.rule)).toContain(rule);
  });
});
