import type { IndexPage } from './render-index.js';
import { attr, text } from './xml.js';

/** OPML 2.0 subscription list of every feed (RSS addresses, with the HTML page each one belongs to). */
export function renderOpml(page: IndexPage, homePageUrl: string, updated: Date): string {
  const outline = (title: string, url: string) =>
    `      <outline type="rss" text="${attr(title)}" title="${attr(title)}" xmlUrl="${attr(url)}" htmlUrl="${attr(homePageUrl)}"/>`;
  const group = (label: string, kind: string) => {
    const entries = page.entries.filter((entry) => entry.kind === kind);
    if (!entries.length) return '';
    return `    <outline text="${attr(label)}">\n${entries.map((entry) => outline(entry.title, entry.urls.rss)).join('\n')}\n    </outline>\n`;
  };
  return `<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0">
  <head>
    <title>${text(page.title)}</title>
    <dateModified>${updated.toUTCString()}</dateModified>
  </head>
  <body>
${page.entries.filter((entry) => entry.kind === 'site').map((entry) => outline(entry.title, entry.urls.rss).slice(2)).join('\n')}
${group('Categories', 'category')}${group('Tags', 'tag')}${group('Authors', 'author')}  </body>
</opml>
`;
}
