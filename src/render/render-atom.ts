import { escapeHtml } from '../content/escape-html.js';
import { LINK_RELATIONS, type Feed, type FeedItem } from '../model/feed.js';
import { FEED_HISTORY } from './render-rss.js';
import type { Author } from '../model/post.js';
import { rfc3339 } from './dates.js';
import { wholeRenderer, type DocumentParts } from './sliced.js';
import { element, empty, line, open, parent } from './xml.js';

const HTML_ELEMENTS = new Set(
  ('a abbr acronym address area article aside audio b base bdi bdo big blockquote body br button canvas caption center cite code col ' +
    'colgroup data datalist dd del details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame frameset ' +
    'h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend li link main map mark menu meta meter nav noframes ' +
    'noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp script section select small source span ' +
    'strike strong style sub summary sup table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr').split(' '),
);

// What validators take for undeclared HTML in plain text: an HTML end tag, or a character reference.
function readsAsHtml(value: string): boolean {
  if (/&(#|[a-z][a-z0-9]*;)/i.test(value)) return true;
  return [...value.matchAll(/<\/(\w+)\s*>/g)].some((match) => HTML_ELEMENTS.has(match[1]!.toLowerCase()));
}

// RFC 4287 §3.1.1.1 text construct of type="text": plain text, escaped once, shown as written by every
// reader (as type="html", gofeed, sfeed, rsstail and rss-parser show `<small>` as `&lt;small&gt;`).
// Only text that reads as HTML (`</b>`, `&amp;`) goes as escaped type="html", which validators accept.
function text(name: string, value: string): string {
  return readsAsHtml(value) ? element(name, escapeHtml(value), { type: 'html' }) : element(name, value, { type: 'text' });
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

// RFC 4287 §4.2.7.2 rel="enclosure" for every image of a known type: sfeed and gofeed read only it. The
// length SHOULD be given; when the file is not in the static folder it is unknown, and 0 says so, as the
// RSS Board's profile has it for RSS (feedparser-based checkers flag a missing one). Media RSS for every
// image, which other Atom readers read instead.
function imageLinks(item: FeedItem): string[] {
  const picture = item.image;
  if (!picture) return [];
  return [
    ...(picture.mimeType ? [empty('link', { rel: 'enclosure', type: picture.mimeType, length: picture.length ?? 0, href: picture.url })] : []),
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
      // §4.2.2: the name is the term, since most readers show the term and ignore the label.
      ...item.categories.map((term) => empty('category', { term: term.name, scheme: categoryScheme })),
      ...item.tags.map((term) => empty('category', { term: term.name, scheme: tagScheme })),
      // type="html", not "text": rss2email in text mode mails the first text/plain body it finds, and
      // would mail the summary instead of the article in <content>.
      ...(item.summaryHtml ? [element('summary', item.summaryHtml, { type: 'html' })] : []),
      // §4.1.1.1: an entry with an alternate link may go without content; an empty one says nothing.
      ...(item.contentHtml ? [element('content', item.contentHtml, { type: 'html' })] : []),
    ],
    item.language ? { 'xml:lang': item.language } : {},
    '  ',
  );
}

/** Atom 1.0 (RFC 4287) document of the feed in parts: the feed's metadata, each entry, the closing tag. */
export function atomParts(feed: Feed): DocumentParts {
  const metadata = [
    element('id', feed.id),
    text('title', feed.title),
    text('subtitle', feed.description),
    ...feedLinks(feed),
    ...(feed.place.kind === 'archive' ? ['<fh:archive/>'] : []),
    element('updated', rfc3339(feed.updated)),
    ...feed.authors.map((who) => person(who, '  ')),
    element('generator', feed.generator),
    // RFC 4287 §4.2.5 icon (square) and §4.2.8 logo (wide).
    ...(feed.icon ? [element('icon', feed.icon)] : []),
    ...(feed.logo ? [element('logo', feed.logo)] : []),
  ];
  const namespaces = {
    xmlns: 'http://www.w3.org/2005/Atom',
    'xmlns:media': 'http://search.yahoo.com/mrss/',
    ...(feed.place.kind === 'archive' ? { 'xmlns:fh': FEED_HISTORY } : {}),
    ...(feed.language ? { 'xml:lang': feed.language } : {}),
  };
  return {
    head: `<?xml version="1.0" encoding="utf-8"?>\n${open('feed', namespaces)}${metadata.map((child) => line(child)).join('')}`,
    item: (item) => line(entry(item, feed.schemes.category, feed.schemes.tag)),
    tail: '</feed>\n',
  };
}

/** Atom 1.0 (RFC 4287) document of the feed; categories carry the name as term, and their taxonomy as scheme. */
export const renderAtom = wholeRenderer(atomParts);
