import type { IncomingHttpHeaders } from 'node:http';
import { VIEW_SPECS } from '../address/views.js';
import { matchingTag, notModifiedSince } from '../http/negotiate.js';
import type { Format } from '../model/feed.js';
import { bytesTag, isHeraldEtag, type Rendered } from '../store/rendered.js';
import { Report } from '../validate/finding.js';
import { sniffFormat } from '../validate/sniff.js';
import { parseXml } from '../validate/xml/parse-xml.js';
import type { FetchedResponse } from './fetch-url.js';

/** What can be wrong at a public feed URL, as a reader fetching it through a CDN or proxy sees it. */
export const PROBE_PROBLEM_KINDS = [
  'unreachable',
  'timeout',
  'too-large',
  'encoding',
  'status',
  'redirect',
  'content-type',
  'not-a-feed',
  'body-differs',
  'etag-missing',
  'etag-foreign',
  'last-modified-missing',
  'no-304',
] as const;

export type ProbeProblemKind = (typeof PROBE_PROBLEM_KINDS)[number];

/** One problem at one URL: its kind and a sentence for the operator. */
export interface ProbeProblem {
  readonly kind: ProbeProblemKind;
  readonly message: string;
}

/** The validators a reader keeps from a response, to send back as If-None-Match / If-Modified-Since. */
export interface Validators {
  readonly etag?: string;
  readonly lastModified?: string;
}

/** What Herald itself serves at the URL now: its bytes and ETags, and the Last-Modified it sends. */
export interface Served {
  readonly rendered: Rendered;
  readonly lastModified: Date;
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The validators of a response, as a reader keeps them (undefined when it has neither). */
export function validatorsOf(response: FetchedResponse): Validators | undefined {
  const etag = header(response.headers, 'etag');
  const lastModified = header(response.headers, 'last-modified');
  if (etag === undefined && lastModified === undefined) return undefined;
  return { ...(etag === undefined ? {} : { etag }), ...(lastModified === undefined ? {} : { lastModified }) };
}

/**
 * Whether `held` names what Herald serves now, so that a conditional request with it must get a 304:
 * by its ETag when it is one of Herald's (any variant, weak or strong, RFC 9110 §13.1.2), else by its
 * Last-Modified (RFC 9110 §13.1.3), as Herald itself answers.
 */
export function validatorsCurrent(held: Validators, served: Served): boolean {
  const tag = held.etag?.trim().replace(/^W\//, '');
  if (tag !== undefined && isHeraldEtag(tag)) return matchingTag(tag, served.rendered.etags, served.rendered.identity.etag) !== undefined;
  return held.lastModified !== undefined && notModifiedSince(held.lastModified, served.lastModified);
}

// Whether the body reads as a document of `format`: the root (or JSON object) says so and it parses.
function readsAs(body: Buffer, format: Format): boolean {
  if (sniffFormat(body) !== format) return false;
  const text = body.toString('utf8');
  if (format !== 'json') return parseXml(text, new Report()) !== undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && typeof (parsed as { version?: unknown }).version === 'string';
  } catch {
    return false;
  }
}

// A few words on what came instead of a feed: an HTML page's title, or the first characters.
function describe(body: Buffer): string {
  const text = body.subarray(0, 2048).toString('utf8');
  const title = /<title[^>]*>([^<]{0,120})/i.exec(text)?.[1]?.trim();
  if (title !== undefined) return `an HTML page titled ${JSON.stringify(title)}`;
  return `${JSON.stringify(text.slice(0, 60))}${text.length > 60 ? '…' : ''}`;
}

/**
 * The problems of a 200 for a feed of `format` at `url`, judged against what Herald serves there now
 * (`served`, undefined when Herald has no such document any more): its Content-Type, its body (an
 * intact earlier version of Herald's bytes, named by its own ETag, is a cache's copy and no problem),
 * and its validators.
 */
export function judgeOk(response: FetchedResponse, format: Format, served: Served | undefined): ProbeProblem[] {
  const problems: ProbeProblem[] = [];
  const expected = VIEW_SPECS[format].mediaType;
  const contentType = header(response.headers, 'content-type');
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== expected) problems.push({ kind: 'content-type', message: `Content-Type ${contentType === undefined ? 'missing' : JSON.stringify(contentType)}, where Herald sends ${JSON.stringify(VIEW_SPECS[format].contentType)}` });
  const etag = header(response.headers, 'etag');
  const tag = bytesTag(response.body);
  const same = served !== undefined && tag === served.rendered.identity.etag;
  if (!same) {
    const cachedCopy = etag !== undefined && etag.replace(/^W\//, '').replace(/-(?:gz|br)"$/, '"') === tag;
    if (!readsAs(response.body, format)) problems.push({ kind: 'not-a-feed', message: `the body is not a ${VIEW_SPECS[format].label} document but ${describe(response.body)}` });
    else if (!cachedCopy && served !== undefined) problems.push({ kind: 'body-differs', message: `the body (${response.body.length} bytes) differs from what Herald serves at this URL (${served.rendered.identity.body.length} bytes, ETag ${served.rendered.identity.etag})` });
  }
  if (etag === undefined) problems.push({ kind: 'etag-missing', message: 'no ETag: readers cannot send If-None-Match' });
  else if (!isHeraldEtag(etag.replace(/^W\//, ''))) problems.push({ kind: 'etag-foreign', message: `ETag ${etag} is not Herald's (a request passed through with it cannot get a 304 from Herald)` });
  if (header(response.headers, 'last-modified') === undefined) problems.push({ kind: 'last-modified-missing', message: 'no Last-Modified: readers cannot send If-Modified-Since' });
  return problems;
}

/** The problem of an answer that is neither a 200 nor a 304: a redirect (and where to) or another status. */
export function judgeStatus(response: FetchedResponse, url: string): ProbeProblem {
  const location = header(response.headers, 'location');
  if (response.status >= 300 && response.status < 400 && response.status !== 304) {
    let target = location ?? '(no Location)';
    if (location !== undefined && URL.canParse(location, url)) target = new URL(location, url).href;
    return { kind: 'redirect', message: `${response.status} redirect to ${target}: readers may follow it, or keep polling the old URL` };
  }
  const type = header(response.headers, 'content-type');
  return { kind: 'status', message: `answered ${response.status}${type ? ` (${type})` : ''} where Herald answers 200` };
}
