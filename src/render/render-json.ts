import type { Feed, FeedItem } from '../model/feed.js';
import type { Author } from '../model/post.js';
import { byline } from './byline.js';
import { rfc3339 } from './dates.js';
import { wholeRenderer, type DocumentParts } from './sliced.js';

// JSON Feed 1.1 author: name and url (a web page of the author's); it has no field for e-mail.
function author(who: Author): Record<string, string> {
  return who.uri ? { name: who.name, url: who.uri } : { name: who.name };
}

function item(entry: FeedItem): Record<string, unknown> {
  const tags = [...new Set([...entry.categories, ...entry.tags].map((term) => term.name))];
  return {
    id: entry.id,
    url: entry.url,
    title: entry.title,
    // JSON Feed 1.1: content_html or content_text is required; an item without content carries its summary.
    content_html: entry.contentHtml || entry.summaryHtml,
    ...(entry.summary ? { summary: entry.summary } : {}),
    ...(entry.language ? { language: entry.language } : {}),
    ...(entry.image ? { image: entry.image.url } : {}),
    date_published: rfc3339(entry.published),
    date_modified: rfc3339(entry.updated),
    // JSON Feed 1.1 authors, and the 1.0 author beside it for 1.0 readers (gofeed's Author): one person,
    // so several authors go as one name.
    authors: entry.authors.map(author),
    ...(entry.authors[0] ? { author: author(byline(entry.authors)!) } : {}),
    ...(tags.length ? { tags } : {}),
  };
}

// RFC 5005 §4 archives have no JSON Feed field: a custom object (JSON Feed 1.1 "Extensions") carries them.
function archives(feed: Feed): Record<string, unknown> {
  const { current, prevArchive, nextArchive } = feed.links;
  if (feed.place.kind !== 'archive' && !prevArchive) return {};
  return {
    _rfc5005: {
      about: 'https://www.rfc-editor.org/rfc/rfc5005#section-4',
      ...(feed.place.kind === 'archive' ? { archive: true } : {}),
      ...(current ? { current: current.json } : {}),
      ...(prevArchive ? { prev_archive: prevArchive.json } : {}),
      ...(nextArchive ? { next_archive: nextArchive.json } : {}),
    },
  };
}

// One item as JSON.stringify(document, null, 2) writes it inside `items`: indented two levels. Line
// breaks in the output are only its own (a line break in a string is written `\n`).
function itemText(entry: FeedItem, index: number): string {
  return `${index ? ',\n' : ''}    ${JSON.stringify(item(entry), null, 2).replace(/\n/g, '\n    ')}`;
}

/**
 * JSON Feed 1.1 document of the feed in parts: the top-level fields up to `"items": [`, each item
 * stringified on its own, the closing brackets; joined, the bytes of the whole document stringified at once.
 */
export function jsonParts(feed: Feed): DocumentParts {
  const document = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homePageUrl,
    feed_url: feed.self.json,
    description: feed.description,
    // JSON Feed 1.1 icon (large, square) and favicon (small, square): the site's square icon for both.
    ...(feed.icon ? { icon: feed.icon, favicon: feed.icon } : {}),
    ...(feed.language ? { language: feed.language } : {}),
    authors: feed.authors.map(author),
    ...(feed.authors[0] ? { author: author(feed.authors[0]) } : {}),
    ...(feed.hubs.length ? { hubs: feed.hubs.map((url) => ({ type: 'WebSub', url })) } : {}),
    ...(feed.links.next ? { next_url: feed.links.next.json } : {}),
    ...archives(feed),
  };
  // The fields without their closing `\n}`, then `items` as the last field.
  const fields = JSON.stringify(document, null, 2).slice(0, -2);
  if (!feed.items.length) return { head: `${fields},\n  "items": []\n}\n`, item: itemText, tail: '' };
  return { head: `${fields},\n  "items": [\n`, item: itemText, tail: '\n  ]\n}\n' };
}

/** JSON Feed 1.1 document of the feed; categories and tags both become `tags`. */
export const renderJson = wholeRenderer(jsonParts);
