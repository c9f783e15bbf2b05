import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import { resolveImage } from './content/image.js';
import { PostLibrary } from './content/post-library.js';
import { Metrics } from './metrics/metrics.js';
import type { SiteSettings } from './feed/build-feed.js';
import { createApp, type Handler } from './http/create-app.js';
import { FeedStore } from './store/feed-store.js';
import { Publisher, systemClock, type Clock, type ContentStatus } from './store/publisher.js';
import { SelfValidator, type ValidationReport } from './selfcheck/self-validator.js';
import { buildSnapshot } from './store/snapshot.js';
import { HubNotifier, type NotifierOptions } from './websub/hub-notifier.js';

/** The site settings the build step reads, taken from config once; icon and logo made absolute. */
export function siteSettings(config: Config): SiteSettings {
  const image = (src: string | undefined) => src && resolveImage(src, undefined, config.site.url, config.paths.static).url;
  const icon = image(config.site.icon);
  const logo = image(config.site.logo);
  return {
    title: config.site.title,
    description: config.site.description,
    url: config.site.url,
    publicUrl: config.server.publicUrl,
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
  readonly store: FeedStore;
  readonly publisher: Publisher;
  readonly handler: Handler;
  readonly notifier: HubNotifier;
  readonly metrics: Metrics;
  readonly validator: SelfValidator;
}

/** Options for parts that talk to the outside, replaceable in tests. */
export interface HeraldOptions {
  readonly clock?: Clock;
  readonly notifier?: Partial<NotifierOptions>;
  /** Also export process metrics (CPU, memory, event loop) on /metrics: for the server, not for tests. */
  readonly processMetrics?: boolean;
}

/** Wires the library, store, publisher and HTTP handler from a config; loads no posts yet. */
export function createHerald(config: Config, log: Logger, options: HeraldOptions = {}): Herald {
  const clock = options.clock ?? systemClock;
  const library = new PostLibrary(
    config.paths.posts,
    { url: config.site.url, timezone: config.site.timezone, permalink: config.site.permalink, staticDir: config.paths.static },
    config.limits,
  );
  const metrics = new Metrics({ processMetrics: options.processMetrics ?? false });
  const store = new FeedStore(siteSettings(config), config.feeds, buildSnapshot([], clock.now()), (seconds) => metrics.renderSeconds.observe(seconds));
  const publisher = new Publisher(library, store, log, clock);
  publisher.on('change', () => {
    const content = publisher.contentStatus;
    metrics.postsServed.set(content.visible);
    metrics.postsRejected.set(content.problems.length);
    if (content.reloadSeconds !== undefined) metrics.reloadSeconds.observe(content.reloadSeconds);
  });
  const validator = new SelfValidator(store, () => publisher.contentStatus.problems, config.server.publicUrl, log, metrics, clock);
  const handler = createApp({
    store,
    config,
    log,
    metrics,
    status: {
      ready: () => publisher.contentStatus.loadedAt !== undefined,
      status: () => statusOf(publisher.contentStatus, validator.last),
      validation: () => validator.last,
    },
  });
  const notifier = new HubNotifier(config.feeds.hubs, log, options.notifier);
  if (config.feeds.hubs.length) {
    publisher.on('change', () => notifier.contentChanged(store, config.server.publicUrl));
  }
  return { config, store, publisher, handler, notifier, metrics, validator };
}

// Degraded: posts could not be read, the folder is in trouble, or the last validation run found errors.
function statusOf(content: ContentStatus, validation: ValidationReport | undefined) {
  const reasons = [
    ...(content.folderProblem ? [content.folderProblem] : []),
    ...(content.problems.length ? [`${content.problems.length} post file(s) could not be read`] : []),
    ...(validation?.status === 'errors' ? [`the last self-validation found ${validation.totals.errors} error(s)`] : []),
  ];
  return {
    state: reasons.length ? ('degraded' as const) : ('ok' as const),
    details: {
      reasons,
      content,
      validation: validation
        ? { status: validation.status, finishedAt: validation.finishedAt, durationMs: validation.durationMs, totals: validation.totals }
        : { status: 'pending' },
    },
  };
}
