import { Agent } from 'node:http';
import { get } from '../lib/http-get.js';
import { memoryMiB } from '../lib/proc.js';

/** One probe: when it was sent (performance.now() ms), how long the answer took, and whether it was a 200. */
export interface Probe {
  readonly at: number;
  readonly ms: number;
  readonly ok: boolean;
}

/** One RSS sample of the Herald process, in MiB. */
export interface MemorySample {
  readonly at: number;
  readonly mib: number;
}

/** What the monitor saw between two moments: /healthz and /feed.xml latency, RSS. */
export interface Window {
  readonly healthz: readonly Probe[];
  readonly feed: readonly Probe[];
  readonly rss: readonly MemorySample[];
}

const PROBE_TIMEOUT_MS = 10_000;

/**
 * Polls `/healthz` every 50 ms and `/feed.xml` every 200 ms (each one request at a time, on a keep-alive
 * socket of its own, so a probe waits on Herald and not on the attack's sockets), and samples the RSS of
 * `pid` every 100 ms, until stopped.
 */
export class Monitor {
  private readonly healthz: Probe[] = [];
  private readonly feed: Probe[] = [];
  private readonly rss: MemorySample[] = [];
  private stopped = false;
  private readonly loops: Promise<void>[];
  private readonly sampler: NodeJS.Timeout;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 2 });

  constructor(baseUrl: string, pid: number) {
    this.loops = [this.poll(`${baseUrl}/healthz`, 50, this.healthz), this.poll(`${baseUrl}/feed.xml`, 200, this.feed)];
    const sample = () => {
      const mib = memoryMiB(pid, 'VmRSS');
      if (mib !== undefined) this.rss.push({ at: performance.now(), mib });
    };
    sample();
    this.sampler = setInterval(sample, 100);
  }

  private async poll(url: string, intervalMs: number, into: Probe[]): Promise<void> {
    while (!this.stopped) {
      const at = performance.now();
      let ok = false;
      try {
        ok = (await get(url, {}, { agent: this.agent, timeoutMs: PROBE_TIMEOUT_MS })).status === 200;
      } catch {
        // a time-out or a refused connection: counted as not ok, with the time it took
      }
      into.push({ at, ms: performance.now() - at, ok });
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  /** What was seen from `from` to `to` (performance.now() ms). */
  window(from: number, to: number): Window {
    const inside = <T extends { at: number }>(list: readonly T[]) => list.filter((entry) => entry.at >= from && entry.at < to);
    return { healthz: inside(this.healthz), feed: inside(this.feed), rss: inside(this.rss) };
  }

  /** Stops polling and sampling; resolves once the probes under way have ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sampler);
    await Promise.all(this.loops);
    this.agent.destroy();
  }
}

/** The p-th percentile of some numbers (nearest rank), or undefined for none. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
