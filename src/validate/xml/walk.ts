import type { Report } from '../finding.js';
import { knownPrefix } from './namespaces.js';
import { RDF_ATTR, XML_NS, type XmlElement } from './xml-node.js';

/** What a format's checks share: the report, the document's URL, and the format's rule prefix. */
export interface CheckContext {
  readonly report: Report;
  readonly url: string | undefined;
  readonly prefix: 'rss' | 'atom' | 'opml';
  /** Checks an element from another namespace met inside a known element. */
  readonly extension: (element: XmlElement, context: CheckContext) => void;
}

/** How a child element is checked: whether it may repeat, and what its value must be. */
export interface ChildRule {
  readonly once?: boolean;
  /** For a text-only element: the unprefixed attributes it may carry. */
  readonly leaf?: readonly string[];
  readonly check?: (element: XmlElement, context: CheckContext) => void;
}

/** A container's known children by local name. */
export type ChildRules = Readonly<Record<string, ChildRule>>;

/** The place of an element, for a finding. */
export const at = (element: XmlElement) => ({ line: element.line });

/** The element's name as a reader would write it, with its parent: `channel/title`. */
export const nameOf = (element: XmlElement) => (element.parent ? `${element.parent.qname}/${element.qname}` : element.qname);

/**
 * Checks each child of `parent`: children in `ownNs` must be in `rules` and `once` ones must not repeat;
 * children in other namespaces go to the context's extension check.
 */
export function walkChildren(parent: XmlElement, ownNs: string, rules: ChildRules, context: CheckContext): void {
  const seen = new Set<string>();
  for (const element of parent.children) {
    if (element.ns !== ownNs) {
      context.extension(element, context);
      continue;
    }
    const rule = Object.hasOwn(rules, element.local) ? rules[element.local] : undefined;
    if (!rule) {
      context.report.error(`${context.prefix}.element.undefined`, `<${element.qname}> is not defined inside <${parent.qname}>`, at(element));
      continue;
    }
    if (rule.once && seen.has(element.local)) {
      context.report.error(`${context.prefix}.element.duplicate`, `<${parent.qname}> may contain only one <${element.qname}>`, at(element));
    }
    seen.add(element.local);
    if (rule.leaf) {
      checkAttributes(element, rule.leaf, context);
      leafOnly(element, context);
    }
    rule.check?.(element, context);
  }
}

/**
 * Reports unprefixed attributes not in `allowed`, and attributes of known vocabularies that have no
 * business here; xml:* and rdf:* attributes and those of unknown namespaces (extensions) pass.
 */
export function checkAttributes(element: XmlElement, allowed: readonly string[], context: CheckContext): void {
  for (const a of element.attrs) {
    if (a.ns === XML_NS || a.ns === RDF_ATTR) continue;
    if (a.ns === '' ? allowed.includes(a.local) : knownPrefix(a.ns) === undefined || allowed.includes(a.qname)) continue;
    context.report.error(`${context.prefix}.attribute.unexpected`, `<${element.qname}> has an unexpected attribute ${a.qname}`, at(element));
  }
}

/** Reports character data directly inside an element that holds only elements. */
export function noText(element: XmlElement, context: CheckContext): void {
  if (element.text.trim()) {
    context.report.error(`${context.prefix}.text.unexpected`, `<${element.qname}> may hold elements only, not text`, at(element));
  }
}

/** Reports a missing required child (by local name, in `ns`). */
export function requireChild(parent: XmlElement, ns: string, local: string, context: CheckContext, rule = `${context.prefix}.${parent.local}.${local}.missing`): boolean {
  if (parent.children.some((c) => c.ns === ns && c.local === local)) return true;
  context.report.error(rule, `<${parent.qname}> must contain <${local}>`, at(parent));
  return false;
}

/** Reports child elements inside an element whose value is text only. */
export function leafOnly(element: XmlElement, context: CheckContext): void {
  for (const inner of element.children) {
    context.report.error(`${context.prefix}.element.undefined`, `<${inner.qname}> is not allowed inside <${element.qname}>, which holds text only`, at(inner));
  }
}
