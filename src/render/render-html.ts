import { escapeHtml } from '../content/escape-html.js';
import type { Feed, FeedItem } from '../model/feed.js';
import { rfc3339 } from './dates.js';

const TYPES = { rss: 'application/rss+xml', atom: 'application/atom+xml', json: 'application/feed+json' } as const;
const NAMES = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' } as const;

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

/** A page for people: what the feed carries, with links to subscribe in each format and to page on. */
export function renderHtml(feed: Feed): string {
  const subscribe = (['rss', 'atom', 'json'] as const)
    .map((format) => `<a href="${escapeHtml(feed.self[format])}" type="${TYPES[format]}">${NAMES[format]}</a>`)
    .join(' · ');
  const paging = [
    feed.links.previous ? `<a rel="prev" href="${escapeHtml(feed.links.previous.html)}">Newer posts</a>` : '',
    feed.links.next ? `<a rel="next" href="${escapeHtml(feed.links.next.html)}">Older posts</a>` : '',
    feed.links.nextArchive ? `<a href="${escapeHtml(feed.links.nextArchive.html)}">Newer archive</a>` : '',
    feed.links.prevArchive ? `<a href="${escapeHtml(feed.links.prevArchive.html)}">Older archive</a>` : '',
    feed.links.current ? `<a href="${escapeHtml(feed.links.current.html)}">Latest posts</a>` : '',
  ].filter(Boolean);
  const alternates = (['rss', 'atom', 'json'] as const)
    .map((format) => `<link rel="alternate" type="${TYPES[format]}" title="${escapeHtml(`${feed.title} (${NAMES[format]})`)}" href="${escapeHtml(feed.self[format])}">`)
    .join('\n  ');
  return `<!doctype html>
<html${feed.language ? ` lang="${escapeHtml(feed.language)}"` : ''}>
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(feed.title)}</title>
  ${alternates}
  <style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#222}article{border-top:1px solid #ddd;padding:1rem 0}article img{max-width:100%;height:auto;border-radius:4px}h2{margin:.3rem 0;font-size:1.25rem}.meta{color:#666;font-size:.9rem;margin:0}.term{background:#eef;border-radius:3px;padding:0 .3rem}.subscribe{background:#f6f6f6;padding:.6rem 1rem;border-radius:6px}a{color:#0645ad}nav a{margin-right:1rem}</style>
</head>
<body>
<p><a href="${escapeHtml(feed.homePageUrl)}">${escapeHtml(feed.homePageUrl)}</a></p>
<h1>${escapeHtml(feed.title)}</h1>
<p>${escapeHtml(feed.description)}</p>
<p class="subscribe">This is a feed. Subscribe by copying an address into your feed reader: ${subscribe}</p>
${feed.items.map(item).join('\n') || '<p>No posts yet.</p>'}
${paging.length ? `<nav>${paging.join(' ')}</nav>` : ''}
</body>
</html>
`;
}
