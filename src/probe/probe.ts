import cron from 'node-cron';
import type { Logger } from 'pino';
import type { ViewAddress } from '../address/address.js';
import type { UrlScheme } from '../address/url-scheme.js';
import type { Config } from '../config/config.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Format } from '../model/feed.js';
import { spread } from '../selfcheck/documents.js';
import type { FeedStore } from '../store/feed-store.js';
import type { Clock } from '../store/publisher.js';
import { fetchUrl, type FetchedResponse, type FetchFailure } from './fetch-url.js';
import { judgeOk, judgeStatus, PROBE_PROBLEM_KINDS, validatorsCurrent, validatorsOf, type ProbeProblem, type Served, type Validators } from './judge-response.js';

/** The probe's settings (`probe` in the config). */
export type ProbeSettings = Config['probe'];

/** What one URL showed in one run: the requests made, the last status, the problems. */
export interface ProbedUrl {
  readonly url: string;
  readonly format: Format;
  /** The requests made: the first fetch, and the conditional one with the validators it gave. */
  readonly requests: number;
  /** The status of each answer, in order (undefined for a request that got none). */
  readonly statuses: ReadonlyArray<number | null>;
  readonly problems: readonly ProbeProblem[];
}

/** One probe run: when, how long, and each URL's findings (those with problems first). */
export interface ProbeReport {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly status: 'ok' | 'problems';
  readonly totals: { readonly urls: number; readonly requests: number; readonly problems: number };
  readonly urls: readonly ProbedUrl[];
}

/** What `/status` says of the probe: off, waiting for its first run, or the last run. */
export type ProbeStatus = { readonly probe: 'off' } | { readonly probe: 'pending' } | ({ readonly probe: 'on' } & ProbeReport);

export const PROBE_OFF: ProbeStatus = Object.freeze({ probe: 'off' });

/** One URL to probe: the feed's address, its public URL and format. */
interface ProbeTarget {
  readonly address: ViewAddress;
  readonly url: string;
  readonly format: Format;
}

type Fetched = FetchedResponse | FetchFailure;

/**
 * The outside-in probe (`probe.enabled`): on a cron schedule, fetches the public URLs of the feeds (the
 * site's feed in every format, then a sample of the others, `probe.maxUrls` in all) as a reader does,
 * through whatever CDN or proxy is in front, and reports what it breaks. Each URL is fetched with
 * compression, then again with the validators of that response; `probe.concurrency` URLs at a time,
 * each request within `probe.timeoutMs` and `probe.maxBytes`. Runs never overlap.
 */
export class Probe {
  private report: ProbeReport | undefined;
  private running: Promise<void> | undefined;
  private logged = new Set<string>();

  constructor(
    private readonly store: Pick<FeedStore, 'feeds' | 'cached'>,
    private readonly scheme: UrlScheme,
    private readonly settings: ProbeSettings,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
  ) {}

  /** What `/status` shows: the last run, or pending before the first has finished. */
  get status(): ProbeStatus {
    return this.report ? { probe: 'on', ...this.report } : { probe: 'pending' };
  }

  /** The last finished run, if any. */
  get last(): ProbeReport | undefined {
    return this.report;
  }

  /** Runs the probe once, or joins the run under way. */
  run(): Promise<void> {
    this.running ??= this.runOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Runs now and on the cron `probe.schedule` until the returned function is called. */
  start(): () => void {
    const run = () => void this.run().catch((error: unknown) => this.log.error({ err: error }, 'probe run failed'));
    const task = cron.schedule(this.settings.schedule, run);
    run();
    return () => void task.stop();
  }

  // The site's feed in each format first, then the other feeds' first pages spread over them.
  private targets(): ProbeTarget[] {
    const entries = this.store.feeds((spec) => spec.subscribable);
    const site = entries.filter((entry) => entry.folder === '');
    const others = entries.filter((entry) => entry.folder !== '');
    const room = Math.max(0, this.settings.maxUrls - site.length);
    return [...site.slice(0, this.settings.maxUrls), ...spread(others, Math.min(room, others.length))].map((entry) => ({
      address: entry.address,
      url: this.scheme.addressUrl(entry.address),
      format: entry.view as Format,
    }));
  }

  private async runOnce(): Promise<void> {
    const started = this.clock.now();
    const t0 = performance.now();
    const targets = this.targets();
    const results: ProbedUrl[] = new Array(targets.length);
    let next = 0;
    const worker = async () => {
      while (next < targets.length) {
        const index = next++;
        results[index] = await this.probeOne(targets[index]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.concurrency, targets.length) }, worker));
    const durationMs = Math.round(performance.now() - t0);
    const problems = results.reduce((sum, result) => sum + result.problems.length, 0);
    this.report = {
      startedAt: started.toISOString(),
      finishedAt: new Date(started.getTime() + durationMs).toISOString(),
      durationMs,
      status: problems ? 'problems' : 'ok',
      totals: { urls: results.length, requests: results.reduce((sum, result) => sum + result.requests, 0), problems },
      urls: [...results].sort((a, b) => Number(b.problems.length > 0) - Number(a.problems.length > 0)),
    };
    for (const kind of PROBE_PROBLEM_KINDS) this.metrics.probeProblems.set({ kind }, results.filter((result) => result.problems.some((problem) => problem.kind === kind)).length);
    this.metrics.probeSeconds.set(durationMs / 1000);
    this.logProblems(results);
    this.log.info({ ...this.report.totals, ms: durationMs }, 'probe finished');
  }

  // A reader's first poll and its next one: a plain fetch, then a conditional one with the validators it
  // gave, so every run tests the 304 (runs keep nothing of each other).
  private async probeOne(target: ProbeTarget): Promise<ProbedUrl> {
    const problems: ProbeProblem[] = [];
    const statuses: Array<number | null> = [];
    const fetch = async (validators: Validators | undefined): Promise<Fetched> => {
      const answer = await fetchUrl(target.url, this.headers(target.format, validators), this.settings, this.clock);
      statuses.push(answer.ok ? answer.status : null);
      return answer;
    };
    const first = await fetch(undefined);
    if (!first.ok) problems.push({ kind: first.reason, message: first.message });
    else if (first.status !== 200) problems.push(judgeStatus(first, target.url));
    else {
      problems.push(...judgeOk(first, target.format, this.served(target.address)));
      const held = validatorsOf(first);
      const next = held && (await fetch(held));
      if (held && next) {
        if (!next.ok) problems.push({ kind: next.reason, message: next.message });
        else if (next.status === 200) {
          const served = this.served(target.address);
          if (served && validatorsCurrent(held, served)) problems.push({ kind: 'no-304', message: `a conditional request with the current validators (${describeValidators(held)}) got a 200 with the whole feed, not a 304` });
        } else if (next.status !== 304) problems.push(judgeStatus(next, target.url));
      }
    }
    return { url: target.url, format: target.format, requests: statuses.length, statuses, problems: dedupe(problems) };
  }

  private headers(format: Format, validators: Validators | undefined): Record<string, string> {
    return {
      'User-Agent': this.settings.userAgent,
      Accept: format === 'json' ? 'application/feed+json, application/json;q=0.9, */*;q=0.8' : 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8',
      'Accept-Encoding': 'gzip, br',
      ...(validators?.etag === undefined ? {} : { 'If-None-Match': validators.etag }),
      ...(validators?.lastModified === undefined ? {} : { 'If-Modified-Since': validators.lastModified }),
    };
  }

  // What Herald serves at the address now; undefined when the feed is gone (its URL then answers 404 anyway).
  private served(address: ViewAddress): Served | undefined {
    try {
      const { rendered, lastModified } = this.store.cached(address);
      return { rendered, lastModified };
    } catch {
      return undefined;
    }
  }

  // Each problem is logged once, when it first appears at a URL.
  private logProblems(results: readonly ProbedUrl[]): void {
    const current = new Set<string>();
    for (const result of results) {
      for (const problem of result.problems) {
        const key = `${result.url} ${problem.kind}`;
        current.add(key);
        if (!this.logged.has(key)) this.log.warn({ url: result.url, kind: problem.kind, message: problem.message }, 'probe: a public feed URL is not served as Herald serves it');
      }
    }
    this.logged = current;
  }
}

function describeValidators(validators: Validators): string {
  return [validators.etag && `If-None-Match: ${validators.etag}`, validators.lastModified && `If-Modified-Since: ${validators.lastModified}`].filter(Boolean).join(', ');
}

// The same kind found by both requests of a run is one problem.
function dedupe(problems: readonly ProbeProblem[]): ProbeProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => !seen.has(problem.kind) && seen.add(problem.kind));
}
