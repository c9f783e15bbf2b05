import { checkLink } from '../atom/check-link.js';
import { ATOM_NS, knownPrefix } from '../xml/namespaces.js';
import { at, type CheckContext } from '../xml/walk.js';
import type { XmlElement } from '../xml/xml-node.js';
import { checkCount, checkElement } from './check-element.js';
import { checkHistory } from './history.js';
import { checkPodcastChannel } from './itunes.js';
import type { Place } from './spec.js';
import { VOCABULARIES } from './vocabularies.js';

/** Where an element stands for extensions: an RSS channel or Atom feed, an RSS item or Atom entry, or neither. */
function placeOf(parent: XmlElement | undefined): Place | undefined {
  if (parent?.local === 'channel' || parent?.local === 'feed') return 'channel';
  if (parent?.local === 'item' || parent?.local === 'entry') return 'item';
  return undefined;
}

function undefinedElement(element: XmlElement, prefix: string, context: CheckContext): void {
  const message = `<${element.qname}> is not an element of ${element.ns}`;
  // The W3C validator only warns of XHTML elements out of place.
  if (prefix === 'xhtml') context.report.warn(`${context.prefix}.extension.xhtml-misplaced`, `${message} allowed here`, at(element));
  else context.report.error(`${context.prefix}.extension.undefined`, message, at(element));
}

/** Checks an element from an extension namespace inside an RSS or Atom element, against its vocabulary. */
export function checkExtension(element: XmlElement, context: CheckContext): void {
  if (element.ns === '' && context.prefix === 'atom') {
    context.report.warn('atom.element.no-namespace', `<${element.qname}> is in no namespace, so readers cannot tell what it means`, at(element));
    return;
  }
  if (element.ns === ATOM_NS && element.local === 'link' && context.prefix === 'rss') {
    checkLink(element, context);
    return;
  }
  const prefix = knownPrefix(element.ns);
  const vocabulary = prefix === undefined ? undefined : VOCABULARIES[prefix];
  if (!vocabulary) return;
  const spec = Object.hasOwn(vocabulary, element.local) ? vocabulary[element.local] : undefined;
  if (!spec) return undefinedElement(element, prefix!, context);
  const place = placeOf(element.parent);
  if (spec.in && (place === undefined || !spec.in.includes(place))) {
    context.report.error(`${context.prefix}.extension.misplaced`, `<${element.qname}> belongs inside ${spec.in.map((p) => (p === 'item' ? 'an item or entry' : 'the channel or feed')).join(' or ')}, not <${element.parent?.qname}>`, at(element));
    return;
  }
  checkCount(element, spec, context);
  checkElement(element, spec, context);
}

/** Checks a channel (Atom feed) as a whole for the extensions it uses: podcast requirements, RFC 5005 paging. */
export function checkChannelExtensions(channel: XmlElement, context: CheckContext): void {
  checkPodcastChannel(channel, context);
  checkHistory(channel, context);
}
