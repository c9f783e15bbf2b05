import { PAGING_RELS, relOf } from '../atom/check-link.js';
import { ATOM_NS } from '../xml/namespaces.js';
import { at, type CheckContext } from '../xml/walk.js';
import { attr, baseOf, child, childrenNamed, type XmlElement } from '../xml/xml-node.js';

const FH_NS = 'http://purl.org/syndication/history/1.0';

function resolve(link: XmlElement, context: CheckContext): string {
  const href = attr(link, 'href') ?? '';
  try {
    return new URL(href, baseOf(link, context.url)).href;
  } catch {
    return href;
  }
}

/**
 * RFC 5005 across a feed's links: a complete feed (§2) has no paging links but a current one naming
 * itself; paging does not run past the first or last page (§3); an archive (§4) links to the current
 * document and to its neighbours.
 */
export function checkHistory(feed: XmlElement, context: CheckContext): void {
  const links = childrenNamed(feed, ATOM_NS, 'link');
  const rels = links.map(relOf);
  const selves = new Set([...(context.url ? [context.url] : []), ...links.filter((l) => relOf(l) === 'self').map((l) => resolve(l, context))]);
  const complete = Boolean(child(feed, FH_NS, 'complete'));
  const rule = (problem: string) => `${context.prefix}.${feed.local}.${problem}`;
  if (complete) {
    for (const link of links.filter((l) => PAGING_RELS.has(relOf(l)))) {
      if (relOf(link) !== 'current') context.report.error(rule('fh-complete.paged'), `a complete feed (fh:complete) must not have a ${relOf(link)} link (RFC 5005 §2)`, at(link));
      else if (!selves.has(resolve(link, context))) context.report.error(rule('fh-complete.current'), 'the current link of a complete feed must name the feed itself (RFC 5005 §2)', at(link));
    }
  }
  for (const [end, beyond] of [['first', 'previous'], ['last', 'next']] as const) {
    const here = links.some((l) => relOf(l) === end && selves.has(resolve(l, context)));
    if (here && rels.includes(beyond)) context.report.error(rule(`link.${beyond}-past-${end}`), `this is the ${end} page, yet it has a ${beyond} link (RFC 5005 §3)`, at(feed));
  }
  if (!child(feed, FH_NS, 'archive') || complete) return;
  if (!rels.includes('prev-archive') && !rels.includes('next-archive')) context.report.warn(rule('fh-archive.unlinked'), 'an archive document should link to its neighbours with prev-archive or next-archive (RFC 5005 §4)', at(feed));
  if (!rels.includes('current')) context.report.warn(rule('fh-archive.current-missing'), 'an archive document should link to the current document (RFC 5005 §4)', at(feed));
}
