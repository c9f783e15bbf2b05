import { checkDate, checkInteger, checkLanguage, notBlank } from '../xml/values.js';
import { ATOM_NS } from '../xml/namespaces.js';
import { at, checkAttributes, noText, requireChild, walkChildren, type CheckContext } from '../xml/walk.js';
import { attr, child, childrenNamed, type XmlDocument, type XmlElement } from '../xml/xml-node.js';
import { relOf } from '../atom/check-link.js';
import { checkCloud, checkImage, checkSkipDays, checkSkipHours, checkTextInput } from './check-channel-parts.js';
import { checkItem } from './check-item.js';
import { checkChannelExtensions } from '../ext/check-extension.js';
import { checkFullUrl, checkRssContact } from './check-values.js';

const VERSIONS = ['0.91', '0.92', '2.0'];

function checkDuplicateGuids(items: readonly XmlElement[], ownNs: string, context: CheckContext): void {
  const seen = new Set<string>();
  for (const item of items) {
    const guid = child(item, ownNs, 'guid');
    const value = guid?.text.trim();
    if (!guid || !value) continue;
    if (seen.has(value)) context.report.error('rss.item.guid.duplicate', `guid ${value} is used by more than one item`, at(guid));
    seen.add(value);
  }
}

function checkChannel(channel: XmlElement, version: string, context: CheckContext): void {
  const ownNs = channel.ns;
  checkAttributes(channel, [], context);
  noText(channel, context);
  const date = (e: XmlElement, c: CheckContext) => void checkDate(e, c, 'rfc822');
  walkChildren(channel, ownNs, {
    title: { once: true, leaf: [], check: notBlank },
    link: { once: true, leaf: [], check: checkFullUrl },
    description: { once: true, leaf: [] },
    language: { once: true, leaf: [], check: (e, c) => checkLanguage(e, c) },
    copyright: { once: true, leaf: [] },
    managingEditor: { once: true, leaf: [], check: checkRssContact },
    webMaster: { once: true, leaf: [], check: checkRssContact },
    pubDate: { once: true, leaf: [], check: date },
    lastBuildDate: { once: true, leaf: [], check: date },
    category: { leaf: ['domain'] },
    generator: { once: true, leaf: [] },
    docs: { once: true, leaf: [], check: checkFullUrl },
    cloud: { once: true, leaf: ['domain', 'port', 'path', 'registerProcedure', 'protocol'], check: checkCloud },
    ttl: { once: true, leaf: [], check: (e, c) => checkInteger(e, c, 1) },
    image: { once: true, check: (e, c) => checkImage(e, ownNs, c) },
    rating: { once: true, leaf: [] },
    textInput: { once: true, check: (e, c) => checkTextInput(e, ownNs, c) },
    skipHours: { once: true, check: (e, c) => checkSkipHours(e, ownNs, c) },
    skipDays: { once: true, check: (e, c) => checkSkipDays(e, ownNs, c) },
    item: { check: (e, c) => checkItem(e, ownNs, version, c) },
  }, context);
  for (const name of ['title', 'link', 'description']) requireChild(channel, ownNs, name, context);
  const selfLink = childrenNamed(channel, ATOM_NS, 'link').some((link) => relOf(link) === 'self');
  if (version === '2.0' && !selfLink) {
    context.report.warn('rss.channel.atom-link.self.missing', '<channel> should have an atom:link rel="self" with the feed\'s own URL', at(channel));
  }
  checkDuplicateGuids(childrenNamed(channel, ownNs, 'item'), ownNs, context);
  checkChannelExtensions(channel, context);
}

function checkDoctype(doctype: string | undefined, version: string | undefined, root: XmlElement, context: CheckContext): void {
  if (doctype === undefined) return;
  if (/my\.netscape\.com\/publish\/formats\/rss-0\.91\.dtd/.test(doctype)) {
    context.report.error('rss.doctype.deprecated', 'the Netscape RSS 0.91 DTD is gone; remove the DOCTYPE or use http://www.rssboard.org/rss-0.91.dtd', at(root));
  } else if (/rss-0\.91\.dtd/.test(doctype) && version !== '0.91') {
    context.report.error('rss.doctype.version', `an RSS 0.91 DOCTYPE on a version ${version ?? '(none)'} document`, at(root));
  }
}

/** Checks an RSS 0.91, 0.92 or 2.0 document (RSS 2.0 specification, rssboard.org). */
export function checkRss(document: XmlDocument, context: CheckContext): void {
  const root = document.root;
  const version = attr(root, 'version');
  if (root.ns) context.report.error('rss.namespace.invalid', `<rss> must not be in a namespace (found ${root.ns})`, at(root));
  if (version === undefined) context.report.error('rss.version.missing', '<rss> must have a version attribute, "2.0"', at(root));
  else if (!VERSIONS.includes(version)) context.report.error('rss.version.invalid', `<rss> version "${version}" is not 0.91, 0.92 or 2.0`, at(root));
  checkDoctype(document.doctype, version, root, context);
  checkAttributes(root, ['version'], context);
  noText(root, context);
  walkChildren(root, root.ns, { channel: { once: true, check: (e, c) => checkChannel(e, version ?? '2.0', c) } }, context);
  requireChild(root, root.ns, 'channel', context);
}
