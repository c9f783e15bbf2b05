// Loads Herald's index, a feed's HTML view, an archive view and a post page in headless Chromium (Debian's
// `chromium`) and checks what a person would see: the DOM Chromium built (titles, posts, subscribe and
// navigation links, the image) and the screenshots (their size, that they are not blank, that the post
// page's image is in them). Screenshots go to --shots DIR.
// Usage: npm run browser-check [-- --shots /tmp/herald-shots]
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, startHerald } from './lib/chromium.js';
import { pngFigures } from './lib/png.js';

const { values } = parseArgs({ options: { shots: { type: 'string', default: path.join(os.tmpdir(), 'herald-shots') } } });
const failures: string[] = [];
function expectIn(what: string, dom: string, needle: string) {
  if (!dom.includes(needle)) failures.push(`${what}: expected to see ${JSON.stringify(needle)}`);
}
function expectNot(what: string, dom: string, needle: string) {
  if (dom.includes(needle)) failures.push(`${what}: expected not to see ${JSON.stringify(needle)}`);
}

const POST = '/2025/10/02/field-notes-from-the-archive.html';
const PAGES = [
  { name: 'index', path: '/' },
  { name: 'feed-view', path: '/feed.html' },
  { name: 'archive-view', path: '/archive/1/feed.html' },
  { name: 'post-page', path: POST },
];

// Two posts a page, so the seven sample posts make archives.
const herald = await startHerald({ ITEMS_PER_FEED: '2' });
const url = (page: string) => `${herald.url}${page}`;
try {
  mkdirSync(values.shots, { recursive: true });
  const index = chromium(['--dump-dom', url('/')]);
  expectIn('index', index, '<h1>Herald Dispatch</h1>');
  expectIn('index', index, 'type="application/rss+xml"');
  expectIn('index', index, '>Categories</h2>');
  expectIn('index', index, '>Authors</h2>');

  const view = chromium(['--dump-dom', url('/feed.html')]);
  expectIn('feed view', view, 'This is a feed.');
  expectIn('feed view', view, 'Release notes: Herald 0.1');
  expectIn('feed view', view, 'Why feed readers never see your script tags');
  expectIn('feed view', view, `href="${url('/feed.html?page=2')}">Older posts</a>`);

  const archive = chromium(['--dump-dom', url('/archive/1/feed.html')]);
  expectIn('archive view', archive, 'Archive 1 of 3 of this feed');
  expectIn('archive view', archive, 'MI6 launches dark web portal to attract spies in Russia');
  expectIn('archive view', archive, `href="${url('/feed.html')}">live feed</a>`);
  expectIn('archive view', archive, '>Newer archive</a>');
  expectNot('archive view', archive, 'rel="alternate" type="application/rss+xml" title="Herald Dispatch (RSS)" href="' + url('/archive/1/feed.xml'));

  const post = chromium(['--dump-dom', url(POST)]);
  expectIn('post page', post, '<h1>Field notes from the archive: letters, ledgers &amp; a lost map</h1>');
  expectIn('post page', post, '<time datetime="2025-10-02T08:15:00Z">2025-10-02</time> · Ada Whitcombe');
  expectIn('post page', post, `src="${url('/assets/images/archive-ledger.png')}"`);
  expectIn('post page', post, `href="${url('/categories/history/feed.html')}">History</a>`);
  expectIn('post page', post, `href="${url('/tags/local-history/feed.html')}">local history</a>`);
  expectIn('post page', post, `href="${url('/authors/ada-whitcombe/feed.html')}">Ada Whitcombe</a>`);
  expectIn('post page', post, 'Newer: <a rel="prev"');
  expectIn('post page', post, 'Older: <a rel="next"');
  expectNot('post page', post, '<script');
  const image = await fetch(url('/assets/images/archive-ledger.png'));
  if (image.status !== 200 || image.headers.get('content-type') !== 'image/png') failures.push(`post page: its image answers ${image.status} ${image.headers.get('content-type')}`);

  const feed = await fetch(url('/feed.xml'));
  if (feed.headers.get('content-type') !== 'application/rss+xml; charset=utf-8') failures.push('feed.xml lost its feed media type');

  for (const page of PAGES) {
    const file = path.join(values.shots, `${page.name}.png`);
    chromium(['--window-size=1000,1400', '--hide-scrollbars', `--screenshot=${file}`, url(page.path)]);
    const shot = pngFigures(file);
    const figures = `${shot.width}×${shot.height}, ${(100 * shot.inked).toFixed(1)} % inked, ${(100 * shot.coloured).toFixed(1)} % coloured, ${shot.colours} colours`;
    console.log(`${page.name}: ${figures}`);
    if (shot.width !== 1000 || shot.height !== 1400) failures.push(`${page.name} screenshot: ${shot.width}×${shot.height}, not 1000×1400`);
    // Text on white: a blank or error page inks almost nothing; a page of posts a few per cent.
    if (shot.inked < 0.01) failures.push(`${page.name} screenshot looks blank (${figures})`);
    // The post page shows its image (the sample is a warm gradient a quarter of the page tall): text,
    // links and the logo alone colour about 1-3 % of the page.
    if (page.name === 'post-page' && shot.coloured < 0.1) failures.push(`post page screenshot shows no image (${figures})`);
  }
} finally {
  herald.stop();
}
console.log(failures.length ? failures.join('\n') : `browser check: index, feed view, archive view and post page look right; screenshots in ${values.shots}`);
process.exit(failures.length ? 1 : 0);
