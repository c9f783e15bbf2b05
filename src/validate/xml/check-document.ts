import { isLanguageTag } from '../values/language.js';
import { checkUri } from '../values/uris.js';
import { knownPrefix, usualUri } from './namespaces.js';
import { at, type CheckContext } from './walk.js';
import { attr, XML_NS, type XmlElement } from './xml-node.js';

function checkDeclarations(element: XmlElement, context: CheckContext): void {
  for (const [prefix, uri] of element.declares) {
    if (/\s/.test(uri)) {
      context.report.error('xml.namespace.invalid', `the namespace name "${uri}" contains white space`, at(element));
      continue;
    }
    if (uri === 'http://search.yahoo.com/mrss') {
      context.report.error('xml.namespace.media-rss', 'the Media RSS namespace is http://search.yahoo.com/mrss/, with the final slash', at(element));
      continue;
    }
    const known = knownPrefix(uri);
    if (known !== undefined) continue;
    const usual = prefix ? usualUri(prefix) : undefined;
    if (usual) context.report.warn('xml.namespace.reserved-prefix', `the prefix ${prefix} usually stands for ${usual}, not ${uri}`, at(element));
    else if (uri) context.report.warn('xml.namespace.unknown', `unknown namespace ${uri}; readers will ignore its elements`, at(element));
  }
  element.children.forEach((inner) => checkDeclarations(inner, context));
}

/** Checks the namespace declarations made in a tree (whole, or read as far as a well-formedness error). */
export function checkNamespaceDeclarations(root: XmlElement, context: CheckContext): void {
  checkDeclarations(root, context);
}

/** Checks what applies to every element: xml:lang (RFC 3066 tags), xml:base (an IRI), namespace declarations. */
export function checkDocumentWide(root: XmlElement, context: CheckContext): void {
  checkNamespaceDeclarations(root, context);
  const visit = (element: XmlElement) => {
    const lang = attr(element, 'lang', XML_NS);
    if (lang && !isLanguageTag(lang)) context.report.error('xml.lang.invalid', `xml:lang "${lang}" is not a language code such as en or en-GB`, at(element));
    const base = attr(element, 'base', XML_NS);
    const problem = base === undefined ? undefined : checkUri(base, { absolute: false });
    if (problem) context.report.error(problem.kind === 'char' ? 'xml.base.uri-char' : 'xml.base.invalid', `xml:base "${base}": ${problem.reason}`, at(element));
    element.children.forEach(visit);
  };
  visit(root);
}
