import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Express, Request, Response } from 'express';
import type { Metrics } from '../metrics/metrics.js';
import type { Stats } from '../stats/stats.js';
import { renderStatsHtml } from '../stats/render-stats-html.js';
import { makeRendered, type Rendered } from '../store/rendered.js';
import { chooseVariant, matchingTag } from './negotiate.js';

/** Something that can say how Herald is doing, for /status and /readyz. */
export interface StatusSource {
  /** True once the posts have been read and the feeds can be served. */
  ready(): boolean;
  /** 'ok', or 'degraded' with the reasons; the same object until something it reports changes. */
  status(): { state: 'ok' | 'degraded'; details: Record<string, unknown> };
  /** The last self-validation report (the same object until the next run), or undefined before the first has finished. */
  validation(): object | undefined;
}

/** Who may see the operator endpoints: a bearer token, and whether this listener is the operator's own. */
export interface OperatorAccess {
  /** `operator.token`: `Authorization: Bearer <token>` opens the details on the public listener. */
  readonly token?: string;
  /** The listener is `operator.listen` (everything open), or the public one. */
  readonly listener: 'public' | 'operator';
  /** An operator listener exists, so the public one shows no details to anyone without the token. */
  readonly separate: boolean;
}

/** What the operator endpoints read. */
export interface OperatorDeps {
  readonly status: StatusSource;
  readonly metrics: Metrics;
  readonly stats?: Stats;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether `req` may see operator details on this listener: open when nothing restricts them. */
export function operatorAllowed(access: OperatorAccess, req: IncomingMessage): boolean {
  if (access.listener === 'operator') return true;
  if (access.token === undefined) return !access.separate;
  const header = req.headers.authorization;
  if (header === undefined || !/^bearer /i.test(header)) return false;
  // Compared as digests, in constant time: the comparison says nothing about how much of a guess was right.
  return timingSafeEqual(digest(header.slice(7).trim()), digest(access.token));
}

/** The bytes of a JSON value, rendered again only when the value is another object than the last one. */
function jsonBytes<T extends object>(): (value: T, json: (value: T) => unknown) => Rendered {
  let last: { value: T; rendered: Rendered } | undefined;
  return (value, json) => {
    if (last?.value !== value) last = { value, rendered: makeRendered(`${JSON.stringify(json(value))}\n`, JSON_TYPE) };
    return last.rendered;
  };
}

/** Sends bytes built once, with their ETag: a 304 when If-None-Match names any variant of them (RFC 9110 §13.1.2), with the tag matched. */
function sendBytes(req: Request, res: Response, rendered: Rendered, cacheControl: string): void {
  const variant = chooseVariant(rendered, req.headers['accept-encoding']);
  const inm = req.headers['if-none-match'];
  const matched = inm === undefined ? undefined : matchingTag(inm, rendered.etags, variant.etag);
  res.set({ 'Content-Type': rendered.contentType, ETag: matched ?? variant.etag, 'Cache-Control': cacheControl, Vary: 'Accept-Encoding, Authorization' });
  if (matched !== undefined) return void res.status(304).end();
  if (variant.encoding) res.set('Content-Encoding', variant.encoding);
  res.set('Content-Length', String(variant.body.length)).end(req.method === 'HEAD' ? undefined : variant.body);
}

// Details are for the operator: kept by no shared cache, revalidated by the client's own.
const PRIVATE = 'private, no-cache';

/**
 * Mounts /status, /validation, /metrics and (with stats) /stats and /stats.html. Without access,
 * /status says only ok or degraded, and the others answer 401 (a token exists) or 404 (they are served
 * on the operator's listener only). /status and /validation are built once per change and served as
 * bytes with an ETag.
 */
export function mountOperatorRoutes(app: Express, deps: OperatorDeps, access: OperatorAccess, htmlHeaders: Readonly<Record<string, string>>): void {
  const allowed = (req: Request, res: Response): boolean => {
    if (operatorAllowed(access, req)) return true;
    res.set('Cache-Control', 'no-store');
    if (access.token !== undefined) res.status(401).set('WWW-Authenticate', 'Bearer realm="herald"').type('text').send('401 this needs the operator token (Authorization: Bearer …)\n');
    else res.status(404).type('text').send('404 served on the operator address only (operator.listen)\n');
    return false;
  };
  const statusBytes = jsonBytes<ReturnType<StatusSource['status']>>();
  const shortBytes = jsonBytes<ReturnType<StatusSource['status']>>();
  const validationBytes = jsonBytes<object>();
  // Degraded is reported, not a failure: every replica shares the same posts, so a broken post must not
  // take them all out of a load balancer.
  app.get('/status', (req, res) => {
    const status = deps.status.status();
    if (operatorAllowed(access, req)) return sendBytes(req, res, statusBytes(status, ({ state, details }) => ({ status: state, ...details })), PRIVATE);
    sendBytes(req, res, shortBytes(status, ({ state }) => ({ status: state })), 'no-cache');
  });
  app.get('/validation', (req, res) => {
    if (!allowed(req, res)) return;
    const report = deps.status.validation();
    if (report) return sendBytes(req, res, validationBytes(report, (value) => value), PRIVATE);
    res.status(503).set({ 'Retry-After': '5', 'Cache-Control': 'no-store' }).json({ status: 'pending', message: 'the first self-validation run has not finished yet' });
  });
  app.get('/metrics', async (req, res) => {
    if (!allowed(req, res)) return;
    res.set('Content-Type', deps.metrics.registry.contentType).set('Cache-Control', 'no-store').send(await deps.metrics.registry.metrics());
  });
  const stats = deps.stats;
  if (!stats) return;
  app.get('/stats', (req, res) => {
    if (allowed(req, res)) res.set('Cache-Control', 'no-store').json(stats.report());
  });
  app.get('/stats.html', (req, res) => {
    if (allowed(req, res)) res.set(htmlHeaders).set('Cache-Control', 'no-store').type('html').send(renderStatsHtml(stats.report()));
  });
}
