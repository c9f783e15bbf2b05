import { escapeHtml } from '../content/escape-html.js';
import type { FormatUrls } from '../model/feed.js';

/** One row of the index: a feed in its three formats. */
export interface IndexEntry {
  readonly title: string;
  readonly kind: 'site' | 'category' | 'tag';
  readonly count: number;
  readonly urls: FormatUrls;
}

export interface IndexPage {
  readonly title: string;
  readonly description: string;
  readonly language: string;
  readonly opmlUrl: string;
  readonly entries: readonly IndexEntry[];
}

const TYPES = { rss: 'application/rss+xml', atom: 'application/atom+xml', json: 'application/feed+json' } as const;

function links(entry: IndexEntry): string {
  return (['rss', 'atom', 'json'] as const)
    .map((format) => `<link rel="alternate" type="${TYPES[format]}" title="${escapeHtml(`${entry.title} (${format.toUpperCase()})`)}" href="${escapeHtml(entry.urls[format])}">`)
    .join('\n  ');
}

function row(entry: IndexEntry): string {
  const anchors = (['rss', 'atom', 'json'] as const)
    .map((format) => `<a href="${escapeHtml(entry.urls[format])}" type="${TYPES[format]}">${{ rss: 'RSS', atom: 'Atom', json: 'JSON Feed' }[format]}</a>`)
    .join(' · ');
  return `<li><a class="name" href="${escapeHtml(entry.urls.html)}">${escapeHtml(entry.title)}</a> <span class="count">(${entry.count} post${entry.count === 1 ? '' : 's'})</span><br>${anchors}</li>`;
}

function section(heading: string, entries: readonly IndexEntry[]): string {
  return entries.length ? `<h2>${heading}</h2>\n<ul>\n${entries.map(row).join('\n')}\n</ul>` : '';
}

/** The HTML index at `/`: every feed listed, each one announced with an autodiscovery link. */
export function renderIndex(page: IndexPage): string {
  const site = page.entries.filter((entry) => entry.kind === 'site');
  return `<!doctype html>
<html lang="${escapeHtml(page.language)}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(page.title)}: feeds</title>
  ${page.entries.map(links).join('\n  ')}
  <style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#222}h1{margin-bottom:0}li{margin:.4rem 0}.count{color:#666}a{color:#0645ad}</style>
</head>
<body>
<h1>${escapeHtml(page.title)}</h1>
<p>${escapeHtml(page.description)}</p>
<p>Subscribe by pasting a feed address into your feed reader. All feeds as one list: <a href="${escapeHtml(page.opmlUrl)}">OPML</a>.</p>
${section('Everything', site)}
${section('Categories', page.entries.filter((entry) => entry.kind === 'category'))}
${section('Tags', page.entries.filter((entry) => entry.kind === 'tag'))}
</body>
</html>
`;
}
