import { LINK_RELATIONS, type Feed, type FeedItem } from '../model/feed.js';
import type { Author } from '../model/post.js';
import { byline } from './byline.js';
import { rfc822 } from './dates.js';
import { wholeRenderer, type DocumentParts } from './sliced.js';
import { cdata, element, empty, line, open, parent } from './xml.js';

// RFC 5005 §4: fh:archive marks an archive document.
export const FEED_HISTORY = 'http://purl.org/syndication/history/1.0';

const NAMESPACES = {
  version: '2.0',
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  'xmlns:media': 'http://search.yahoo.com/mrss/',
  'xmlns:sy': 'http://purl.org/rss/1.0/modules/syndication/',
};

// RSS 2.0 <author> must be an e-mail address ("email (Name)"); rsstail shows only it. SimplePie reads it
// as an address with no name, so an atom:author beside it names the person (the W3C validator accepts
// both, but warns at <author> with dc:creator). Without an address, Dublin Core's dc:creator. Several
// authors go as one dc:creator naming them all: readers show one author element, each a different one.
function author(person: Author | undefined): string[] {
  if (!person) return [];
  if (!person.email) return [element('dc:creator', person.name)];
  return [
    element('author', `${person.email} (${person.name})`),
    `<atom:author>${element('atom:name', person.name)}${element('atom:email', person.email)}${person.uri ? element('atom:uri', person.uri) : ''}</atom:author>`,
  ];
}

// RFC 5005 paging and archive links and WebSub links, carried in RSS as atom:link.
function atomLinks(feed: Feed): string[] {
  const links = [empty('atom:link', { href: feed.self.rss, rel: 'self', type: 'application/rss+xml' })];
  for (const hub of feed.hubs) links.push(empty('atom:link', { href: hub, rel: 'hub' }));
  for (const [key, rel] of LINK_RELATIONS) {
    const urls = feed.links[key];
    if (urls) links.push(empty('atom:link', { href: urls.rss, rel, type: 'application/rss+xml' }));
  }
  return links;
}

// RSS 2.0 <image>: the logo (wide, as RSS images are), else the icon; its title and link are the channel's.
function channelImage(feed: Feed): string[] {
  const url = feed.logo ?? feed.icon;
  if (!url) return [];
  return [`<image>${element('url', url)}${element('title', feed.title)}${element('link', feed.homePageUrl)}</image>`];
}

function image(item: FeedItem): string[] {
  const picture = item.image;
  if (!picture) return [];
  const out: string[] = [];
  // RSS 2.0 enclosure: url, length and type are all required; 0 is the RSS Board's "length unknown".
  if (picture.mimeType) out.push(empty('enclosure', { url: picture.url, length: picture.length ?? 0, type: picture.mimeType }));
  out.push(
    empty('media:content', { url: picture.url, medium: 'image', type: picture.mimeType, fileSize: picture.length }),
    empty('media:thumbnail', { url: picture.url }),
  );
  return out;
}

function item(entry: FeedItem): string {
  return parent(
    'item',
    [
      element('title', entry.title),
      element('link', entry.url),
      element('guid', entry.id, { isPermaLink: entry.idIsPermalink ? 'true' : 'false' }),
      element('pubDate', rfc822(entry.published)),
      ...author(byline(entry.authors)),
      // Plain <category> text: a domain attribute turns categories into objects in common parsers.
      ...[...entry.categories, ...entry.tags].map((term) => element('category', term.name)),
      ...(entry.summaryHtml ? [element('description', entry.summaryHtml)] : []),
      // No empty content:encoded: newsboat and others show it over the description.
      ...(entry.contentHtml ? [`<content:encoded>${cdata(entry.contentHtml)}</content:encoded>`] : []),
      ...image(entry),
    ],
    {},
    '    ',
  );
}

/** RSS 2.0 document of the feed in parts: the channel up to its items, each item, the closing tags. */
export function rssParts(feed: Feed): DocumentParts {
  const channel = [
    element('title', feed.title),
    element('link', feed.homePageUrl),
    element('description', feed.description),
    ...(feed.language ? [element('language', feed.language)] : []),
    element('generator', feed.generator),
    element('lastBuildDate', rfc822(feed.updated)),
    ...channelImage(feed),
    // RSS 2.0 ttl and the RSS 1.0 Syndication module: how often to poll (WebSub is for speed).
    element('ttl', String(feed.polling.ttlMinutes)),
    element('sy:updatePeriod', feed.polling.period),
    element('sy:updateFrequency', String(feed.polling.frequency)),
    ...atomLinks(feed),
    ...(feed.place.kind === 'archive' ? ['<fh:archive/>'] : []),
  ];
  const namespaces = feed.place.kind === 'archive' ? { ...NAMESPACES, 'xmlns:fh': FEED_HISTORY } : NAMESPACES;
  return {
    head: `<?xml version="1.0" encoding="utf-8"?>\n${open('rss', namespaces)}  ${open('channel')}${channel.map((child) => line(child, '  ')).join('')}`,
    item: (entry) => line(item(entry), '  '),
    tail: '  </channel>\n</rss>\n',
  };
}

/** RSS 2.0 document of the feed, with content, Dublin Core, Atom and Media RSS extensions. */
export const renderRss = wholeRenderer(rssParts);
