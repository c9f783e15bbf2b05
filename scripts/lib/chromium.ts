import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './processes.js';

const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Runs headless Chromium (Debian's `chromium`) with `args` in a throw-away profile; returns what it printed. */
export function chromium(args: string[]): string {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'herald-chromium-'));
  try {
    return execFileSync('chromium', [...chromiumFlags, `--user-data-dir=${profile}`, ...args], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Starts `node dist/main.js` on a free loopback port with `env` added; its site URL is its own address, so the sample images resolve in screenshots. */
export async function startHerald(env: Record<string, string> = {}): Promise<{ url: string; stop: () => void }> {
  const free = await freePort();
  const child = spawn(process.execPath, ['dist/main.js'], {
    env: { ...process.env, PORT: String(free), SITE_URL: `http://127.0.0.1:${free}`, HOST: '127.0.0.1', VALIDATION_ENABLED: 'false', WATCH_ENABLED: 'false', ...env },
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

