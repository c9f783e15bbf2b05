import request from 'supertest';
import type { Herald } from '../src/compose.js';

/**
 * Every URL a document links to, as a crawler reads it: HTML and XML `href`/`src`/`url`/`xmlUrl`/`htmlUrl`
 * attributes, XML `<link>`, `<url>`, `<logo>` and `<icon>` text, and JSON Feed's URL members (with the RFC 5005
 * links of Herald's `_rfc5005` extension: current, prev_archive, next_archive). `type`
 * is the document's media type (or a file name, for an exported file).
 */
export function linksIn(body: string, type: string): string[] {
  if (/feed\+json|\.json$/.test(type)) return jsonLinks(JSON.parse(body) as unknown);
  const attributes = [...body.matchAll(/\s(?:href|src|url|xmlUrl|htmlUrl)="([^"]+)"/g)].map((m) => m[1]!);
  const elements = [...body.matchAll(/<(?:link|url|logo|icon)>([^<]+)<\//g)].map((m) => m[1]!);
  return [...attributes, ...elements].map((url) => url.replace(/&amp;/g, '&').replace(/&#x26;/g, '&'));
}

// JSON Feed 1.1's URL members, wherever they are (feed, items, authors, attachments, hubs).
const JSON_URL_KEYS = new Set(['url', 'feed_url', 'home_page_url', 'next_url', 'external_url', 'image', 'banner_image', 'icon', 'favicon', 'avatar']);
const ARCHIVE_KEYS = new Set(['current', 'prev_archive', 'next_archive']);

function jsonLinks(value: unknown, keys: ReadonlySet<string> = JSON_URL_KEYS): string[] {
  if (Array.isArray(value)) return value.flatMap((entry) => jsonLinks(entry));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, member]) => {
    if (typeof member === 'string') return keys.has(key) ? [member] : [];
    return jsonLinks(member, key === '_rfc5005' ? ARCHIVE_KEYS : JSON_URL_KEYS);
  });
}

// What the publisher wrote rather than Herald: links in the posts' bodies and the authors' own URLs, read
// from the site's JSON Feed. Herald cannot serve a page a post links to; it must serve every page it links.
export async function publisherLinks(herald: Herald): Promise<Set<string>> {
  const res = await request(herald.handler).get('/feed.json?limit=100');
  const feed = JSON.parse(res.text) as { items: Array<{ url: string; content_html: string; authors?: Array<{ url?: string }> }> };
  const links = feed.items.flatMap((item) => [
    ...[...item.content_html.matchAll(/\s(?:href|src)="([^"]+)"/g)].map((m) => new URL(m[1]!.replace(/&amp;/g, '&'), item.url).href),
    ...(item.authors ?? []).flatMap((who) => (who.url ? [who.url] : [])),
  ]);
  return new Set(links);
}
