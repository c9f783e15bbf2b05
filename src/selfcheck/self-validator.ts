import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics/metrics.js';
import { yieldToRequests } from '../schedule/yield-to-requests.js';
import { FORMATS, type Format, type View } from '../model/feed.js';
import type { PostProblem } from '../model/post.js';
import type { FeedStore } from '../store/feed-store.js';
import type { Rendered } from '../store/rendered.js';
import type { Clock, Publisher } from '../store/publisher.js';
import { validateFeed, type Finding } from '../validate/index.js';
import { checkAgreement } from './cross-format.js';

export type Verdict = 'ok' | 'warnings' | 'errors';
export type Trigger = 'start' | 'schedule' | 'change';

export interface FeedReport {
  readonly path: string;
  readonly url: string;
  readonly format: Format | 'all';
  readonly status: Verdict;
  readonly findings: readonly Finding[];
}

/** One self-validation run: every feed's findings, the formats' agreement, and the rejected posts. */
export interface ValidationReport {
  readonly trigger: Trigger;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly status: Verdict;
  readonly totals: { readonly feeds: number; readonly errors: number; readonly warnings: number; readonly postsRejected: number };
  /** Feeds with findings first; `agreement` rows (format 'all') compare the three formats of a feed. */
  readonly feeds: readonly FeedReport[];
  readonly posts: readonly PostProblem[];
}

function isFormat(view: View): view is Format {
  return (FORMATS as readonly View[]).includes(view);
}

function verdict(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'error')) return 'errors';
  return findings.length ? 'warnings' : 'ok';
}

/**
 * Validates the exact bytes Herald serves, feed by feed in slices between requests: on start-up, on a
 * cron schedule and after every content change. Runs never overlap; a trigger during a run asks for one
 * more run after it. Each run is logged with its counts; each finding is logged once, when it appears.
 */
export class SelfValidator {
  private report: ValidationReport | undefined;
  private running: Promise<void> | undefined;
  private again: Trigger | undefined;
  private logged = new Set<string>();
  private verdicts = new Map<string, Finding[]>();
  private fresh = new Map<string, Finding[]>();

  constructor(
    private readonly store: Pick<FeedStore, 'feeds'>,
    private readonly posts: () => readonly PostProblem[],
    private readonly publicUrl: string,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    private readonly clock: Pick<Clock, 'now'>,
  ) {}

  /** The last finished run, if any. */
  get last(): ValidationReport | undefined {
    return this.report;
  }

  /** Starts a run, or asks for one more after the run under way; resolves when the queue is done. */
  run(trigger: Trigger): Promise<void> {
    if (this.running) {
      this.again ??= trigger;
      return this.running;
    }
    // `running` is cleared in the same tick as the last look at `again`, so no request falls between.
    this.running = (async () => {
      try {
        let next: Trigger | undefined = trigger;
        while (next) {
          await this.runOnce(next);
          next = this.again;
          this.again = undefined;
        }
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /**
   * Runs now, after every content change the publisher announces, and on the cron `expression`, until
   * the returned function is called.
   */
  start(publisher: Pick<Publisher, 'on' | 'off'>, expression: string): () => void {
    const run = (trigger: Trigger) => this.run(trigger).catch((error: unknown) => this.log.error({ err: error }, 'self-validation failed'));
    const onChange = () => void run('change');
    publisher.on('change', onChange);
    const task = cron.schedule(expression, () => void run('schedule'));
    void run('start');
    return () => {
      publisher.off('change', onChange);
      void task.stop();
    };
  }

  private async runOnce(trigger: Trigger): Promise<void> {
    const started = this.clock.now();
    const t0 = performance.now();
    this.fresh = new Map();
    const feeds: Array<{ path: string; folder: string; format: Format; rendered: Rendered }> = [];
    const reports: FeedReport[] = [];
    for (const feed of this.store.feeds((spec) => spec.validated)) {
      const { path, folder, view: format } = feed;
      if (!isFormat(format)) continue;
      const rendered = feed.render();
      feeds.push({ path, folder, format, rendered });
      const url = `${this.publicUrl}${path}`;
      const findings = await this.remember(`${path} ${rendered.identity.etag}`, () =>
        validateFeed(rendered.identity.body, { url, contentType: rendered.contentType }),
      );
      reports.push({ path, url, format, status: verdict(findings), findings });
      await yieldToRequests();
    }
    const folders = new Map<string, typeof feeds>();
    for (const feed of feeds) folders.set(feed.folder, [...(folders.get(feed.folder) ?? []), feed]);
    for (const [folder, members] of folders) {
      const version = (format: Format) => members.find((m) => m.format === format)!.rendered.identity;
      const text = (format: Format) => version(format).body.toString('utf8');
      const findings = await this.remember(`${folder}/ ${version('rss').etag} ${version('atom').etag} ${version('json').etag}`, () =>
        checkAgreement({ rss: text('rss'), atom: text('atom'), json: text('json') }),
      );
      reports.push({ path: `${folder}/`, url: `${this.publicUrl}${folder}/`, format: 'all', status: verdict(findings), findings });
      await yieldToRequests();
    }
    this.verdicts = this.fresh;
    this.fresh = new Map();
    const posts = this.posts();
    const all = reports.flatMap((r) => r.findings);
    const errors = all.filter((f) => f.severity === 'error').length;
    const durationMs = Math.round(performance.now() - t0);
    this.report = {
      trigger,
      startedAt: started.toISOString(),
      finishedAt: new Date(started.getTime() + durationMs).toISOString(),
      durationMs,
      status: errors ? 'errors' : all.length ? 'warnings' : 'ok',
      totals: { feeds: feeds.length, errors, warnings: all.length - errors, postsRejected: posts.length },
      feeds: reports.sort((a, b) => Number(b.findings.length > 0) - Number(a.findings.length > 0)),
      posts,
    };
    this.metrics.validationFindings.set({ severity: 'error' }, errors);
    this.metrics.validationFindings.set({ severity: 'warning' }, all.length - errors);
    this.metrics.validationSeconds.set(durationMs / 1000);
    this.logFindings(reports);
    this.log.info({ trigger, ...this.report.totals, ms: durationMs }, 'self-validation finished');
  }

  // Findings depend only on a feed's path and bytes: a feed whose ETag is unchanged since the last run
  // keeps its findings, so a change to one post re-validates only the feeds that carry it.
  private async remember(key: string, check: () => Promise<Finding[]>): Promise<Finding[]> {
    let findings = this.verdicts.get(key);
    findings ??= await check();
    this.fresh.set(key, findings);
    return findings;
  }

  private logFindings(reports: readonly FeedReport[]): void {
    const current = new Set<string>();
    for (const report of reports) {
      for (const finding of report.findings) {
        const key = `${report.path} ${finding.rule} ${finding.message}`;
        current.add(key);
        if (this.logged.has(key)) continue;
        const fields = { feed: report.path, rule: finding.rule, line: finding.line, path: finding.path, message: finding.message };
        if (finding.severity === 'error') this.log.error(fields, 'feed validation error');
        else this.log.warn(fields, 'feed validation warning');
      }
    }
    this.logged = current;
  }
}
