import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { UrlScheme } from '../address/url-scheme.js';
import type { Config } from '../config/config.js';
import type { Metrics } from '../metrics/metrics.js';
import type { FeedStore } from '../store/feed-store.js';
import { ByteCache } from '../store/byte-cache.js';
import { HttpError, NotFoundError, statusOf } from './errors.js';
import { FeedTarget, serveFeed, type FeedHeaders, type FeedPolls } from './serve-feed.js';
import { staticFiles } from './static-files.js';
import type { Stats } from '../stats/stats.js';
import { feedRefOf } from '../stats/feed-ref.js';
import { mountOperatorRoutes, type OperatorAccess, type StatusSource } from './operator.js';
import type { Address } from '../address/address.js';
import type { Post } from '../model/post.js';
import { VIEW_SPECS } from '../address/views.js';
import { termIndex } from '../store/snapshot.js';
import { RenderTurn, type RenderQueue } from './render-queue.js';

export interface AppDeps {
  readonly store: FeedStore;
  readonly scheme: UrlScheme;
  readonly config: Config;
  readonly log: Logger;
  readonly status: StatusSource;
  readonly metrics: Metrics;
  /** Subscribers and reader figures (each feed poll is counted), when they are on. */
  readonly stats?: Stats;
  /**
   * Renders post bodies off the serving thread within their budget before a document shows them (a body
   * that fails is withdrawn); without it, bodies not rendered yet are rendered on this thread.
   */
  readonly renderBodies?: (posts: readonly Post[]) => Promise<void>;
  /**
   * Where requests for documents not in the cache wait to be rendered, one per turn of the event loop
   * (`limits.renderQueue` per lane); without it they are rendered at once, in the request's turn.
   */
  readonly renderQueue?: RenderQueue;
}

export type { StatusSource } from './operator.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

const HTML_HEADERS: Readonly<Record<string, string>> = {
  ...SECURITY_HEADERS,
  'Content-Security-Policy': "default-src 'none'; img-src http: https:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

// What a remembered URL costs beyond the URL and its self link (UTF-16, counted twice): its prepared headers.
const TARGET_OVERHEAD = 2048;

// A feed URL answers a browser's navigation with the feed's HTML view, so caches key both answers on these.
const FEED_VARY = 'Accept-Encoding, Sec-Fetch-Dest, Sec-Fetch-Mode';

/** Whether the request is a browser navigating to the URL (Fetch Metadata: `Sec-Fetch-Dest: document`, `Sec-Fetch-Mode: navigate`). */
export function navigating(req: IncomingMessage): boolean {
  return req.headers['sec-fetch-dest'] === 'document' && req.headers['sec-fetch-mode'] === 'navigate';
}

/**
 * The address a request is answered from: a browser navigating to a feed, page or archive in a feed format
 * gets the HTML view of the same document (not the alias spelling); anything else gets what the URL names.
 */
function answeredAddress(address: Address, navigation: boolean): Address {
  if (!navigation || !feedFormat(address)) return address;
  if (address.kind === 'archive') return { kind: 'archive', scope: address.scope, view: 'html', number: address.number };
  return { kind: 'feed', scope: address.scope, view: 'html', page: address.page, ...(address.limit === undefined ? {} : { limit: address.limit }) };
}

// A document in a format readers subscribe to, whose URL answers browsers with HTML.
function feedFormat(address: Address): address is Extract<Address, { kind: 'feed' | 'archive' }> {
  return (address.kind === 'feed' || address.kind === 'archive') && address.view !== 'html';
}

function feedHeaders(config: Config): FeedHeaders {
  const hubs = config.feeds.hubs;
  return {
    cacheControl: `public, max-age=${config.feeds.cacheMaxAge}, s-maxage=${config.feeds.sharedMaxAge}`,
    html: HTML_HEADERS,
    ...(hubs.length ? { link: (self: string) => [...hubs.map((hub) => `<${hub}>; rel="hub"`), `<${self}>; rel="self"`].join(', ') } : {}),
  };
}

/** A plain-text error with Herald's security headers, never cached: `<status> <message>`. */
export function sendError(res: ServerResponse, status: number, message: string, extra: Readonly<Record<string, string>> = {}): void {
  const body = `${status} ${message}\n`;
  res.statusCode = status;
  for (const [name, value] of Object.entries({ ...SECURITY_HEADERS, ...extra })) res.setHeader(name, value);
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.setHeader('Cache-Control', 'no-store');
  res.end(body);
}

/**
 * Resolves a raw request URL to the feed, index or OPML list it names, or undefined for any other path;
 * throws BadAddressError or UnknownAddressError for a bad query, slug or page. Each URL is resolved once
 * per content version (the store's snapshot) while its document stays cached: the same URL then gets the
 * same target, headers prepared, without parsing anything. The URLs remembered are bounded by
 * `cache.urlBytes`; they hold no bytes of their own, so evicting a document frees it.
 */
type Lookup = FeedTarget | Promise<void> | RenderTurn | undefined;

// A document readers subscribe to or navigate to, rendered ahead of other pages, archives and `?limit=` sizes.
function urgent(address: Address): boolean {
  if (address.kind === 'feed') return address.page === 1 && address.limit === undefined;
  return address.kind !== 'archive';
}

function feedTargets({ store, scheme, config, metrics, stats, renderBodies, renderQueue }: AppDeps): {
  targetOf: (rawUrl: string, navigation: boolean, render: boolean, turn: boolean) => Lookup;
  urls: ByteCache<string, FeedTarget>;
} {
  const headers = feedHeaders(config);
  let snapshot = store.snapshot;
  const remembered = new ByteCache<string, FeedTarget>(config.cache.urlBytes);
  // The HTML a browser gets at a feed URL is for that browser only: a shared cache that ignored Vary could not hand it to a reader.
  const browserOnly = `private, max-age=${config.feeds.cacheMaxAge}`;
  const resolve = (rawUrl: string, navigation: boolean, key: string, render: boolean, turn: boolean): Lookup => {
    const url = new URL(rawUrl, 'http://herald.invalid');
    const named = scheme.parseAddress(url.pathname, url.searchParams, store);
    if (!named) return undefined;
    const address = answeredAddress(named, navigation);
    const waiting = render && renderBodies ? store.unrendered(address) : [];
    if (waiting.length) return renderBodies!(waiting);
    if (renderQueue && !turn && !store.isCached(address)) return new RenderTurn(urgent(address), address);
    const { rendered, document, lastModified } = store.cached(address);
    const route = scheme.routeLabel(address);
    const counts = { ok: metrics.requestCount(route, 200), notModified: metrics.requestCount(route, 304) };
    const selfUrl = `${config.server.publicUrl}${url.pathname}${url.search}`;
    // A document too large for the cache is served from this request's copy and not remembered.
    const kept = document.rendered !== undefined;
    const own = { selfUrl, lastModified, vary: feedFormat(named) ? FEED_VARY : 'Accept-Encoding', ...(address === named ? {} : { cacheControl: browserOnly }) };
    const target = new FeedTarget(kept ? document : { rendered, used: false }, headers, own, counts, pollsOf(address));
    if (kept) remembered.set(key, target, 2 * (key.length + selfUrl.length) + TARGET_OVERHEAD);
    return target;
  };
  // Once per URL and content version: the stats document a feed view's polls are counted on.
  const pollsOf = (address: Address): FeedPolls | undefined => {
    if (!stats || address.kind === 'index' || address.kind === 'opml' || address.kind === 'post') return undefined;
    const { scope } = address;
    const term = scope.kind === 'site' ? undefined : termIndex(store.snapshot, scope.kind).get(scope.slug)?.term;
    const ref = feedRefOf(scheme, address, VIEW_SPECS[address.view].subscribable, term?.name);
    if (!ref) return undefined;
    // Hosted readers' counts are read from subscription documents only, not from later pages or archives.
    const later = address.kind === 'archive' || address.page > 1;
    return { stats: stats.polls, document: stats.polls.document(ref, scheme.addressPath(address), config.feeds.cacheMaxAge, later), forwardedFor: config.stats.forwardedFor };
  };
  // A navigation is remembered apart from the same URL's feed (a newline never occurs in a request target).
  const targetOf = (rawUrl: string, navigation: boolean, render: boolean, turn: boolean): Lookup => {
    if (store.snapshot !== snapshot) {
      snapshot = store.snapshot;
      remembered.clear();
    }
    const key = navigation ? `\n${rawUrl}` : rawUrl;
    const target = remembered.get(key);
    return target?.rendered ? target : resolve(rawUrl, navigation, key, render, turn);
  };
  return { targetOf, urls: remembered };
}

// An absolute-form request target that is no URL (`http://[`, RFC 9112 §3.2.2) is the client's mistake.
const BAD_TARGET = 'the request target is not a valid URL';
function targetParses(rawUrl: string): boolean {
  return URL.canParse(rawUrl, 'http://herald.invalid');
}

/**
 * The HTTP handler: feeds, the index and the OPML list are answered straight from the store's cached
 * bytes (no Express on that path); everything else goes through the Express application. The
 * `operator` listener (`operator.listen`) answers only the health and operator endpoints, unrestricted.
 */
export function createApp(deps: AppDeps, listener: OperatorAccess['listener'] = 'public'): Handler {
  const { config, log, metrics } = deps;
  const { targetOf, urls } = feedTargets(deps);
  metrics.watchCache('urls', () => urls.figures());
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((req, res, next) => {
    res.set(SECURITY_HEADERS);
    res.on('finish', () => metrics.requestCount(req.route?.path ?? (res.statusCode < 400 ? 'static' : 'other'), res.statusCode).inc());
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const ready = deps.status.ready();
    res.set('Cache-Control', 'no-store').status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'starting' });
  });
  const access: OperatorAccess = { listener, separate: config.operator.listen !== undefined, ...(config.operator.token ? { token: config.operator.token } : {}) };
  mountOperatorRoutes(app, deps, access, HTML_HEADERS);
  if (listener === 'public') app.use(staticFiles(config.paths.static, config.feeds.cacheMaxAge));
  app.use((req: Request) => {
    throw new NotFoundError(`nothing at ${req.path}: the feeds are listed at /`);
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof HttpError) return sendError(res, error.status, error.message);
    // Express's own client errors (a malformed URL, say) carry a status but no class of ours.
    const status = (error as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return sendError(res, status, 'bad request');
    log.error({ err: error }, 'request failed');
    sendError(res, 500, 'internal error');
  });

  if (listener === 'operator') return (req, res) => void app(req, res);
  // A document whose posts' bodies are not rendered yet waits for them (rendered off this thread), then
  // is looked up again; a content change meanwhile may need more, so at most a few rounds, then here.
  // A document not in the cache then waits for its turn in the render queue (`turn`: it has it).
  const answer = (req: IncomingMessage, res: ServerResponse, rounds: number, turn = false): void => {
    const rawUrl = req.url ?? '/';
    let target: Lookup;
    try {
      target = targetOf(rawUrl, navigating(req), rounds > 0, turn);
    } catch (error) {
      const status = statusOf(error) ?? (targetParses(rawUrl) ? 500 : 400);
      if (status === 500) log.error({ err: error, url: req.url }, 'feed lookup failed');
      metrics.requestCount('feed', status).inc();
      return sendError(res, status, status === 500 ? 'internal error' : statusOf(error) === undefined ? BAD_TARGET : (error as Error).message);
    }
    if (target instanceof RenderTurn) {
      // A client gone while it waited costs no render. A feed page is rendered into the cache a slice of
      // items per turn of the event loop, then served from it; a failure is answered by the lookup in `answer`.
      const { address } = target;
      const job = async () => {
        if (req.socket.destroyed) return;
        await deps.store.renderInSlices(address).catch(() => {});
        answer(req, res, rounds, true);
      };
      if (deps.renderQueue!.enqueue(job, target.urgent)) return;
      metrics.requestCount('feed', 503).inc();
      return sendError(res, 503, 'too many pages waiting to be rendered; retry later', { 'Retry-After': String(RETRY_AFTER_S) });
    }
    if (target instanceof Promise) {
      target.then(
        () => answer(req, res, rounds - 1),
        (error: unknown) => {
          log.error({ err: error, url: req.url }, 'rendering post bodies failed');
          answer(req, res, 0);
        },
      );
      return;
    }
    const rendered = target?.rendered;
    if (!target || !rendered) return void app(req, res);
    serveFeed(req, res, target, rendered);
  };
  return (req, res) => {
    const rawUrl = req.url ?? '/';
    if (req.method !== 'GET' && req.method !== 'HEAD') return targetParses(rawUrl) ? void app(req, res) : sendError(res, 400, BAD_TARGET);
    answer(req, res, RENDER_ROUNDS);
  };
}

const RENDER_ROUNDS = 3;

// What a shed request is told: the queue it met drains in well under a second once the burst stops.
const RETRY_AFTER_S = 1;
