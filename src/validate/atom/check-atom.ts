import { ATOM_NS } from '../xml/namespaces.js';
import { at, checkAttributes, noText, requireChild, walkChildren, type CheckContext } from '../xml/walk.js';
import { child, childrenNamed, type XmlElement } from '../xml/xml-node.js';
import { checkEntry, metadataRules } from './check-entry.js';
import { checkAlternates, relOf } from './check-link.js';
import { checkChannelExtensions } from '../ext/check-extension.js';

const OBSOLETE_NS = ['http://purl.org/atom/ns#', 'http://example.com/newformat#'];

/** Checks the root's namespace; false when the document is in a pre-1.0 Atom namespace and checks stop. */
function checkNamespace(root: XmlElement, context: CheckContext): boolean {
  if (OBSOLETE_NS.includes(root.ns)) {
    context.report.error('atom.namespace.obsolete', `${root.ns} is a pre-standard Atom namespace; Atom 1.0 is ${ATOM_NS}`, at(root));
    return false;
  }
  if (root.ns === '') context.report.error('atom.namespace.missing', `<${root.local}> must be in the Atom namespace ${ATOM_NS}`, at(root));
  else if (root.ns !== ATOM_NS) context.report.error('atom.namespace.invalid', `<${root.local}> is in namespace ${root.ns}, not Atom's ${ATOM_NS}`, at(root));
  if (root.prefix) context.report.warn('atom.namespace.prefixed', `some readers do not understand a prefixed Atom document (${root.prefix}:); use the default namespace`, at(root));
  return true;
}

function checkDuplicateIds(entries: readonly XmlElement[], ownNs: string, context: CheckContext): void {
  const ids = entries.map((entry) => child(entry, ownNs, 'id')?.text.trim());
  if (entries.length >= 3 && ids[0] && ids.every((id) => id === ids[0])) {
    context.report.error('atom.entry.id.all-same', `all ${entries.length} entries have the id ${ids[0]}, so readers will show only one (RFC 4287 §4.2.6)`, at(entries[0]!));
    return;
  }
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const id = child(entry, ownNs, 'id');
    if (!id?.text.trim()) continue;
    const updated = child(entry, ownNs, 'updated')?.text.trim() ?? '';
    const value = id.text.trim();
    if (seen.has(value)) {
      const same = seen.get(value) === updated;
      context.report.warn('atom.entry.id.duplicate', `entry id ${value} appears more than once${same ? ' with the same updated date (RFC 4287 §4.1.1)' : ''}`, at(id));
    }
    seen.set(value, updated);
  }
}

function checkFeed(feed: XmlElement, context: CheckContext): void {
  const ownNs = feed.ns;
  checkAttributes(feed, [], context);
  noText(feed, context);
  const entries = childrenNamed(feed, ownNs, 'entry');
  const hasAuthor = Boolean(child(feed, ownNs, 'author'));
  walkChildren(feed, ownNs, { ...metadataRules(ownNs), entry: { check: (e, c) => checkEntry(e, ownNs, hasAuthor, c) } }, context);
  const firstEntry = feed.children.indexOf(entries[0]!);
  const misplaced = firstEntry >= 0 && feed.children.slice(firstEntry).find((c) => c.ns === ownNs && c.local !== 'entry');
  if (misplaced) context.report.error('atom.feed.metadata.misplaced', `<${misplaced.qname}> must come before the entries`, at(misplaced));
  for (const name of ['title', 'id', 'updated']) requireChild(feed, ownNs, name, context);
  const links = childrenNamed(feed, ownNs, 'link');
  if (!links.some((link) => relOf(link) === 'self')) context.report.warn('atom.feed.link.self.missing', '<feed> should have a link rel="self" with its own URL (RFC 4287 §4.1.1)', at(feed));
  checkAlternates(links, context);
  checkDuplicateIds(entries, ownNs, context);
  checkChannelExtensions(feed, context);
}

/** Checks an Atom 1.0 document (RFC 4287): a feed document (§4.1.1) or an entry document (§4.1.2). */
export function checkAtom(root: XmlElement, context: CheckContext): void {
  if (!checkNamespace(root, context)) return;
  if (root.local === 'feed') checkFeed(root, context);
  else if (root.local === 'entry') checkEntry(root, root.ns, false, context);
  else context.report.error('atom.root.invalid', `an Atom document's root must be <feed> or <entry>, not <${root.qname}>`, at(root));
}
