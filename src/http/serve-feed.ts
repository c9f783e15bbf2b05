import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { RequestCount } from '../metrics/metrics.js';
import type { FeedDocument, PollStats } from '../stats/poll-stats.js';
import type { Cacheable } from '../store/byte-cache.js';
import type { CachedDocument } from '../store/feed-store.js';
import type { Rendered, Variant } from '../store/rendered.js';
import { chooseVariant, matchingTag, notModifiedSince } from './negotiate.js';

/** Headers every feed response carries, decided once from config. */
export interface FeedHeaders {
  readonly cacheControl: string;
  /** RFC 8288 Link values (WebSub hub and self), or undefined when there are no hubs. */
  readonly link?: (selfUrl: string) => string;
  /** Security headers that HTML pages (the index, `feed.html`) carry as well. */
  readonly html: Readonly<Record<string, string>>;
}

/** How a feed document's polls reach the stats: the document, and where the client's address is read. */
export interface FeedPolls {
  readonly stats: PollStats;
  readonly document: FeedDocument;
  /** Read the address from the last X-Forwarded-For entry (set by a proxy in front), not the socket. */
  readonly forwardedFor: boolean;
}

/** What one URL's responses say of it besides its bytes. */
export interface TargetHeaders {
  /** The URL of the document, for the `Link` header's `rel="self"`. */
  readonly selfUrl: string;
  /** Its Last-Modified (the snapshot's, see `Snapshot.modified`). */
  readonly lastModified: Date;
  /** The request headers the answer at this URL depends on (`Accept-Encoding`, and `Sec-Fetch-*` for a feed URL). */
  readonly vary: string;
  /** Replaces `FeedHeaders.cacheControl` (the HTML a browser gets at a feed URL is kept from shared caches). */
  readonly cacheControl?: string;
}

/** The headers of a 304 and (once one is sent) of a 200 for one variant, handed to `writeHead` as they are. */
interface VariantHeaders {
  readonly notModified: OutgoingHttpHeaders;
  ok?: OutgoingHttpHeaders;
}

/**
 * One feed URL in one content version: the store's cached document, the response headers of each
 * variant (built on first use, then reused), and the request counts of its route. It keeps no bytes of
 * its own: once the store evicts the document, `rendered` is undefined and the URL is resolved again.
 */
export class FeedTarget implements Cacheable {
  used = false;
  private readonly link: string | undefined;
  private readonly byEtag = new Map<string, VariantHeaders>();

  constructor(
    private readonly document: CachedDocument,
    private readonly headers: FeedHeaders,
    private readonly own: TargetHeaders,
    private readonly counts: { readonly ok: RequestCount; readonly notModified: RequestCount },
    /** The stats of this document; undefined for pages that are not polled (HTML views, the index, OPML). */
    readonly polls?: FeedPolls,
  ) {
    this.link = headers.link?.(own.selfUrl);
  }

  /** The Last-Modified its responses carry. */
  get lastModified(): Date {
    return this.own.lastModified;
  }

  /** The document's bytes, or undefined once the store has evicted them. Marks the document used. */
  get rendered(): Rendered | undefined {
    this.document.used = true;
    return this.document.rendered;
  }

  /** The headers of a 304 for the variant tagged `etag` (RFC 9110 §15.4.5: the ETag the client holds). */
  notModifiedHeaders(etag: string): OutgoingHttpHeaders {
    return this.headersOf(etag).notModified;
  }

  /** The headers of a 200 for `variant`; its Content-Length needs the body, so a lazy variant is compressed now. */
  okHeaders(variant: Variant): OutgoingHttpHeaders {
    const headers = this.headersOf(variant.etag);
    headers.ok ??= Object.freeze({
      ...headers.notModified,
      ...(variant.encoding ? { 'Content-Encoding': variant.encoding } : {}),
      'Content-Length': variant.body.length,
    });
    return headers.ok;
  }

  private headersOf(etag: string): VariantHeaders {
    let headers = this.byEtag.get(etag);
    if (!headers) {
      const { contentType } = this.document.rendered!;
      const notModified = Object.freeze({
        ...(contentType.startsWith('text/html') ? this.headers.html : {}),
        'Content-Type': contentType,
        ETag: etag,
        'Last-Modified': this.own.lastModified.toUTCString(),
        'Cache-Control': this.own.cacheControl ?? this.headers.cacheControl,
        Vary: this.own.vary,
        'Access-Control-Allow-Origin': '*',
        'X-Content-Type-Options': 'nosniff',
        ...(this.link === undefined ? {} : { Link: this.link }),
      });
      this.byEtag.set(etag, (headers = { notModified }));
    }
    return headers;
  }

  /** Counts one answer with `status`. */
  count(status: 200 | 304): void {
    (status === 304 ? this.counts.notModified : this.counts.ok).inc();
  }
}

/**
 * Sends a rendered feed with conditional-request handling (RFC 9110 §13): If-None-Match first (any
 * variant of the current bytes matches, and the 304 carries the tag matched), and If-Modified-Since
 * only when there is none; 304 without a body; HEAD with headers only.
 */
export function serveFeed(req: IncomingMessage, res: ServerResponse, target: FeedTarget, rendered: Rendered): void {
  const variant = chooseVariant(rendered, req.headers['accept-encoding']);
  const inm = req.headers['if-none-match'];
  const ims = req.headers['if-modified-since'];
  const matched = inm === undefined ? undefined : matchingTag(inm, rendered.etags, variant.etag);
  const notModified = inm !== undefined ? matched !== undefined : ims !== undefined && notModifiedSince(ims, target.lastModified);
  const polls = target.polls;
  if (polls) {
    const address = polls.forwardedFor ? forwardedAddress(req) : req.socket.remoteAddress;
    const retryAfter = polls.stats.poll(polls.document, req.socket, req.headers['user-agent'], address, inm, ims, notModified);
    if (retryAfter) return tooManyRequests(res, retryAfter);
  }
  if (notModified) {
    res.writeHead(304, target.notModifiedHeaders(matched ?? variant.etag)).end();
    target.count(304);
    return;
  }
  res.writeHead(200, target.okHeaders(variant)).end(req.method === 'HEAD' ? undefined : variant.body);
  target.count(200);
}

// The last entry of X-Forwarded-For: the address the proxy in front saw (earlier ones are the client's word).
function forwardedAddress(req: IncomingMessage): string | undefined {
  const header = req.headers['x-forwarded-for'];
  if (header === undefined) return req.socket.remoteAddress;
  const text = Array.isArray(header) ? header[header.length - 1]! : header;
  const comma = text.lastIndexOf(',');
  return (comma < 0 ? text : text.slice(comma + 1)).trim();
}

// Polite polling (see src/stats): an unconditional poll faster than the polling hint.
function tooManyRequests(res: ServerResponse, retryAfter: number): void {
  const body = `429 polled again within the polling hint (Cache-Control max-age); send If-None-Match with the ETag you have, or retry after ${retryAfter} s\n`;
  res.writeHead(429, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'Retry-After': String(retryAfter),
    'X-Content-Type-Options': 'nosniff',
    'Access-Control-Allow-Origin': '*',
  });
  res.end(body);
}
