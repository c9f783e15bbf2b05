import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RenderQueueFigures } from '../http/render-queue.js';
import type { CacheFigures } from '../store/byte-cache.js';
import type { NotifierFigures } from '../websub/hub-notifier.js';

/** Requests of one route and status, counted with a plain increment and added to the Prometheus counter when scraped. */
export class RequestCount {
  private pending = 0;
  constructor(readonly labels: { readonly route: string; readonly status: number }) {}

  /** Counts one request. */
  inc(): void {
    this.pending++;
  }

  /** The requests counted since the last call. */
  take(): number {
    const taken = this.pending;
    this.pending = 0;
    return taken;
  }
}

/** Herald's Prometheus metrics, in a registry of their own (one per Herald instance). */
export class Metrics {
  readonly registry = new Registry();
  private readonly requestCounts = new Map<string, RequestCount>();
  readonly requests = new Counter({
    name: 'herald_http_requests_total',
    help: 'HTTP requests by route and status (304s show how many polls found nothing new)',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
    collect: () => {
      for (const count of this.requestCounts.values()) {
        const taken = count.take();
        if (taken) this.requests.inc(count.labels, taken);
      }
    },
  });
  readonly renderSeconds = new Histogram({
    name: 'herald_feed_render_seconds',
    help: 'Time to build and render one feed page on the main thread (a self-validation run renders its own in its worker)',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
    registers: [this.registry],
  });
  readonly reloadSeconds = new Histogram({
    name: 'herald_content_reload_seconds',
    help: 'Time to read changed posts and swap in a new content version',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly postsServed = new Gauge({ name: 'herald_posts_served', help: 'Posts visible in the feeds', registers: [this.registry] });
  readonly postsRejected = new Gauge({
    name: 'herald_posts_rejected',
    help: 'Post files that could not be read (see /status)',
    registers: [this.registry],
  });
  readonly validationFindings = new Gauge({
    name: 'herald_validation_findings',
    help: 'Findings of the last self-validation run, by severity',
    labelNames: ['severity'] as const,
    registers: [this.registry],
  });
  readonly validationSeconds = new Gauge({
    name: 'herald_validation_duration_seconds',
    help: 'Duration of the last self-validation run',
    registers: [this.registry],
  });
  readonly probeProblems = new Gauge({
    name: 'herald_probe_problems',
    help: 'Public feed URLs where the last outside-in probe run found a problem of this kind (probe.enabled; see /status)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly probeSeconds = new Gauge({
    name: 'herald_probe_duration_seconds',
    help: 'Duration of the last outside-in probe run',
    registers: [this.registry],
  });

  private readonly caches = new Map<string, { figures: () => CacheFigures; evictions: number }>();
  readonly cacheBytes = new Gauge({
    name: 'herald_cache_bytes',
    help: 'Bytes held by each cache (rendered: documents and their compressed variants; urls: remembered request URLs; bodies: rendered post bodies)',
    labelNames: ['cache'] as const,
    registers: [this.registry],
    collect: () => this.collectCaches(),
  });
  readonly cacheMaxBytes = new Gauge({
    name: 'herald_cache_max_bytes',
    help: 'The bound of each cache in bytes (cache.renderedBytes, cache.urlBytes)',
    labelNames: ['cache'] as const,
    registers: [this.registry],
  });
  readonly cacheEntries = new Gauge({ name: 'herald_cache_entries', help: 'Entries in each cache', labelNames: ['cache'] as const, registers: [this.registry] });
  readonly cacheEvictions = new Counter({
    name: 'herald_cache_evictions_total',
    help: 'Entries evicted from each cache to stay under its bound',
    labelNames: ['cache'] as const,
    registers: [this.registry],
  });

  private websub: { figures: () => NotifierFigures; delivered: number; givenUp: number } | undefined;
  readonly websubBacklog = new Gauge({
    name: 'herald_websub_backlog',
    help: 'WebSub pings not yet delivered: queued (each feed at most once per hub) and in flight',
    labelNames: ['state'] as const,
    registers: [this.registry],
    collect: () => this.collectWebsub(),
  });
  readonly websubHubsBackingOff = new Gauge({ name: 'herald_websub_hubs_backing_off', help: 'WebSub hubs paused after a failed ping', registers: [this.registry] });
  readonly websubPings = new Counter({
    name: 'herald_websub_pings_total',
    help: 'WebSub pings by outcome (given_up: failed websub.attempts times)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly sendTimeouts = new Counter({
    name: 'herald_send_timeouts_total',
    help: 'Responses cut because the client read nothing for server.sendTimeoutMs while bytes waited to be sent',
    registers: [this.registry],
  });

  private renderQueue: { figures: () => RenderQueueFigures; shed: number } | undefined;
  readonly renderWaiting = new Gauge({
    name: 'herald_render_queue',
    help: 'Requests waiting for a document not in the cache to be rendered, by lane (urgent: first pages, the index, post pages)',
    labelNames: ['lane'] as const,
    registers: [this.registry],
    collect: () => this.collectRenderQueue(),
  });
  readonly renderShed = new Counter({
    name: 'herald_render_shed_total',
    help: 'Requests answered 503 because their lane of the render queue was full (limits.renderQueue)',
    registers: [this.registry],
  });

  /** Reports the render queue's waiting jobs and refusals on every scrape. */
  watchRenderQueue(figures: () => RenderQueueFigures): void {
    this.renderQueue = { figures, shed: 0 };
  }

  private collectRenderQueue(): void {
    if (!this.renderQueue) return;
    const now = this.renderQueue.figures();
    this.renderWaiting.set({ lane: 'urgent' }, now.waiting.urgent);
    this.renderWaiting.set({ lane: 'other' }, now.waiting.other);
    if (now.shed > this.renderQueue.shed) this.renderShed.inc(now.shed - this.renderQueue.shed);
    this.renderQueue.shed = now.shed;
  }

  /** Reports the WebSub notifier's backlog and outcomes on every scrape. */
  watchWebsub(figures: () => NotifierFigures): void {
    this.websub = { figures, delivered: 0, givenUp: 0 };
  }

  private collectWebsub(): void {
    if (!this.websub) return;
    const now = this.websub.figures();
    this.websubBacklog.set({ state: 'queued' }, now.queued);
    this.websubBacklog.set({ state: 'in_flight' }, now.inFlight);
    this.websubHubsBackingOff.set(now.backingOff);
    if (now.delivered > this.websub.delivered) this.websubPings.inc({ outcome: 'delivered' }, now.delivered - this.websub.delivered);
    if (now.givenUp > this.websub.givenUp) this.websubPings.inc({ outcome: 'given_up' }, now.givenUp - this.websub.givenUp);
    this.websub.delivered = now.delivered;
    this.websub.givenUp = now.givenUp;
  }

  /** Reports a cache's figures on every scrape, under `cache="<name>"`. */
  watchCache(name: string, figures: () => CacheFigures): void {
    this.caches.set(name, { figures, evictions: 0 });
  }

  private collectCaches(): void {
    for (const [cache, watched] of this.caches) {
      const now = watched.figures();
      this.cacheBytes.set({ cache }, now.bytes);
      this.cacheMaxBytes.set({ cache }, now.maxBytes);
      this.cacheEntries.set({ cache }, now.entries);
      if (now.evictions > watched.evictions) this.cacheEvictions.inc({ cache }, now.evictions - watched.evictions);
      watched.evictions = now.evictions;
    }
  }

  /**
   * The count of one route and status, the same object on every call: its `inc` on the hot path costs no
   * label hashing (prom-client hashes the labels on every `inc` of its own).
   */
  requestCount(route: string, status: number): RequestCount {
    const key = `${status} ${route}`;
    let count = this.requestCounts.get(key);
    if (!count) this.requestCounts.set(key, (count = new RequestCount({ route, status })));
    return count;
  }

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'herald_' });
  }
}
