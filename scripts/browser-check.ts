// Loads Herald's index and a feed's HTML view in headless Chromium (Debian's `chromium`) and checks what a
// person would see: the page titles, the post titles, the subscribe links. Screenshots go to --shots DIR.
// Usage: npm run browser-check [-- --shots /tmp/herald-shots]
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, startHerald } from './lib/chromium.js';

const { values } = parseArgs({ options: { shots: { type: 'string', default: path.join(os.tmpdir(), 'herald-shots') } } });
const failures: string[] = [];
function expectIn(what: string, dom: string, needle: string) {
  if (!dom.includes(needle)) failures.push(`${what}: expected to see ${JSON.stringify(needle)}`);
}

const herald = await startHerald();
try {
  mkdirSync(values.shots, { recursive: true });
  const index = chromium(['--dump-dom', `${herald.url}/`]);
  expectIn('index', index, '<h1>Herald Dispatch</h1>');
  expectIn('index', index, 'type="application/rss+xml"');
  expectIn('index', index, '>Categories</h2>');
  const view = chromium(['--dump-dom', `${herald.url}/feed.html`]);
  expectIn('feed view', view, 'This is a feed.');
  expectIn('feed view', view, 'New: MI6 launches dark web portal to attract spies in Russia');
  expectIn('feed view', view, 'Café culture in Kyoto: &lt;small&gt; cups &amp; big ideas');
  const feed = await fetch(`${herald.url}/feed.xml`);
  if (feed.headers.get('content-type') !== 'application/rss+xml; charset=utf-8') failures.push('feed.xml lost its feed media type');
  for (const [name, page] of [['index', '/'], ['feed-view', '/feed.html']]) {
    chromium(['--window-size=1000,1400', `--screenshot=${path.join(values.shots, `${name}.png`)}`, `${herald.url}${page}`]);
  }
} finally {
  herald.stop();
}
console.log(failures.length ? failures.join('\n') : `browser check: index and feed view look right; screenshots in ${values.shots}`);
process.exit(failures.length ? 1 : 0);
