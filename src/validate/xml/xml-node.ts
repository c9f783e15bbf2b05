/** The XML namespace, bound to the `xml:` prefix by XML Namespaces 1.0 §3. */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** The RDF namespace, for rdf:resource and rdf:about attributes. */
export const RDF_ATTR = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

/** An attribute with its namespace resolved; `ns` is '' for an unprefixed attribute. */
export interface XmlAttr {
  readonly qname: string;
  readonly local: string;
  readonly prefix: string;
  readonly ns: string;
  readonly value: string;
}

/** An element of a parsed document, namespaces resolved, with its direct text and line. */
export interface XmlElement {
  readonly qname: string;
  readonly local: string;
  readonly prefix: string;
  readonly ns: string;
  readonly attrs: readonly XmlAttr[];
  readonly children: XmlElement[];
  readonly line: number;
  readonly parent: XmlElement | undefined;
  /** The element's own character data (text and CDATA sections), not its descendants'. */
  text: string;
  /** The namespace declarations made on this element: prefix ('' for the default) to URI. */
  readonly declares: ReadonlyMap<string, string>;
}

/** A parsed document: its root element and DOCTYPE text, if any. */
export interface XmlDocument {
  readonly root: XmlElement;
  readonly doctype: string | undefined;
}

/** The value of the attribute `local` in namespace `ns` ('' for none), if present. */
export function attr(element: XmlElement, local: string, ns = ''): string | undefined {
  return element.attrs.find((a) => a.local === local && a.ns === ns)?.value;
}

/** The element's children in namespace `ns` named `local`. */
export function childrenNamed(element: XmlElement, ns: string, local: string): XmlElement[] {
  return element.children.filter((child) => child.ns === ns && child.local === local);
}

/** The first child in namespace `ns` named `local`. */
export function child(element: XmlElement, ns: string, local: string): XmlElement | undefined {
  return element.children.find((c) => c.ns === ns && c.local === local);
}

/** All text inside the element, descendants included, in document order. */
export function deepText(element: XmlElement): string {
  return element.text + element.children.map(deepText).join('');
}

/** The xml:base in scope for an element, resolved against the document's own URL. */
export function baseOf(element: XmlElement | undefined, documentUrl: string | undefined): string | undefined {
  if (!element) return documentUrl;
  const parentBase = baseOf(element.parent, documentUrl);
  const own = attr(element, 'base', XML_NS);
  if (own === undefined) return parentBase;
  try {
    return new URL(own, parentBase).href;
  } catch {
    return parentBase ?? own;
  }
}

/** The xml:lang in scope for an element, if any. */
export function langOf(element: XmlElement | undefined): string | undefined {
  for (let at = element; at; at = at.parent) {
    const lang = attr(at, 'lang', XML_NS);
    if (lang !== undefined) return lang;
  }
  return undefined;
}
