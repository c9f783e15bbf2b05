import { checkUriValue, ruleOf } from '../xml/values.js';
import { at, type CheckContext } from '../xml/walk.js';
import { attr, RDF_ATTR, type XmlElement } from '../xml/xml-node.js';

/** The rdf:about values of one document, which must be distinct: each names one resource. */
export type Abouts = Map<string, XmlElement>;

/** Records an element's rdf:about (checked as a URI) and reports one that another element already uses. */
export function checkAbout(element: XmlElement, abouts: Abouts, context: CheckContext, required: boolean): void {
  const about = attr(element, 'about', RDF_ATTR);
  if (about === undefined) {
    if (required) context.report.error(ruleOf(element, context, 'about-missing'), `<${element.qname}> must have an rdf:about attribute`, at(element));
    return;
  }
  checkUriValue(element, context, false, about, `<${element.qname}> rdf:about`);
  if (abouts.has(about)) context.report.error(ruleOf(element, context, 'about-duplicate'), `rdf:about "${about}" already names another resource in this document`, at(element));
  else abouts.set(about, element);
}

function invalid(element: XmlElement, context: CheckContext, reason: string): void {
  context.report.error(`${context.prefix}.rdf.invalid`, `<${element.qname}> is not valid RDF/XML: ${reason} (RDF/XML §2)`, at(element));
}

function checkForeignTerms(element: XmlElement, ownNs: string, context: CheckContext): void {
  if (element.ns === ownNs) context.report.error(`${context.prefix}.element.undefined`, `<${element.qname}> of the feed's own vocabulary does not belong inside an extension`, at(element));
  for (const a of element.attrs) {
    if (a.ns === ownNs) context.report.error(`${context.prefix}.attribute.unexpected`, `<${element.qname}> has the feed vocabulary's attribute ${a.qname}, which does not belong inside an extension`, at(element));
  }
}

/** Checks a node element (RDF/XML §2.2): it names a resource, never points at one, and holds property elements. */
function checkNode(node: XmlElement, ownNs: string, abouts: Abouts, context: CheckContext): void {
  checkForeignTerms(node, ownNs, context);
  if (attr(node, 'resource', RDF_ATTR) !== undefined) invalid(node, context, 'a node element cannot have rdf:resource; put it on the property element');
  checkAbout(node, abouts, context, false);
  if (node.text.trim()) invalid(node, context, 'a node element holds property elements, not text');
  for (const property of node.children) checkRdfProperty(property, ownNs, abouts, context);
}

/**
 * Checks an extension property element of an RDF feed (RSS 1.0, RSS 1.1) as RDF/XML striping allows:
 * text, or one node element, or what its rdf:parseType says (RDF/XML §2.2, §2.8–2.11, §2.16).
 */
export function checkRdfProperty(property: XmlElement, ownNs: string, abouts: Abouts, context: CheckContext): void {
  checkForeignTerms(property, ownNs, context);
  const parseType = attr(property, 'parseType', RDF_ATTR);
  if (parseType === 'Literal') return;
  if (parseType === 'Resource') return property.children.forEach((inner) => checkRdfProperty(inner, ownNs, abouts, context));
  if (parseType === 'Collection') return property.children.forEach((node) => checkNode(node, ownNs, abouts, context));
  if (property.children.length === 0) return;
  if (property.text.trim()) invalid(property, context, 'text beside elements (mixed content) needs rdf:parseType="Literal"');
  else if (property.children.length > 1) invalid(property, context, 'a property element holds one node element');
  else if (attr(property, 'resource', RDF_ATTR) !== undefined) invalid(property, context, 'a property element with rdf:resource must be empty');
  else checkNode(property.children[0]!, ownNs, abouts, context);
}
