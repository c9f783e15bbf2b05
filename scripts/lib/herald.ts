import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pollUntil } from './http-get.js';
import { freePort, startChild, type Child } from './processes.js';

/** The repository root (scripts/lib/../..). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MAIN = path.join(ROOT, 'dist', 'main.js');

/** A Herald server started from dist/main.js on 127.0.0.1 with a port of its own. */
export interface HeraldServer {
  readonly child: Child;
  readonly port: number;
  readonly baseUrl: string;
  /** Polls GET /feed.xml every 10 ms; resolves with ms from spawn to the first 200, or undefined on time-out. */
  waitForFeed(timeoutMs: number): Promise<number | undefined>;
  /** Polls GET `path` every 10 ms; resolves with ms from spawn to its first 200, or undefined on time-out. */
  waitFor(path: string, timeoutMs: number): Promise<number | undefined>;
  /** Stops the process and removes its temporary config folder. */
  stop(): Promise<void>;
}

/** Where a Herald runs: its folder (an empty config file and a static folder) and its port. */
export interface HeraldPlace {
  readonly dir: string;
  readonly port: number;
}

/** A folder and a port for Herald, kept for several starts (a restart is on the same config and port); remove `dir` after. */
export async function heraldPlace(): Promise<HeraldPlace> {
  const dir = await mkdtemp(path.join(tmpdir(), 'herald-bench-'));
  await writeFile(path.join(dir, 'herald.yml'), '# benchmark run: every setting comes from its default or the environment\n');
  await mkdir(path.join(dir, 'static'));
  return { dir, port: await freePort() };
}

/**
 * Starts Herald on `postsDir` with an empty config file (defaults) and environment overrides only, so the
 * bench does not depend on config/herald.yml. `env` adds or replaces variables (e.g. ITEMS_PER_FEED).
 * In `place` when given (kept at stop), else in a place of its own (removed at stop).
 */
export async function startHerald(postsDir: string, env: Record<string, string> = {}, nodeArgs: readonly string[] = [], place?: HeraldPlace): Promise<HeraldServer> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  const { dir, port } = place ?? (await heraldPlace());
  const config = path.join(dir, 'herald.yml');
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = startChild(process.execPath, [...nodeArgs, MAIN], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      NODE_ENV: 'production',
      HERALD_CONFIG: config,
      HOST: '127.0.0.1',
      PORT: String(port),
      SITE_URL: 'https://bench.example.org',
      PUBLIC_URL: baseUrl,
      POSTS_DIR: postsDir,
      STATIC_DIR: path.join(dir, 'static'),
      LOG_LEVEL: 'info',
      VALIDATION_ENABLED: 'false',
      // As `npm start` and the image run Herald (README, Memory and glibc).
      MALLOC_MMAP_THRESHOLD_: '131072',
      ...env,
    },
  });
  const waitFor = async (where: string, timeoutMs: number) => {
    const ok = await pollUntil(`${baseUrl}${where}`, (response) => response.status === 200, { timeoutMs, stillAlive: () => !child.exited() });
    return ok ? performance.now() - child.spawnedAt : undefined;
  };
  return {
    child,
    port,
    baseUrl,
    waitForFeed: (timeoutMs) => waitFor('/feed.xml', timeoutMs),
    waitFor,
    stop: async () => {
      try {
        await child.stop();
      } finally {
        if (!place) await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Starts Herald and waits for its first feed; throws with Herald's output when it does not come. */
export async function startReadyHerald(postsDir: string, env: Record<string, string> = {}, timeoutMs = 120_000): Promise<HeraldServer> {
  const herald = await startHerald(postsDir, env);
  const ready = await herald.waitForFeed(timeoutMs);
  if (ready === undefined) {
    const output = herald.child.output().slice(-4000);
    await herald.stop();
    throw new Error(`Herald did not serve /feed.xml within ${timeoutMs} ms; its output:\n${output}`);
  }
  return herald;
}

/** Herald's own figures from its JSON log: the `ms` of the first "posts loaded" line, if logged. */
export function loadMsFromLog(output: string): number | undefined {
  for (const line of output.split('\n')) {
    if (!line.includes('"posts loaded"')) continue;
    try {
      const entry = JSON.parse(line) as { ms?: unknown };
      if (typeof entry.ms === 'number') return entry.ms;
    } catch {
      // not a JSON line
    }
  }
  return undefined;
}
