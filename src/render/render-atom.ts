import { escapeHtml } from '../content/escape-html.js';
import { LINK_RELATIONS, type Feed, type FeedItem } from '../model/feed.js';
import { FEED_HISTORY } from './render-rss.js';
import type { Author } from '../model/post.js';
import { rfc3339 } from './dates.js';
import { element, empty, parent } from './xml.js';

// RFC 4287 §3.1 text construct. Plain text that holds markup-like text (`<b>` in a title) goes as
// escaped type="html": readers show the same characters, and none takes them for undeclared HTML.
function text(name: string, value: string): string {
  return value.includes('<') ? element(name, escapeHtml(value), { type: 'html' }) : element(name, value, { type: 'text' });
}

// RFC 4287 §3.2 Person construct.
function person(who: Author, indent: string): string {
  return parent(
    'author',
    [element('name', who.name), ...(who.email ? [element('email', who.email)] : []), ...(who.uri ? [element('uri', who.uri)] : [])],
    {},
    indent,
  );
}

function feedLinks(feed: Feed): string[] {
  const links = [
    empty('link', { rel: 'alternate', type: 'text/html', href: feed.homePageUrl }),
    empty('link', { rel: 'self', type: 'application/atom+xml', href: feed.self.atom }),
  ];
  for (const hub of feed.hubs) links.push(empty('link', { rel: 'hub', href: hub }));
  for (const [key, rel] of LINK_RELATIONS) {
    const urls = feed.links[key];
    if (urls) links.push(empty('link', { rel, type: 'application/atom+xml', href: urls.atom }));
  }
  return links;
}

// RFC 4287 §4.2.7.2 rel="enclosure" when the byte length is known (§4.2.7.6: a length is a hint, so none
// is better than a false one); Media RSS for every image, which Atom readers read as well.
function imageLinks(item: FeedItem): string[] {
  const picture = item.image;
  if (!picture) return [];
  return [
    ...(picture.length !== undefined ? [empty('link', { rel: 'enclosure', type: picture.mimeType, length: picture.length, href: picture.url })] : []),
    empty('media:content', { url: picture.url, medium: 'image', type: picture.mimeType, fileSize: picture.length }),
    empty('media:thumbnail', { url: picture.url }),
  ];
}

function entry(item: FeedItem, categoryScheme: string, tagScheme: string): string {
  return parent(
    'entry',
    [
      element('id', item.id),
      text('title', item.title),
      empty('link', { rel: 'alternate', type: 'text/html', href: item.url }),
      ...imageLinks(item),
      element('published', rfc3339(item.published)),
      element('updated', rfc3339(item.updated)),
      ...item.authors.map((who) => person(who, '    ')),
      ...item.categories.map((term) => empty('category', { term: term.slug, label: term.name, scheme: categoryScheme })),
      ...item.tags.map((term) => empty('category', { term: term.slug, label: term.name, scheme: tagScheme })),
      ...(item.summary ? [text('summary', item.summary)] : []),
      // §4.1.1.1: an entry with an alternate link may go without content; an empty one says nothing.
      ...(item.contentHtml ? [element('content', item.contentHtml, { type: 'html' })] : []),
    ],
    item.language ? { 'xml:lang': item.language } : {},
    '  ',
  );
}

/** Atom 1.0 (RFC 4287) document of the feed; categories carry the slug as term and the name as label. */
export function renderAtom(feed: Feed): string {
  const body = parent(
    'feed',
    [
      element('id', feed.id),
      text('title', feed.title),
      text('subtitle', feed.description),
      ...feedLinks(feed),
      ...(feed.archive ? ['<fh:archive/>'] : []),
      element('updated', rfc3339(feed.updated)),
      ...feed.authors.map((who) => person(who, '  ')),
      element('generator', feed.generator),
      ...feed.items.map((item) => entry(item, feed.schemes.category, feed.schemes.tag)),
    ],
    {
      xmlns: 'http://www.w3.org/2005/Atom',
      'xmlns:media': 'http://search.yahoo.com/mrss/',
      ...(feed.archive ? { 'xmlns:fh': FEED_HISTORY } : {}),
      ...(feed.language ? { 'xml:lang': feed.language } : {}),
    },
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n${body}\n`;
}
