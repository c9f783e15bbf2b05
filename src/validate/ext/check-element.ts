import { ruleOf } from '../xml/values.js';
import { knownPrefix } from '../xml/namespaces.js';
import { at, checkAttributes, type CheckContext } from '../xml/walk.js';
import { attr, type XmlElement } from '../xml/xml-node.js';
import { problemsOf } from './kinds.js';
import type { ElementSpec, Problem } from './spec.js';

// Each element's ordinal among its parent's children of the same name (1 for the first), found in one pass per parent.
const ordinals = new WeakMap<XmlElement, number>();

/** Which one of its name `element` is among its siblings: 1 for the first. */
export function ordinal(element: XmlElement): number {
  if (!ordinals.has(element)) {
    const counts = new Map<string, number>();
    for (const sibling of element.parent?.children ?? [element]) {
      const key = `${sibling.ns} ${sibling.local}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      ordinals.set(sibling, counts.get(key)!);
    }
  }
  return ordinals.get(element)!;
}

/** Reports a second element of a name that may appear once, or one past `max`. */
export function checkCount(element: XmlElement, spec: ElementSpec, context: CheckContext): void {
  const n = ordinal(element);
  const parent = element.parent?.qname ?? '';
  if (spec.once && n === 2) context.report.error(ruleOf(element, context, 'duplicate'), `<${parent}> may contain only one <${element.qname}>`, at(element));
  if (spec.max !== undefined && n === spec.max + 1) context.report.error(ruleOf(element, context, 'too-many'), `<${parent}> may contain at most ${spec.max} <${element.qname}>`, at(element));
}

/** Reports each problem with an element's value, or with one of its attributes when `attribute` is named. */
export function reportProblems(element: XmlElement, context: CheckContext, problems: readonly Problem[], value: string, attribute?: string): void {
  for (const p of problems) {
    const suffix = attribute ? `${attribute}-${p.problem === attribute ? 'invalid' : p.problem}` : p.problem;
    const rule = ruleOf(element, context, suffix);
    const message = `<${element.qname}>${attribute ? ` ${attribute}` : ''} "${value.trim().slice(0, 80)}" ${p.reason}`;
    if (p.warning) context.report.warn(rule, message, at(element));
    else context.report.error(rule, message, at(element));
  }
}

function checkAttrs(element: XmlElement, spec: ElementSpec, context: CheckContext): void {
  const specs = spec.attrs ?? {};
  checkAttributes(element, Object.keys(specs), context);
  for (const [name, rule] of Object.entries(specs)) {
    const value = attr(element, name);
    if (value === undefined) {
      if (rule.required) context.report.error(ruleOf(element, context, `${name}-missing`), `<${element.qname}> must have a ${name} attribute`, at(element));
      continue;
    }
    reportProblems(element, context, problemsOf(rule.value, value, context), value, name);
  }
}

function checkChildren(element: XmlElement, children: Readonly<Record<string, ElementSpec>>, context: CheckContext): void {
  for (const inner of element.children) {
    const prefix = knownPrefix(inner.ns);
    if (prefix === undefined && inner.ns !== '') continue;
    const name = `${prefix ?? ''}:${inner.local}`;
    const spec = Object.hasOwn(children, name) ? children[name] : undefined;
    if (!spec) {
      context.report.error(`${context.prefix}.extension.undefined`, `<${inner.qname}> is not defined inside <${element.qname}>`, at(inner));
      continue;
    }
    checkCount(inner, spec, context);
    checkElement(inner, spec, context);
  }
}

const rootOf = (element: XmlElement): XmlElement => (element.parent ? rootOf(element.parent) : element);
// RSS 1.0 (rdf:RDF) and RSS 1.1 (Channel) are RDF documents.
const isRdf = (root: XmlElement) => root.local === 'RDF' || (root.local === 'Channel' && root.ns === 'http://purl.org/net/rss1.1#');

/**
 * Checks an extension element against its rules: attributes, text value, children, cross-rules. In RSS 1.0
 * and 1.1 a text element may describe its value in RDF instead (RSS 1.0 §5.3), so it may hold elements.
 */
export function checkElement(element: XmlElement, spec: ElementSpec, context: CheckContext): void {
  checkAttrs(element, spec, context);
  const rdfValue = element.children.length > 0 && !spec.children && isRdf(rootOf(element));
  if (rdfValue) return;
  if (spec.children) checkChildren(element, spec.children, context);
  else if (!spec.any) {
    for (const inner of element.children) {
      context.report.error(`${context.prefix}.extension.undefined`, `<${inner.qname}> is not allowed inside <${element.qname}>, which holds text only`, at(inner));
    }
  }
  if (!spec.any && !spec.children) reportProblems(element, context, problemsOf(spec.value, element.text, context), element.text);
  spec.check?.(element, context);
}
