// Loads Herald's index and a feed's HTML view in headless Chromium (Debian's `chromium`) and checks what a
// person would see: the page titles, the post titles, the subscribe links. Screenshots go to --shots DIR.
// Usage: npm run browser-check [-- --shots /tmp/herald-shots]
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from './lib/processes.js';

const { values } = parseArgs({ options: { shots: { type: 'string', default: path.join(os.tmpdir(), 'herald-shots') } } });
const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function chromium(args: string[]): string {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'herald-chromium-'));
  try {
    return execFileSync('chromium', [...chromiumFlags, `--user-data-dir=${profile}`, ...args], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

// The site URL is Herald's own address, so the sample images resolve in the screenshots.
async function startHerald(): Promise<{ url: string; stop: () => void }> {
  const free = await freePort();
  const child = spawn(process.execPath, ['dist/main.js'], {
    env: { ...process.env, PORT: String(free), SITE_URL: `http://127.0.0.1:${free}`, HOST: '127.0.0.1', VALIDATION_ENABLED: 'false', WATCH_ENABLED: 'false' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      const line = output.split('\n').find((l) => l.includes('"herald listening"'));
      if (line) resolve(JSON.parse(line).port);
    });
    child.on('exit', (code) => reject(new Error(`herald exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

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
