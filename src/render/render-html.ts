import { escapeHtml } from '../content/escape-html.js';
import type { Feed, FeedItem } from '../model/feed.js';
import { rfc3339 } from './dates.js';
import { formatLinks, PAGE_END, pageStart, siteMark } from './page.js';
import { joinParts, type DocumentParts } from './sliced.js';

function item(entry: FeedItem): string {
  const picture = entry.image ? `<img src="${escapeHtml(entry.image.url)}" alt="${escapeHtml(entry.image.alt ?? '')}" loading="lazy">` : '';
  const terms = [...entry.categories, ...entry.tags].map((term) => `<span class="term">${escapeHtml(term.name)}</span>`).join(' ');
  const day = rfc3339(entry.published).slice(0, 10);
  return `<article>
${picture}<h2><a href="${escapeHtml(entry.url)}">${escapeHtml(entry.title)}</a></h2>
<p class="meta"><time datetime="${rfc3339(entry.published)}">${day}</time> · ${entry.authors.map((who) => escapeHtml(who.name)).join(', ')}${terms ? ` · ${terms}` : ''}</p>
<p>${escapeHtml(entry.summary)}</p>
</article>`;
}

// What this document is, and where to subscribe: a page or an archive sends people to the live feed,
// which is the one that changes (an archive never does; RFC 5005 §4).
function notice(feed: Feed): string {
  const place = feed.place;
  if (place.kind === 'live') return `<p class="subscribe">This is a feed. Subscribe by copying an address into your feed reader: ${formatLinks(feed.live)}</p>`;
  const what =
    place.kind === 'archive'
      ? `Archive ${place.number} of ${place.of} of this feed: older posts, kept as they are.`
      : `Page ${place.number} of ${place.of} of this feed.`;
  return `<p class="notice">${what} To follow new posts, subscribe to the <a href="${escapeHtml(feed.live.html)}">live feed</a>, not to this page: ${formatLinks(feed.live)}</p>`;
}

function paging(feed: Feed): string {
  const links = [
    feed.links.previous ? `<a rel="prev" href="${escapeHtml(feed.links.previous.html)}">Newer posts</a>` : '',
    feed.links.next ? `<a rel="next" href="${escapeHtml(feed.links.next.html)}">Older posts</a>` : '',
    feed.links.nextArchive ? `<a href="${escapeHtml(feed.links.nextArchive.html)}">Newer archive</a>` : '',
    feed.links.prevArchive ? `<a href="${escapeHtml(feed.links.prevArchive.html)}">Older archive</a>` : '',
    feed.links.current ? `<a href="${escapeHtml(feed.links.current.html)}">Latest posts</a>` : '',
  ].filter(Boolean);
  return links.length ? `<nav>${links.join(' ')}</nav>` : '';
}

function heading(feed: Feed): string {
  const place = feed.place;
  if (place.kind === 'live') return feed.title;
  return `${feed.title} (${place.kind === 'archive' ? 'archive' : 'page'} ${place.number} of ${place.of})`;
}

/**
 * A page for people: what the feed document carries, what it is (the live feed, a page, an archive),
 * how to subscribe, and links to page on. Its head announces the live feed, never a page or an archive.
 */
export function renderHtml(feed: Feed): string {
  return joinParts(htmlParts(feed), feed.items);
}

/** The page of `renderHtml` in parts: everything before the articles, each article, everything after. */
export function htmlParts(feed: Feed): DocumentParts {
  const frame = { language: feed.language, title: heading(feed), icon: feed.icon, logo: feed.logo, feed: { title: feed.title, urls: feed.live } };
  const head = `${pageStart(frame)}<p>${siteMark(frame)}<a href="${escapeHtml(feed.homePageUrl)}">${escapeHtml(feed.homePageUrl)}</a></p>
<h1>${escapeHtml(heading(feed))}</h1>
<p>${escapeHtml(feed.description)}</p>
${notice(feed)}
${feed.items.length ? '' : '<p>No posts yet.</p>'}`;
  const nav = paging(feed);
  return { head, item: (entry, index) => `${index ? '\n' : ''}${item(entry)}`, tail: `${nav ? `\n${nav}` : ''}${PAGE_END}` };
}
