import { collectGarbage, collectWhenQuiet } from './schedule/collect-garbage.js';
import { RenderPool } from './content/render-pool.js';
import { statSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { UrlScheme } from './address/url-scheme.js';
import type { Config } from './config/config.js';
import { resolveImage } from './content/image.js';
import { PostLibrary } from './content/post-library.js';
import { indexFile } from './content/post-index.js';
import { BodyCache } from './content/body-cache.js';
import { parseInWorkers } from './content/parse-pool.js';
import { readAheadInWorker } from './content/read-ahead.js';
import { lookAheadInWorker } from './content/look-ahead.js';
import { postsDirSite, readAuthorsFile } from './site/posts-dir.js';
import { jekyllSiteSettings, restartNeeded, siteMode, siteModeConfig, type SiteMode } from './site/site-mode.js';
import { jekyllFeedAliases } from './site/jekyll-feed-paths.js';
import type { JekyllFeedSettings } from './site/jekyll-site.js';
import type { JekyllRendering } from './jekyll/body-renderer.js';
import type { SiteContext } from './content/parse-post.js';
import { logReporter, postsDirRendering, siteModeContexts } from './jekyll/herald-rendering.js';
import { Metrics } from './metrics/metrics.js';
import type { SiteSettings } from './feed/build-feed.js';
import { createApp, type AppDeps, type Handler } from './http/create-app.js';
import { RenderQueue } from './http/render-queue.js';
import { FeedStore } from './store/feed-store.js';
import { limitMessage, Publisher, systemClock, type Clock, type ContentStatus, type SavedPagesPlace, type SettingsOf } from './store/publisher.js';
import { savedPagesFile } from './store/saved-pages.js';
import { SelfValidator, type ValidationReport } from './selfcheck/self-validator.js';
import { buildSnapshot } from './store/snapshot.js';
import { inThreadChecker, workerChecker } from './selfcheck/checker.js';
import { HubNotifier, type NotifierOptions } from './websub/hub-notifier.js';
import { Stats, statsDir } from './stats/stats.js';
import { registerStatsMetrics } from './stats/stats-metrics.js';
import { isHeraldEtag } from './store/rendered.js';
import { GUARD_OFF, IdGuard, LISTED, type IdGuardStatus } from './ids/id-guard.js';
import { Probe, PROBE_OFF, type ProbeStatus } from './probe/probe.js';

/**
 * Herald's URL scheme as configured (`urls`, `server.publicUrl`, `feeds.maxLimit`); in site mode with
 * jekyll-feed's paths (`feed:` of `_config.yml`) before the configured aliases.
 */
export function urlScheme(config: Config, feed?: JekyllFeedSettings): UrlScheme {
  const { urls } = config;
  const folders = { category: urls.categories, tag: urls.tags, author: urls.authors };
  return new UrlScheme({
    publicUrl: config.server.publicUrl,
    maxLimit: config.feeds.maxLimit,
    folders,
    files: urls.files,
    aliases: { ...(feed ? jekyllFeedAliases(feed, { folders, files: urls.files }) : {}), ...urls.aliases },
    pages: urls.pages,
  });
}

/** The site settings the build step reads, taken from config once; icon and logo made absolute. */
export function siteSettings(config: Config, scheme: UrlScheme = urlScheme(config)): SiteSettings {
  const image = (src: string | undefined) => src && resolveImage(src, undefined, config.site.url, config.paths.static).url;
  const icon = image(config.site.icon);
  const logo = image(config.site.logo);
  return {
    title: config.site.title,
    description: config.site.description,
    url: config.site.url,
    scheme,
    language: config.site.language,
    author: config.site.author,
    cacheMaxAge: config.feeds.cacheMaxAge,
    hubs: config.feeds.hubs,
    archiveSize: config.feeds.itemsPerFeed,
    ...(icon ? { icon } : {}),
    ...(logo ? { logo } : {}),
  };
}

/** Herald's parts, wired but not started: nothing listens and no timer runs until the caller says so. */
export interface Herald {
  readonly config: Config;
  readonly scheme: UrlScheme;
  readonly store: FeedStore;
  readonly publisher: Publisher;
  readonly handler: Handler;
  /** The handler of the operator's own listener (`operator.listen`), when there is one. */
  readonly operatorHandler?: Handler;
  readonly notifier: HubNotifier;
  readonly metrics: Metrics;
  readonly validator: SelfValidator;
  /** Subscribers and reader figures, unless `stats.enabled` is false. */
  readonly stats: Stats | undefined;
  /** The id-continuity guard, unless there is no data folder (`paths.data`). */
  readonly ids: IdGuard | undefined;
  /** The outside-in probe of the public feed URLs, when `probe.enabled`; `main` starts it. */
  readonly probe: Probe | undefined;
  /** Starts the render workers ahead of the first feed (`main` does, before the first load). */
  readonly warmRenderers: () => void;
}

/** Options for parts that talk to the outside, replaceable in tests. */
export interface HeraldOptions {
  readonly clock?: Clock;
  readonly notifier?: Partial<NotifierOptions>;
  /** Also export process metrics (CPU, memory, event loop) on /metrics: for the server, not for tests. */
  readonly processMetrics?: boolean;
  /** Random bytes for the stats' hashing keys (tests fix them). */
  readonly random?: (bytes: number) => Uint8Array;
  /** The render queue of documents not in the cache (tests run its turns by hand); else one of `limits.renderQueue`. */
  readonly renderQueue?: RenderQueue;
}

/** The stats of a config, or undefined when they are off; saved under `paths.data` when it is set. */
function statsOf(config: Config, log: Logger, clock: Clock, random: HeraldOptions['random']): Stats | undefined {
  if (!config.stats.enabled) return undefined;
  return new Stats({
    instance: config.stats.instance ?? `${os.hostname()}-${config.server.port}`,
    hintSeconds: config.feeds.cacheMaxAge,
    politePolling: config.stats.politePolling,
    ...(config.paths.data === undefined ? {} : { dir: statsDir(config.paths.data) }),
    saveSeconds: config.stats.saveSeconds,
    issuedEtag: isHeraldEtag,
    clock,
    log,
    ...(random ? { random } : {}),
  });
}

// Where the site feed's first pages are saved for the next start, and what else their bytes are made of
// besides the posts and the site: the configuration and the running Herald (its main file's size and
// time: another build is another Herald). None without a data folder, or when that file cannot be looked at.
function savedPagesPlace(config: Config): SavedPagesPlace | undefined {
  if (config.paths.data === undefined) return undefined;
  let build;
  try {
    const { size, mtimeMs } = statSync(fileURLToPath(import.meta.url));
    build = `${size}:${mtimeMs}`;
  } catch {
    return undefined;
  }
  // Where Herald listens is not in the pages' bytes (their URLs come from server.publicUrl and the site):
  // replicas on other ports that share a data folder serve each other's saved pages.
  const { port: _port, host: _host, ...server } = config.server;
  return { file: savedPagesFile(config.paths.data), settings: `${build}\u0000${JSON.stringify({ ...config, server })}` };
}

// The post index file of the data folder, when there is one.
const postIndex = (config: Config) => (config.paths.data === undefined ? undefined : indexFile(config.paths.data));

/** POSTS_DIR mode's post context for each full load: the site settings and authors file, with Jekyll's rendering. */
export function postsDirContexts(config: Config, rendering: JekyllRendering): () => SiteContext {
  const { check, render, rerender, restore, smartify, kramdown } = rendering;
  return () => ({ ...postsDirSite(config, readAuthorsFile(config.paths.authors)), render, rerender, check, restore, smartify, recipe: { kramdown } });
}

function postsDirLibrary(config: Config, rendering: JekyllRendering, pool: RenderPool, bodies: BodyCache): PostLibrary {
  return new PostLibrary(config.paths.posts, postsDirContexts(config, rendering), config.limits, undefined, postIndex(config), pool.render, { settleMs: config.watch.settleMs, parse: parseInWorkers(), readAhead: readAheadInWorker, lookAhead: lookAheadInWorker, bodies });
}

/** Wires the library, store, publisher and HTTP handler from a config; loads no posts yet. */
export function createHerald(given: Config, log: Logger, options: HeraldOptions = {}): Herald {
  const clock = options.clock ?? systemClock;
  const site = siteMode(given);
  const config = site ? siteModeConfig(given, site.first) : given;
  const report = logReporter(log);
  const now = () => clock.now();
  // Post bodies are rendered at load and rescan in worker threads, each within limits.postRenderMs.
  const pool = new RenderPool(config.limits.postRenderMs);
  // Rendered bodies, bounded by cache.bodyBytes: a post keeps no source, and an evicted body is read and rendered again.
  const bodies = new BodyCache(config.cache.bodyBytes);
  const library = site
    ? new PostLibrary(site.dir, siteModeContexts(() => site.read(), report, now), config.limits, site.files, postIndex(config), pool.render, { settleMs: config.watch.settleMs, parse: parseInWorkers(), readAhead: readAheadInWorker, lookAhead: lookAheadInWorker, bodies })
    : postsDirLibrary(config, postsDirRendering(config, report, now), pool, bodies);
  const metrics = new Metrics({ processMetrics: options.processMetrics ?? false });
  const scheme = urlScheme(config, site?.first.feed);
  const base = siteSettings(config, scheme);
  const settings = site ? jekyllSiteSettings(site.first, base) : base;
  const store = new FeedStore(settings, { itemsPerFeed: config.feeds.itemsPerFeed, maxBytes: config.cache.renderedBytes }, buildSnapshot([], clock.now()), (seconds) => metrics.renderSeconds.observe(seconds));
  metrics.watchCache('rendered', () => store.figures());
  metrics.watchCache('bodies', () => bodies.figures());
  const publisher = new Publisher(library, store, log, clock, site && siteSettingsOf(site, base, log), savedPagesPlace(config));
  publisher.on('change', () => {
    const content = publisher.contentStatus;
    metrics.postsServed.set(content.visible);
    metrics.postsRejected.set(content.problems.length);
    if (content.reloadSeconds !== undefined) metrics.reloadSeconds.observe(content.reloadSeconds);
  });
  const ids = config.paths.data === undefined ? undefined : IdGuard.inDataDir(config.paths.data, log);
  // Before the validator's listener, so a run after a change sees the guard's verdict on it.
  if (ids) publisher.on('change', () => ids.check(store.snapshot.posts));
  const stats = statsOf(config, log, clock, options.random);
  if (stats) registerStatsMetrics(metrics.registry, () => stats.report());
  let stopQuietCollection = () => {};
  const validator = new SelfValidator(store, () => publisher.contentStatus.problems, scheme, log, metrics, clock, config.validation.worker ? () => workerChecker() : inThreadChecker, ids, (posts) => publisher.renderBodies(posts, true), (done, bytes) => {
    bodies.releaseBackground(done ? 0 : config.cache.runBodyBytes);
    if (!done) return;
    pool.endBackground();
    // A run that read more documents than the bodies cache holds sent their bodies and models through
    // this heap: its pages are given back now. A run after an edit reads a few, and costs no collection.
    if (bytes <= config.cache.bodyBytes) return;
    const ms = collectGarbage();
    if (ms !== undefined) log.debug({ ms: Math.round(ms) }, 'self-validation: heap collected');
    // And once the thread has gone quiet: that collection gives back the young generation and the old
    // space's slack, which the one at the run's end, made while it still allocated, keeps.
    stopQuietCollection();
    stopQuietCollection = collectWhenQuiet({ onCollect: (quiet) => log.debug({ ms: Math.round(quiet) }, 'self-validation: heap collected once quiet') });
  });
  const probe = config.probe.enabled ? new Probe(store, scheme, config.probe, log, metrics, clock) : undefined;
  const renderQueue = options.renderQueue ?? new RenderQueue(config.limits.renderQueue);
  metrics.watchRenderQueue(() => renderQueue.figures());
  const deps: AppDeps = {
    store,
    scheme,
    config,
    log,
    metrics,
    ...(stats ? { stats } : {}),
    renderBodies: (posts) => publisher.renderBodies(posts),
    renderQueue,
    status: {
      ready: () => publisher.contentStatus.loadedAt !== undefined,
      status: currentStatus(publisher, validator, () => ids?.status ?? GUARD_OFF, () => probe?.status ?? PROBE_OFF),
      validation: () => validator.last,
    },
  };
  const handler = createApp(deps);
  const operatorHandler = config.operator.listen ? createApp(deps, 'operator') : undefined;
  const notifier = new HubNotifier(config.feeds.hubs, log, { ...config.websub, clock, ...options.notifier });
  if (config.feeds.hubs.length) metrics.watchWebsub(() => notifier.figures());
  return { config, scheme, store, publisher, handler, ...(operatorHandler ? { operatorHandler } : {}), notifier, metrics, validator, stats, ids, probe, warmRenderers: () => pool.warm() };
}

/**
 * Starts telling the WebSub hubs of changed feeds (every feed at the first load): the server does, `herald
 * build` does not. Returns the function that stops it.
 */
export function startWebsub(herald: Herald): () => void {
  if (!herald.config.feeds.hubs.length) return () => {};
  const changed = () => herald.notifier.contentChanged(herald.store, herald.config.server.publicUrl);
  herald.publisher.on('change', changed);
  return () => {
    herald.publisher.off('change', changed);
    herald.notifier.stop();
  };
}

// Site mode: the feed settings of each read of _config.yml, swapped in with the posts of the same read;
// what only a restart can change is logged.
function siteSettingsOf(site: SiteMode, base: SiteSettings, log: Logger): SettingsOf {
  return (context) => {
    const read = site.readOf(context);
    const fixed = restartNeeded(site.first, read);
    if (fixed.length) log.warn({ changed: fixed }, 'the site changed what Herald serves at start-up only; restart Herald to serve it');
    return jekyllSiteSettings(read, base);
  };
}

// The status, made again only when the content status, the last validation run, the id guard's or the probe's status is another object.
function currentStatus(publisher: Publisher, validator: SelfValidator, idGuard: () => IdGuardStatus, probeStatus: () => ProbeStatus): () => ReturnType<typeof statusOf> {
  let last: { content: ContentStatus; validation: ValidationReport | undefined; ids: IdGuardStatus; probe: ProbeStatus; status: ReturnType<typeof statusOf> } | undefined;
  return () => {
    const content = publisher.contentStatus;
    const validation = validator.last;
    const ids = idGuard();
    const probe = probeStatus();
    if (last?.content !== content || last.validation !== validation || last.ids !== ids || last.probe !== probe) last = { content, validation, ids, probe, status: statusOf(content, validation, ids, probe) };
    return last.status;
  };
}

// Degraded: posts could not be read, the folder is in trouble, published ids would change, the last
// validation run found errors, or the last probe run found the public URLs served otherwise than Herald serves them.
function statusOf(content: ContentStatus, validation: ValidationReport | undefined, ids: IdGuardStatus, probe: ProbeStatus) {
  const reasons = [
    ...(content.folderProblem ? [content.folderProblem] : []),
    ...(content.problems.length ? [`${content.problems.length} post file(s) could not be read`] : []),
    ...content.limitsReached.map(limitMessage),
    ...(ids.guard === 'on' && ids.reissued
      ? [`${ids.reissued} published post id(s) would change (readers would show them again as new): see details.ids${ids.reissued > LISTED ? ` (the first ${LISTED} listed)` : ''}`]
      : []),
    ...(validation?.status === 'errors' ? [`the last self-validation found ${validation.totals.errors} error(s)`] : []),
    ...(probe.probe === 'on' && probe.status === 'problems' ? [`the probe found ${probe.totals.problems} problem(s) at the public feed URLs (a CDN or proxy in front): see details.probe`] : []),
  ];
  return {
    state: reasons.length ? ('degraded' as const) : ('ok' as const),
    details: {
      reasons,
      content,
      ids,
      probe,
      validation: validation
        ? { status: validation.status, finishedAt: validation.finishedAt, durationMs: validation.durationMs, totals: validation.totals }
        : { status: 'pending' },
    },
  };
}
