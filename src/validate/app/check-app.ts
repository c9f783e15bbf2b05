import { checkCategory } from '../atom/check-parts.js';
import { checkTextConstruct } from '../atom/check-text.js';
import { checkUriValue, ruleOf } from '../xml/values.js';
import { ATOM_NS } from '../xml/namespaces.js';
import { at, checkAttributes, noText, walkChildren, type CheckContext, type ChildRules } from '../xml/walk.js';
import { attr, child, type XmlElement } from '../xml/xml-node.js';

/** The Atom Publishing Protocol namespace (RFC 5023 §3.1). */
export const APP_NS = 'http://www.w3.org/2007/app';
// RFC 7231 §5.3.2 media range: type/subtype, either may be *, with parameters.
const MEDIA_RANGE = /^(?:\*\/\*|[\w.+-]+\/(?:\*|[\w.+-]+))(\s*;\s*[\w.+-]+=(?:[\w.+-]+|"[^"]*"))*$/;

/** A context in which atom:title and atom:category are checked as the Atom elements they are. */
function withAtom(context: CheckContext, titles: Set<XmlElement>): CheckContext {
  const extension = (element: XmlElement, inner: CheckContext) => {
    if (element.ns !== ATOM_NS) return context.extension(element, inner);
    if (element.local === 'title') {
      if (titles.has(element.parent!)) inner.report.error(ruleOf(element, inner, 'duplicate'), `<${element.parent!.qname}> may contain only one <atom:title>`, at(element));
      titles.add(element.parent!);
      return checkTextConstruct(element, inner);
    }
    if (element.local === 'category' && element.parent?.local === 'categories') return checkCategory(element, inner);
    inner.report.warn('atom.extension.questionable', `<${element.qname}> means nothing inside <${element.parent?.qname}> (RFC 5023)`, at(element));
  };
  return { ...context, extension };
}

function requireTitle(element: XmlElement, context: CheckContext): void {
  if (!child(element, ATOM_NS, 'title')) context.report.error(ruleOf(element, context, 'title-missing'), `<${element.qname}> must contain an <atom:title> (RFC 5023 §8.3)`, at(element));
}

/** Checks app:categories (RFC 5023 §7.2.1): inline categories, or an href to a category document, not both. */
export function checkCategories(element: XmlElement, context: CheckContext): void {
  checkAttributes(element, ['fixed', 'scheme', 'href'], context);
  const fixed = attr(element, 'fixed');
  if (fixed !== undefined && fixed !== 'yes' && fixed !== 'no') context.report.error(ruleOf(element, context, 'fixed'), `<categories> fixed must be "yes" or "no", not "${fixed}"`, at(element));
  const href = attr(element, 'href');
  if (href !== undefined) {
    checkUriValue(element, context, false, href, '<categories> href');
    for (const name of ['fixed', 'scheme']) {
      if (attr(element, name) !== undefined) context.report.error(ruleOf(element, context, `${name}-with-href`), `<categories> with href must not have ${name} (RFC 5023 §7.2.1)`, at(element));
    }
    if (element.children.length) context.report.error(ruleOf(element, context, 'children-with-href'), '<categories> with href must be empty (RFC 5023 §7.2.1)', at(element));
  }
  walkChildren(element, APP_NS, {}, context);
}

function checkAccept(element: XmlElement, context: CheckContext): void {
  // A list of ranges, as in HTTP's Accept, is read too.
  for (const range of element.text.split(',').map((r) => r.trim()).filter((r) => r && r !== 'entry')) {
    if (!MEDIA_RANGE.test(range)) context.report.error(ruleOf(element, context, 'invalid'), `<accept> "${range}" is not a media range (RFC 5023 §8.3.4)`, at(element));
    else if (range.split(';').slice(1).some((p) => !/^\s*type=/.test(p))) context.report.warn(ruleOf(element, context, 'parameter'), `<accept> "${range}" has a parameter that means nothing here`, at(element));
  }
}

const COLLECTION: ChildRules = {
  accept: { leaf: [], check: checkAccept },
  categories: { check: checkCategories },
};

function checkCollection(element: XmlElement, context: CheckContext): void {
  checkAttributes(element, ['href'], context);
  noText(element, context);
  const href = attr(element, 'href');
  if (href === undefined) context.report.error(ruleOf(element, context, 'href-missing'), '<collection> must have an href attribute (RFC 5023 §8.3.3)', at(element));
  else checkUriValue(element, context, false, href, '<collection> href');
  walkChildren(element, APP_NS, COLLECTION, context);
  requireTitle(element, context);
}

function checkWorkspace(element: XmlElement, context: CheckContext): void {
  checkAttributes(element, [], context);
  noText(element, context);
  walkChildren(element, APP_NS, { collection: { check: checkCollection } }, context);
  requireTitle(element, context);
}

/** Checks an Atom Publishing Protocol service document (RFC 5023 §8) or category document (§7). */
export function checkApp(root: XmlElement, outer: CheckContext): void {
  const context = withAtom(outer, new Set());
  if (root.local === 'categories') return checkCategories(root, context);
  checkAttributes(root, [], context);
  noText(root, context);
  walkChildren(root, APP_NS, { workspace: { check: checkWorkspace } }, context);
  if (!child(root, APP_NS, 'workspace')) context.report.error('atom.service.workspace.missing', '<service> must contain at least one <workspace> (RFC 5023 §8.3.1)', at(root));
}
