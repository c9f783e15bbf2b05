import { Agent } from 'node:http';
import { get } from '../lib/http-get.js';
import { tornReason } from './etag-check.js';
import type { Identity } from './identities.js';

/** How one poller request is made: conditional or not, compressed or not. */
export interface Mode {
  readonly conditional: boolean;
  readonly acceptEncoding?: string;
}

export const MODES: readonly Mode[] = [
  { conditional: false },
  { conditional: true },
  { conditional: false, acceptEncoding: 'gzip, br' },
  { conditional: true, acceptEncoding: 'gzip, br' },
];

/** What the pollers saw. */
export interface PollStats {
  requests: number;
  statuses: Map<number, number>;
  /** Network errors, time-outs and 5xx answers. */
  errors: number;
  /** 200s whose body does not hash to their ETag. */
  torn: number;
  /** 304s whose ETag is not the one asked about (a changed feed said to be unchanged). */
  wrong304: number;
  /** 200s whose ETag equals the If-None-Match sent (a 304 that could have been). */
  missed304: number;
  latenciesMs: number[];
  /** Distinct identity ETags seen per URL: how many content versions went by. */
  versions: Map<string, Set<string>>;
  /** The first few problems, for the report. */
  samples: string[];
  /** Feed answers (200, 304) by the reader family the poller claims to be. */
  byReader: Map<string, number>;
}

function note(stats: PollStats, text: string): void {
  if (stats.samples.length < 10) stats.samples.push(text);
}

/**
 * Polls `urls` from `workers` concurrent loops until `deadline` (performance.now() ms), checking every 200
 * against its ETag; loop i sends the User-Agent and X-Forwarded-For of `identityOf(i)`.
 */
export async function runPollers(urls: readonly string[], workers: number, deadline: number, alive: () => boolean, identityOf: (index: number) => Identity): Promise<PollStats> {
  const stats: PollStats = { requests: 0, statuses: new Map(), errors: 0, torn: 0, wrong304: 0, missed304: 0, latenciesMs: [], versions: new Map(), samples: [], byReader: new Map() };
  const agent = new Agent({ keepAlive: true, maxSockets: workers });
  const worker = async (index: number) => {
    const lastEtag = new Map<string, string>();
    const identity = identityOf(index);
    for (let turn = index; performance.now() < deadline && alive(); turn++) {
      const url = urls[turn % urls.length]!;
      const mode = MODES[Math.floor(turn / urls.length) % MODES.length]!;
      const key = `${url} ${mode.acceptEncoding ?? ''}`;
      const sent = mode.conditional ? lastEtag.get(key) : undefined;
      const headers: Record<string, string> = {
        'user-agent': identity.ua,
        'x-forwarded-for': identity.address,
        ...(mode.acceptEncoding ? { 'accept-encoding': mode.acceptEncoding } : {}),
        ...(sent ? { 'if-none-match': sent } : {}),
      };
      const started = performance.now();
      stats.requests++;
      try {
        const response = await get(url, headers, { agent, timeoutMs: 10_000 });
        stats.latenciesMs.push(performance.now() - started);
        stats.statuses.set(response.status, (stats.statuses.get(response.status) ?? 0) + 1);
        // Feed answers are what Herald's stats count (a feed deleted meanwhile answers 404).
        if (response.status === 200 || response.status === 304) stats.byReader.set(identity.reader, (stats.byReader.get(identity.reader) ?? 0) + 1);
        const etag = response.headers.etag;
        if (response.status >= 500) {
          stats.errors++;
          note(stats, `${response.status} for ${url}: ${response.body.toString('utf8').slice(0, 200)}`);
        } else if (response.status === 304) {
          if (etag !== sent) {
            stats.wrong304++;
            note(stats, `304 for ${url} with ETag ${etag}, asked about ${sent}`);
          }
        } else if (response.status === 200) {
          const torn = tornReason(response.headers, response.body);
          if (torn) {
            stats.torn++;
            note(stats, `torn ${url} (${mode.acceptEncoding ?? 'identity'}): ${torn}`);
          }
          if (sent && etag === sent) stats.missed304++;
          if (etag) lastEtag.set(key, etag);
          if (etag && !response.headers['content-encoding']) {
            const seen = stats.versions.get(url) ?? new Set<string>();
            stats.versions.set(url, seen.add(etag));
          }
        }
      } catch (error) {
        stats.errors++;
        note(stats, `${url}: ${(error as Error).message}`);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: workers }, (_, index) => worker(index)));
  } finally {
    agent.destroy();
  }
  return stats;
}
