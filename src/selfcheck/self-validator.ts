import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics/metrics.js';
import type { UrlScheme } from '../address/url-scheme.js';
import { yieldToRequests } from '../schedule/yield-to-requests.js';
import type { Slicing } from '../render/sliced.js';
import { FORMATS, type Format, type View } from '../model/feed.js';
import type { Post, PostProblem } from '../model/post.js';
import type { Rendered } from '../store/rendered.js';
import type { Clock, Publisher } from '../store/publisher.js';
import type { Finding } from '../validate/index.js';
import { inThreadChecker, type Checker } from './checker.js';
import { documentsToCheck, type DocumentSource, type Target, type TargetKind } from './documents.js';
import type { DocumentResult } from './check-document.js';
import { VIEW_SPECS } from '../address/views.js';
import { resolveLinks } from './resolve-links.js';
import { pathToFileURL } from 'node:url';
import type { IdGuard } from '../ids/id-guard.js';

export type Verdict = 'ok' | 'warnings' | 'errors';
export type Trigger = 'start' | 'schedule' | 'change';

/**
 * The findings of one document, or (`kind` 'agreement', format 'all') of the formats of one feed compared,
 * or (`kind` 'ids', format 'all') of the published ids file: the posts whose item ids would change.
 */
export interface DocumentReport {
  readonly kind: TargetKind | 'agreement' | 'ids';
  readonly path: string;
  readonly url: string;
  readonly format: View | 'opml' | 'all';
  readonly status: Verdict;
  readonly findings: readonly Finding[];
}

/** One self-validation run: every document's findings, the formats' agreement, and the rejected posts. */
export interface ValidationReport {
  readonly trigger: Trigger;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly status: Verdict;
  /** `feeds`: feed first pages in the validated formats; `documents`: everything read, by kind. */
  readonly totals: {
    readonly feeds: number;
    readonly documents: number;
    readonly byKind: Readonly<Partial<Record<TargetKind, number>>>;
    readonly errors: number;
    readonly warnings: number;
    readonly postsRejected: number;
  };
  /** What the run cost: see RunCost. */
  readonly cost: RunCost;
  /** Documents with findings first; `agreement` rows compare the three formats of a feed. */
  readonly documents: readonly DocumentReport[];
  readonly posts: readonly PostProblem[];
}

/**
 * What a run cost: the process's CPU while it ran (every thread, requests served meanwhile included), the
 * main thread's share (building models, rendering what the checker does not, sending, resolving links,
 * in slices between requests), the checker's time (rendering models and checking), and how many
 * documents and bytes were read and how many were checked (not remembered).
 */
export interface RunCost {
  readonly cpuMs: number;
  readonly mainThreadMs: number;
  readonly checkMs: number;
  readonly where: 'worker' | 'main thread';
  readonly documents: number;
  readonly checked: number;
  /** Bytes of the documents checked. */
  readonly bytes: number;
}

function isFormat(view: View | 'opml'): view is Format {
  return (FORMATS as readonly string[]).includes(view);
}

// One document of a run: the key its verdict is remembered by, its check, and its bytes (for the formats'
// agreement), rendered on first call unless the check brought them back.
interface Read {
  readonly key: string | (() => Promise<string>);
  readonly verify: () => Promise<{ result: DocumentResult; bytes: number }>;
  readonly body: () => Promise<Uint8Array>;
}

function isFirstPage(target: Target): target is Target & { format: Format; folder: string } {
  return target.kind === 'feed' && target.folder !== undefined && isFormat(target.format);
}

function verdict(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'error')) return 'errors';
  return findings.length ? 'warnings' : 'ok';
}

/**
 * Validates the exact bytes Herald serves, document by document in slices between requests: on start-up, on a
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
    private readonly store: DocumentSource,
    private readonly posts: () => readonly PostProblem[],
    private readonly scheme: UrlScheme,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    private readonly clock: Pick<Clock, 'now'>,
    /** Where a run's checks happen: a worker thread in the server (`workerChecker`), this thread by default. */
    private readonly checker: () => Checker = inThreadChecker,
    /** The id-continuity guard, when there is a data folder: its warning joins the report (it logs it itself). */
    private readonly ids?: Pick<IdGuard, 'file' | 'finding'>,
    /**
     * Renders the given posts' bodies in the render pool, within its budget (the server's
     * `Publisher.renderBodies`: a body over budget is reported and its post withdrawn), before a document
     * that shows them is read. Without it they are rendered on this thread as the documents are built.
     */
    private readonly prepare?: (posts: readonly Post[]) => Promise<void>,
    /**
     * Called after each document a run reads (`done` false: the server lets go of the bodies `prepare`
     * rendered beyond a few documents' worth, `BodyCache.releaseBackground`) and when the run is over
     * (`done` true: of all of them, and it ends its background render worker; `bytes`, the bytes of the
     * documents the run checked, tell it whether to collect the heap's garbage).
     */
    private readonly release?: (done: boolean, bytes: number) => void,
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
    const cpu0 = process.cpuUsage();
    let mainMs = 0;
    let bytes = 0;
    let checked = 0;
    // Main-thread work is timed slice by slice; waiting for the checker is not main-thread time.
    const onMain = <T>(work: () => T): T => {
      const at = performance.now();
      try {
        return work();
      } finally {
        mainMs += performance.now() - at;
      }
    };
    // A feed document rendered in slices of items: main-thread time is the slices', not the waits between them.
    const inSlices = async <T>(work: (slicing: Slicing) => Promise<T>): Promise<T> => {
      let at = performance.now();
      const between = async () => {
        mainMs += performance.now() - at;
        await yieldToRequests();
        at = performance.now();
      };
      try {
        return await work({ between });
      } finally {
        mainMs += performance.now() - at;
      }
    };
    this.fresh = new Map();
    const targets = onMain(() => documentsToCheck(this.store, this.scheme));
    const known = new Set(targets.map((target) => target.url));
    // The first pages of each feed, by format, until its last first page is read and the formats compared.
    const firstPages = new Map<string, Map<Format, Read>>();
    const lastFirstPage = new Map<string, Target>();
    for (const target of targets) if (isFirstPage(target)) lastFirstPage.set(target.folder!, target);
    const reports: DocumentReport[] = [];
    const agreements: DocumentReport[] = [];
    let checker: Checker | undefined;
    const check = () => (checker ??= this.checker());
    // Each body is read from its file and its Liquid run here, a turn of the event loop each, while the pool renders the last.
    const prepareBodies = async (target: Target) => {
      const prepare = this.prepare;
      if (!prepare) return;
      const pending: Promise<void>[] = [];
      for (const post of onMain(() => target.unrendered?.() ?? [])) {
        pending.push(onMain(() => prepare([post])));
        await yieldToRequests();
      }
      await Promise.all(pending);
    };
    // A document's bytes, its bodies rendered in the pool first; read at most once a run, kept only while needed.
    // A feed document goes to the checker as its model and is rendered there (its bytes come back only
    // for a first page); a document that is cached, and the others, are rendered here.
    const read = (target: Target): Read => {
      let rendered: Rendered | undefined;
      let kept: Uint8Array | undefined;
      const bytes = async () => {
        if (!rendered) {
          await prepareBodies(target);
          rendered = target.renderInSlices ? await inSlices(target.renderInSlices) : onMain(() => target.render());
        }
        return rendered;
      };
      const verify = async () => {
        const model = target.model;
        // The views of one document are listed together and share its model (the worker checker builds and sends it once for them).
        if (model && target.format !== 'opml' && !onMain(model.cached)) {
          await prepareBodies(target);
          const job = { check: target.check, url: target.url, contentType: VIEW_SPECS[target.format].contentType, view: target.format, document: model.document, model: model.build, keep: isFirstPage(target) };
          const result = await onMain(() => check().feed(job));
          kept = result.body;
          return { result, bytes: result.bytes };
        }
        const body = (await bytes()).identity.body;
        return { result: await check().document({ check: target.check, url: target.url, contentType: rendered!.contentType, body }), bytes: body.length };
      };
      const body = async () => kept ?? (await bytes()).identity.body;
      const key = target.key ? `${target.path} ${onMain(target.key)}` : undefined;
      return { key: key ?? (async () => `${target.path} ${(await bytes()).identity.etag}`), verify, body };
    };
    try {
      for (const target of targets) {
        const document = read(target);
        const key = typeof document.key === 'string' ? document.key : await document.key();
        const findings = await this.remember(key, async () => {
          checked++;
          const { result, bytes: size } = await document.verify();
          bytes += size;
          const { findings, links } = result;
          return [...findings, ...onMain(() => resolveLinks(links, this.scheme, this.store, known))];
        });
        reports.push(this.documentReport(target, findings));
        const folder = target.folder;
        if (isFirstPage(target) && folder !== undefined) {
          firstPages.set(folder, (firstPages.get(folder) ?? new Map<Format, Read>()).set(target.format, { ...document, key }));
          if (lastFirstPage.get(folder) === target) {
            const agreement = await this.agreement(folder, firstPages.get(folder)!, check);
            if (agreement) agreements.push(agreement);
            firstPages.delete(folder);
          }
        }
        this.release?.(false, bytes);
        await yieldToRequests();
      }
      reports.push(...agreements);
      const reissued = this.ids?.finding();
      if (reissued && this.ids) reports.push({ kind: 'ids', path: 'ids/published.json', url: pathToFileURL(this.ids.file).href, format: 'all', status: 'warnings', findings: [reissued] });
    } finally {
      // Main-thread time: letting go of the bodies, and the garbage collection after (compose.ts).
      onMain(() => this.release?.(true, bytes));
      await checker?.close();
    }
    const cpu = process.cpuUsage(cpu0);
    const cost: RunCost = {
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      mainThreadMs: Math.round(mainMs),
      checkMs: Math.round(checker?.busyMs ?? 0),
      where: checker?.where ?? 'main thread',
      documents: targets.length,
      checked,
      bytes,
    };
    this.verdicts = this.fresh;
    this.fresh = new Map();
    const posts = this.posts();
    const all = reports.flatMap((r) => r.findings);
    const errors = all.filter((f) => f.severity === 'error').length;
    const durationMs = Math.round(performance.now() - t0);
    const byKind: Partial<Record<TargetKind, number>> = {};
    for (const target of targets) byKind[target.kind] = (byKind[target.kind] ?? 0) + 1;
    const feeds = targets.filter((target) => target.kind === 'feed' && isFormat(target.format)).length;
    this.report = {
      trigger,
      startedAt: started.toISOString(),
      finishedAt: new Date(started.getTime() + durationMs).toISOString(),
      durationMs,
      status: errors ? 'errors' : all.length ? 'warnings' : 'ok',
      totals: { feeds, documents: targets.length, byKind, errors, warnings: all.length - errors, postsRejected: posts.length },
      cost,
      documents: reports.sort((a, b) => Number(b.findings.length > 0) - Number(a.findings.length > 0)),
      posts,
    };
    this.metrics.validationFindings.set({ severity: 'error' }, errors);
    this.metrics.validationFindings.set({ severity: 'warning' }, all.length - errors);
    this.metrics.validationSeconds.set(durationMs / 1000);
    this.logFindings(reports);
    this.log.info({ trigger, ...this.report.totals, byKind: undefined, ms: durationMs, cost }, 'self-validation finished');
  }

  // The three formats of one feed's first page compared, remembered by what each was made from; none unless all three exist.
  private async agreement(folder: string, versions: ReadonlyMap<Format, Read>, check: () => Checker): Promise<DocumentReport | undefined> {
    const [rss, atom, json] = [versions.get('rss'), versions.get('atom'), versions.get('json')];
    if (!rss || !atom || !json) return undefined;
    // The bytes, not their text: three strings of whole documents on this thread would be garbage for its heap.
    const findings = await this.remember(`${folder}/ ${rss.key} ${atom.key} ${json.key}`, async () => {
      const [r, a, j] = [await rss.body(), await atom.body(), await json.body()];
      return check().agreement({ rss: r, atom: a, json: j });
    });
    const path = `${folder}/`;
    await yieldToRequests();
    return { kind: 'agreement', path, url: `${this.scheme.settings.publicUrl}${path}`, format: 'all', status: verdict(findings), findings };
  }

  private documentReport(target: Target, findings: readonly Finding[]): DocumentReport {
    return { kind: target.kind, path: target.path, url: target.url, format: target.format, status: verdict(findings), findings };
  }

  // Findings depend only on a document's path and bytes, and its bytes on what it is made from (its key:
  // the posts it shows, their count, the settings): a document whose key is unchanged since the last run
  // keeps its findings without being rendered, so a change to one post re-reads only the documents that carry it.
  private async remember(key: string, check: () => Promise<Finding[]>): Promise<Finding[]> {
    let findings = this.verdicts.get(key);
    findings ??= await check();
    this.fresh.set(key, findings);
    return findings;
  }

  private logFindings(reports: readonly DocumentReport[]): void {
    const current = new Set<string>();
    for (const report of reports) {
      if (report.kind === 'ids') continue;
      for (const finding of report.findings) {
        const key = `${report.path} ${finding.rule} ${finding.message}`;
        current.add(key);
        if (this.logged.has(key)) continue;
        const fields = { document: report.path, rule: finding.rule, line: finding.line, path: finding.path, message: finding.message };
        if (finding.severity === 'error') this.log.error(fields, 'self-validation error');
        else this.log.warn(fields, 'self-validation warning');
      }
    }
    this.logged = current;
  }
}
