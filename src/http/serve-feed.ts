import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Rendered } from '../store/rendered.js';
import { chooseVariant, noneMatch, notModifiedSince } from './negotiate.js';

/** Headers every feed response carries, decided once from config. */
export interface FeedHeaders {
  readonly cacheControl: string;
  /** RFC 8288 Link values (WebSub hub and self), or undefined when there are no hubs. */
  readonly link?: (selfUrl: string) => string;
}

/**
 * Sends a rendered feed with conditional-request handling (RFC 9110 §13): If-None-Match first, and
 * If-Modified-Since only when there is none; 304 without a body; HEAD with headers only.
 */
export function serveFeed(req: IncomingMessage, res: ServerResponse, rendered: Rendered, headers: FeedHeaders, selfUrl: string): void {
  const { variant, encoding } = chooseVariant(rendered, req.headers['accept-encoding']);
  res.setHeader('Content-Type', rendered.contentType);
  res.setHeader('ETag', variant.etag);
  res.setHeader('Last-Modified', rendered.lastModified.toUTCString());
  res.setHeader('Cache-Control', headers.cacheControl);
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (headers.link) res.setHeader('Link', headers.link(selfUrl));
  const inm = req.headers['if-none-match'];
  const ims = req.headers['if-modified-since'];
  const notModified = inm !== undefined ? noneMatch(inm, variant.etag) : ims !== undefined && notModifiedSince(ims, rendered.lastModified);
  if (notModified) {
    res.statusCode = 304;
    res.end();
    return;
  }
  if (encoding) res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', variant.body.length);
  res.statusCode = 200;
  res.end(req.method === 'HEAD' ? undefined : variant.body);
}
