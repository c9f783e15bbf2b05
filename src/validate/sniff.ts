import { TextDecoder } from 'node:util';
import type { FeedFormat } from './format.js';

const PROLOG = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>)*/i;
const ROOT = /^<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/;
const ROOT_FORMATS: Readonly<Record<string, FeedFormat>> = { feed: 'atom', entry: 'atom', service: 'atom', categories: 'atom', rss: 'rss', RDF: 'rss', channel: 'rss', Channel: 'rss', opml: 'opml', outlineDocument: 'opml' };

function head(body: string | Buffer): string {
  if (typeof body === 'string') return body.slice(0, 4096).replace(/^\uFEFF/, '');
  if (body[0] === 0xfe && body[1] === 0xff) return new TextDecoder('utf-16be').decode(body.subarray(2, 8192));
  if (body[0] === 0xff && body[1] === 0xfe) return new TextDecoder('utf-16le').decode(body.subarray(2, 8192));
  return body.subarray(0, 4096).toString('latin1').replace(/^\u00EF\u00BB\u00BF/, '');
}

function fromContentType(contentType: string | undefined): FeedFormat | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/feed+json' || type === 'application/json') return 'json';
  if (type === 'application/atom+xml') return 'atom';
  if (type === 'application/rss+xml' || type === 'application/rdf+xml') return 'rss';
  if (type === 'text/x-opml' || type === 'application/opml+xml') return 'opml';
  return undefined;
}

/**
 * The format of a feed document judged from its first bytes (JSON object, or the XML root element),
 * falling back to the Content-Type; undefined when neither says.
 */
export function sniffFormat(body: string | Buffer, contentType?: string): FeedFormat | undefined {
  const text = head(body);
  if (/^\s*[[{]/.test(text)) return 'json';
  const rest = text.replace(PROLOG, '');
  const root = ROOT.exec(rest)?.[1];
  return (root && ROOT_FORMATS[root]) || fromContentType(contentType);
}
