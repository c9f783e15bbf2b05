import { at, checkAttributes, noText, requireChild, walkChildren, type CheckContext, type ChildRules } from '../xml/walk.js';
import { attr, child, childrenNamed, type XmlElement } from '../xml/xml-node.js';
import { checkAlternates, checkLink, relOf } from './check-link.js';
import { checkAtomDate, checkCategory, checkGenerator, checkId, checkIriElement, checkPerson } from './check-parts.js';
import { checkTextConstruct } from './check-text.js';

/** The children an atom:entry shares with atom:feed and atom:source (RFC 4287 §4.1.1, §4.1.2). */
function sharedRules(ownNs: string): ChildRules {
  const text = { once: true, check: (e: XmlElement, c: CheckContext) => checkTextConstruct(e, c) };
  return {
    author: { check: (e, c) => checkPerson(e, ownNs, c) },
    contributor: { check: (e, c) => checkPerson(e, ownNs, c) },
    category: { check: checkCategory },
    id: { once: true, check: checkId },
    link: { check: checkLink },
    rights: text,
    title: text,
    updated: { once: true, check: checkAtomDate },
  };
}

/** The children an atom:feed or atom:source may hold (RFC 4287 §4.1.1, §4.2.11), entries aside. */
export function metadataRules(ownNs: string): ChildRules {
  return {
    ...sharedRules(ownNs),
    generator: { once: true, check: checkGenerator },
    icon: { once: true, check: checkIriElement },
    logo: { once: true, check: checkIriElement },
    subtitle: { once: true, check: (e, c) => checkTextConstruct(e, c) },
  };
}

function checkSource(source: XmlElement, ownNs: string, context: CheckContext): void {
  noText(source, context);
  walkChildren(source, ownNs, metadataRules(ownNs), context);
  checkAlternates(childrenNamed(source, ownNs, 'link'), context);
  for (const name of ['id', 'title', 'updated']) {
    if (!child(source, ownNs, name)) context.report.warn(`atom.source.${name}.missing`, `<source> should contain <${name}> (RFC 4287 §4.2.11)`, at(source));
  }
}

function checkContentRules(entry: XmlElement, ownNs: string, context: CheckContext): void {
  const content = child(entry, ownNs, 'content');
  const summary = child(entry, ownNs, 'summary');
  const links = childrenNamed(entry, ownNs, 'link');
  if (!content) {
    if (!links.some((link) => relOf(link) === 'alternate')) {
      context.report.error('atom.entry.content-or-alternate.missing', '<entry> without <content> must have a link rel="alternate" (RFC 4287 §4.1.1)', at(entry));
    }
    if (!summary) context.report.warn('atom.entry.summary.recommended', '<entry> has neither <content> nor <summary>; readers will show nothing', at(entry));
    return;
  }
  const type = (attr(content, 'type') ?? '').toLowerCase();
  const binary = type.includes('/') && !/[+/]xml(?:;|$)/.test(type) && !type.startsWith('text/');
  if (!summary && (attr(content, 'src') !== undefined || binary)) {
    context.report.error('atom.entry.summary.missing', '<entry> whose content has src or is not text or XML must have a <summary> (RFC 4287 §4.1.1.1)', at(entry));
  }
}

/** Checks an atom:entry (RFC 4287 §4.1.2); `feedHasAuthor` says whether the feed supplies one. */
export function checkEntry(entry: XmlElement, ownNs: string, feedHasAuthor: boolean, context: CheckContext): void {
  checkAttributes(entry, [], context);
  noText(entry, context);
  walkChildren(entry, ownNs, {
    ...sharedRules(ownNs),
    content: { once: true, check: (e, c) => checkTextConstruct(e, c, true) },
    summary: { once: true, check: (e, c) => checkTextConstruct(e, c) },
    published: { once: true, check: checkAtomDate },
    source: { once: true, check: (e, c) => checkSource(e, ownNs, c) },
  }, context);
  for (const name of ['id', 'title', 'updated']) requireChild(entry, ownNs, name, context);
  const source = child(entry, ownNs, 'source');
  if (!feedHasAuthor && !child(entry, ownNs, 'author') && !(source && child(source, ownNs, 'author'))) {
    context.report.error('atom.entry.author.missing', '<entry> must have an <author> when the feed has none (RFC 4287 §4.1.2)', at(entry));
  }
  checkContentRules(entry, ownNs, context);
  checkAlternates(childrenNamed(entry, ownNs, 'link'), context);
}
