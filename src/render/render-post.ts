import { escapeHtml } from '../content/escape-html.js';
import type { PageLink, PostPage } from '../model/post-page.js';
import { rfc3339 } from './dates.js';
import { htmlPage, siteMark } from './page.js';

const KIND_NAMES = { category: 'Categories', tag: 'Tags', author: 'Posts by' } as const;

const anchor = (link: PageLink, rel?: string) => `<a${rel ? ` rel="${rel}"` : ''} href="${escapeHtml(link.url)}">${escapeHtml(link.title)}</a>`;

function terms(page: PostPage): string {
  const rows = (Object.keys(KIND_NAMES) as Array<keyof typeof KIND_NAMES>)
    .map((kind) => [kind, page.terms.filter((term) => term.kind === kind)] as const)
    .filter(([, links]) => links.length)
    .map(([kind, links]) => `<p class="meta">${KIND_NAMES[kind]}: ${links.map((link) => `<span class="term">${anchor(link)}</span>`).join(' ')}</p>`);
  return rows.join('\n');
}

function neighbours(page: PostPage): string {
  const links = [page.newer ? `Newer: ${anchor(page.newer, 'prev')}` : '', page.older ? `Older: ${anchor(page.older, 'next')}` : ''].filter(Boolean);
  return links.length ? `<nav>${links.join(' ')}</nav>` : '';
}

/**
 * A post's page at its permalink: its title, date, authors, image and sanitised HTML as the feeds carry
 * them, the feed views of its categories, tags and authors, and its newer and older neighbours. Its head
 * announces the site feed.
 */
export function renderPost(page: PostPage): string {
  const { item } = page;
  const frame = { language: item.language ?? page.language, title: `${item.title} · ${page.siteTitle}`, icon: page.icon, logo: page.logo, feed: { title: page.siteTitle, urls: page.siteFeed } };
  const updated = item.updated > item.published ? `, updated <time datetime="${rfc3339(item.updated)}">${rfc3339(item.updated).slice(0, 10)}</time>` : '';
  const body = item.contentHtml || item.summaryHtml;
  return htmlPage(
    frame,
    `
<p>${siteMark(frame)}<a href="${escapeHtml(page.indexUrl)}">${escapeHtml(page.siteTitle)}</a></p>
<main>
<article>
<h1>${escapeHtml(item.title)}</h1>
<p class="meta"><time datetime="${rfc3339(item.published)}">${rfc3339(item.published).slice(0, 10)}</time>${updated} · ${item.authors.map((who) => escapeHtml(who.name)).join(', ')}</p>
${body}
${terms(page)}
</article>
</main>
${neighbours(page)}`,
  );
}
