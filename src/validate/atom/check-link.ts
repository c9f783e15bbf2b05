import { checkRfc3339 } from '../values/dates.js';
import { isMediaType } from '../values/mime.js';
import { checkUri } from '../values/uris.js';
import { checkInteger, checkLanguage, checkUriValue, ruleOf } from '../xml/values.js';
import { at, checkAttributes, type CheckContext } from '../xml/walk.js';
import { attr, baseOf, deepText, type XmlElement } from '../xml/xml-node.js';

// IANA link relations (RFC 4287 §4.2.7.2 and later registrations) that feeds use.
const REGISTERED = new Set([
  'alternate', 'related', 'self', 'enclosure', 'via', 'current', 'first', 'last', 'next', 'previous', 'prev-archive',
  'next-archive', 'hub', 'license', 'replies', 'edit', 'edit-media', 'search', 'service', 'up', 'describedby', 'payment',
]);
const FEED_TYPES = ['application/atom+xml', 'application/rss+xml', 'application/rdf+xml', 'application/feed+json'];
/** The feed paging and archiving relations of RFC 5005. */
export const PAGING_RELS = new Set(['current', 'first', 'last', 'previous', 'next', 'prev-archive', 'next-archive']);
const THR_NS = 'http://purl.org/syndication/thread/1.0';
const IANA_PREFIX = 'http://www.iana.org/assignments/relation/';
const ALLOWED = ['href', 'rel', 'type', 'hreflang', 'title', 'length', 'thr:count', 'thr:updated', 'thr:when'];

/** The relation of an Atom link, defaulting to "alternate" (RFC 4287 §4.2.7.2). */
export function relOf(link: XmlElement): string {
  const rel = attr(link, 'rel') ?? 'alternate';
  return rel.startsWith(IANA_PREFIX) ? rel.slice(IANA_PREFIX.length) : rel;
}

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}

/** Checks that a self link is absolute and names the URL the document was fetched from. */
export function checkSelf(link: XmlElement, href: string, context: CheckContext): void {
  const base = baseOf(link, undefined);
  let resolved: string | undefined;
  try {
    resolved = new URL(href, base).href;
  } catch {
    context.report.warn(ruleOf(link, context, 'self-relative'), `the self link "${href}" should be an absolute URL`, at(link));
    return;
  }
  if (context.url === undefined) return;
  if (!sameUrl(resolved, context.url)) {
    context.report.warn(ruleOf(link, context, 'self-mismatch'), `the self link ${resolved} differs from the URL the feed was fetched from, ${context.url}`, at(link));
  }
}

/** Checks an atom:link (RFC 4287 §4.2.7): href present and a valid IRI, rel, type, hreflang, length. */
export function checkLink(link: XmlElement, context: CheckContext): void {
  checkAttributes(link, ALLOWED, context);
  const rel = relOf(link);
  const rawRel = attr(link, 'rel');
  if (rawRel === '') context.report.warn(ruleOf(link, context, 'rel-blank'), '<link> has an empty rel attribute', at(link));
  else if (!REGISTERED.has(rel) && checkUri(rel, { absolute: true }) !== undefined) {
    context.report.warn(ruleOf(link, context, 'rel-unregistered'), `link relation "${rel}" is neither registered with IANA nor a URI`, at(link));
  }
  const type = attr(link, 'type');
  if (type !== undefined && !isMediaType(type)) {
    context.report.error(ruleOf(link, context, 'type'), `<link> type "${type}" is not a media type`, at(link));
  } else if (type !== undefined && rel === 'self' && !FEED_TYPES.includes(type.split(';')[0]!.trim())) {
    context.report.warn(ruleOf(link, context, 'self-type'), `the self link's type "${type}" is not a feed type`, at(link));
  }
  const length = attr(link, 'length');
  if (length !== undefined) checkInteger(link, context, 0, Number.MAX_SAFE_INTEGER, length, '<link> length');
  else if (rel === 'enclosure') context.report.warn(ruleOf(link, context, 'enclosure-length'), 'an enclosure link should give its length in bytes (RFC 4287 §4.2.7.2)', at(link));
  const hreflang = attr(link, 'hreflang');
  if (hreflang !== undefined) checkLanguage(link, context, hreflang, '<link> hreflang');
  const href = attr(link, 'href');
  if (href === undefined) {
    context.report.error(ruleOf(link, context, 'href-missing'), '<link> must have an href attribute (RFC 4287 §4.2.7.1)', at(link));
  } else if (checkUriValue(link, context, false, href, '<link> href') && rel === 'self' && link.parent?.local !== 'entry') {
    checkSelf(link, href, context);
  }
  if (deepText(link).trim()) context.report.warn(ruleOf(link, context, 'not-empty'), '<link> should be empty; readers ignore its content', at(link));
  if (PAGING_RELS.has(rel) && link.parent?.local === 'entry') context.report.warn(ruleOf(link, context, 'paging-in-entry'), `a ${rel} link belongs to a feed, not an entry (RFC 5005)`, at(link));
  checkThreadAttributes(link, rel, context);
}

/** Checks thr:count and thr:updated, which only a replies link carries (RFC 4685 §4). */
function checkThreadAttributes(link: XmlElement, rel: string, context: CheckContext): void {
  const count = attr(link, 'count', THR_NS);
  const updated = attr(link, 'updated', THR_NS);
  if ((count !== undefined || updated !== undefined) && rel !== 'replies') {
    context.report.error(ruleOf(link, context, 'thr-not-replies'), 'thr:count and thr:updated belong on a link rel="replies" only (RFC 4685 §4)', at(link));
  }
  if (count !== undefined) checkInteger(link, context, 0, Number.MAX_SAFE_INTEGER, count, '<link> thr:count');
  const verdict = updated === undefined ? undefined : checkRfc3339(updated);
  if (verdict?.kind === 'error') context.report.error(ruleOf(link, context, 'thr-updated'), `<link> thr:updated "${updated}": ${verdict.reason}`, at(link));
  if (attr(link, 'when', THR_NS) !== undefined) context.report.error(ruleOf(link, context, 'thr-when'), 'thr:when was renamed thr:updated (RFC 4685 §4)', at(link));
}

/** Reports two alternate links with the same type and hreflang (RFC 4287 §4.1.1). */
export function checkAlternates(links: readonly XmlElement[], context: CheckContext): void {
  const seen = new Set<string>();
  for (const link of links) {
    if (relOf(link) !== 'alternate') continue;
    const key = `${attr(link, 'type') ?? ''} ${attr(link, 'hreflang') ?? ''}`;
    if (seen.has(key)) context.report.error(`atom.${link.parent?.local ?? 'feed'}.link.alternate-duplicate`, 'two alternate links with the same type and hreflang (RFC 4287 §4.1.1)', at(link));
    seen.add(key);
  }
}
