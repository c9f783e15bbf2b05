import type { TermKind } from '../address/address.js';
import { escapeHtml } from '../content/escape-html.js';
import type { FormatUrls } from '../model/feed.js';
import { formatLinks, htmlPage, siteMark } from './page.js';

/** One row of the index: a feed in its three formats. */
export interface IndexEntry {
  readonly title: string;
  readonly kind: 'site' | TermKind;
  readonly count: number;
  readonly urls: FormatUrls;
}

export interface IndexPage {
  readonly title: string;
  readonly description: string;
  readonly language: string;
  readonly opmlUrl: string;
  readonly icon?: string;
  readonly logo?: string;
  readonly entries: readonly IndexEntry[];
}

function row(entry: IndexEntry): string {
  return `<li><a class="name" href="${escapeHtml(entry.urls.html)}">${escapeHtml(entry.title)}</a> <span class="count">(${entry.count} post${entry.count === 1 ? '' : 's'})</span><br>${formatLinks(entry.urls)}</li>`;
}

function section(heading: string, entries: readonly IndexEntry[]): string {
  return entries.length ? `<h2>${heading}</h2>\n<ul>\n${entries.map(row).join('\n')}\n</ul>` : '';
}

/**
 * The HTML index at `/`: every feed listed in the page; the head announces only the site feed (RSS,
 * then Atom and JSON Feed), so a reader that takes the first or the only link subscribes to the site.
 */
export function renderIndex(page: IndexPage): string {
  const site = page.entries.find((entry) => entry.kind === 'site');
  const frame = {
    language: page.language,
    title: `${page.title}: feeds`,
    icon: page.icon,
    logo: page.logo,
    ...(site ? { feed: { title: site.title, urls: site.urls } } : {}),
  };
  return htmlPage(
    frame,
    `
${siteMark(frame)}<h1>${escapeHtml(page.title)}</h1>
<p>${escapeHtml(page.description)}</p>
<p>Subscribe by pasting a feed address into your feed reader. All feeds as one list: <a href="${escapeHtml(page.opmlUrl)}">OPML</a>.</p>
${section('Everything', site ? [site] : [])}
${section('Categories', page.entries.filter((entry) => entry.kind === 'category'))}
${section('Tags', page.entries.filter((entry) => entry.kind === 'tag'))}
${section('Authors', page.entries.filter((entry) => entry.kind === 'author'))}`,
  );
}
