import { escapeHtml } from '../content/escape-html.js';
import { VIEW_SPECS } from '../address/views.js';
import { FORMATS, type FormatUrls } from '../model/feed.js';

/** What every HTML page Herald serves shares: language, title, the site's icon and logo, its feed. */
export interface PageFrame {
  /** Absent when the site names none (a Jekyll site without `lang`). */
  readonly language?: string;
  readonly title: string;
  readonly icon?: string;
  readonly logo?: string;
  /** The one feed the page announces for autodiscovery (HTML 5 rel="alternate"), in every format. */
  readonly feed?: { readonly title: string; readonly urls: FormatUrls };
}

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#222}' +
  'h1{margin:.2rem 0}h2{margin:.3rem 0;font-size:1.25rem}li{margin:.4rem 0}a{color:#0645ad}' +
  'article{border-top:1px solid #ddd;padding:1rem 0}article img,main img{max-width:100%;height:auto;border-radius:4px}' +
  '.meta,.count{color:#666;font-size:.9rem;margin:0}.term{background:#eef;border-radius:3px;padding:0 .3rem}' +
  '.subscribe,.notice{background:#f6f6f6;padding:.6rem 1rem;border-radius:6px}.notice{background:#fff4d6}' +
  '.logo{max-height:3rem;max-width:12rem;display:block}nav a{margin-right:1rem}pre{overflow:auto;background:#f6f6f6;padding:.5rem}';

/** Anchors to a feed in each format, RSS first, each with its one label and media type. */
export function formatLinks(urls: FormatUrls): string {
  return FORMATS.map((format) => `<a href="${escapeHtml(urls[format])}" type="${VIEW_SPECS[format].mediaType}">${VIEW_SPECS[format].label}</a>`).join(' · ');
}

// One autodiscovery link per format, RSS first (readers that take the first link get RSS 2.0).
function alternates(feed: NonNullable<PageFrame['feed']>): string[] {
  return FORMATS.map(
    (format) =>
      `<link rel="alternate" type="${VIEW_SPECS[format].mediaType}" title="${escapeHtml(`${feed.title} (${VIEW_SPECS[format].label})`)}" href="${escapeHtml(feed.urls[format])}">`,
  );
}

/** The site's logo (else its icon) as the page header's picture, or nothing. */
export function siteMark(frame: PageFrame): string {
  const picture = frame.logo ?? frame.icon;
  return picture ? `<img class="logo" src="${escapeHtml(picture)}" alt="">\n` : '';
}

/** A complete HTML document: the shared head (icon, autodiscovery, style) around `body`. */
export function htmlPage(frame: PageFrame, body: string): string {
  return `${pageStart(frame)}${body.trim()}${PAGE_END}`;
}

/** `htmlPage` up to its body's first character. */
export function pageStart(frame: PageFrame): string {
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(frame.title)}</title>`,
    ...(frame.icon ? [`<link rel="icon" href="${escapeHtml(frame.icon)}">`] : []),
    ...(frame.feed ? alternates(frame.feed) : []),
    `<style>${STYLE}</style>`,
  ];
  return `<!doctype html>
<html${frame.language ? ` lang="${escapeHtml(frame.language)}"` : ''}>
<head>
  ${head.join('\n  ')}
</head>
<body>
`;
}

/** `htmlPage` after its body's last character. */
export const PAGE_END = `
</body>
</html>
`;
