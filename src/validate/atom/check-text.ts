import { at, checkAttributes, type CheckContext } from '../xml/walk.js';
import { checkUriValue, notBlank, ruleOf } from '../xml/values.js';
import { attr, deepText, type XmlElement } from '../xml/xml-node.js';
import { knownPrefix, XHTML_NS } from '../xml/namespaces.js';
import { isMediaType } from '../values/mime.js';
import { htmlRisks, looksLikeHtml } from './html.js';

const TEXT_TYPES = ['text', 'html', 'xhtml'];
const isXmlType = (type: string) => /[+/]xml(?:;|$)/i.test(type);
const isTextualType = (type: string) => TEXT_TYPES.includes(type) || isXmlType(type) || /^text\//i.test(type);

const MARKUP_NS = [XHTML_NS, 'http://www.w3.org/2000/svg', 'http://www.w3.org/1998/Math/MathML'];

function checkXhtmlMarkup(element: XmlElement, context: CheckContext): void {
  for (const inner of element.children) {
    if (inner.ns === '') context.report.error('atom.xhtml.namespace', `<${inner.qname}> inside XHTML content must be in the XHTML namespace`, at(inner));
    else if (!MARKUP_NS.includes(inner.ns) && knownPrefix(inner.ns) !== undefined) {
      context.report.error('atom.xhtml.undefined', `<${inner.qname}> (${inner.ns}) does not belong inside XHTML content`, at(inner));
    }
    checkXhtmlMarkup(inner, context);
  }
}

function checkXhtml(element: XmlElement, context: CheckContext): void {
  const divs = element.children.filter((c) => c.ns === XHTML_NS && c.local === 'div');
  if (divs.length !== 1 || element.children.length !== 1 || element.text.trim()) {
    context.report.error(ruleOf(element, context, 'xhtml-div'), `<${element.qname} type="xhtml"> must hold exactly one XHTML <div> (RFC 4287 §3.1.1.3)`, at(element));
  }
  divs.forEach((div) => checkXhtmlMarkup(div, context));
}

// RFC 4648 §4, white space allowed between groups.
function isBase64(value: string): boolean {
  const compact = value.replace(/\s+/g, '');
  return compact.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(compact);
}

function checkType(element: XmlElement, type: string, isContent: boolean, context: CheckContext): void {
  if (TEXT_TYPES.includes(type)) return;
  if (!isContent && type.includes('/')) {
    context.report.error(ruleOf(element, context, 'type'), `<${element.qname}> type must be text, html or xhtml, not "${type}" (RFC 4287 §3.1.1)`, at(element));
  } else if (!isMediaType(type) || /^multipart\//i.test(type)) {
    context.report.error(ruleOf(element, context, 'type'), `<${element.qname}> type "${type}" is neither text, html, xhtml nor a media type`, at(element));
  }
}

function checkBody(element: XmlElement, type: string, context: CheckContext): void {
  const value = element.text;
  if (type === 'xhtml') return checkXhtml(element, context);
  if (element.children.length && isXmlType(type) && value.trim()) {
    context.report.error(ruleOf(element, context, 'mixed'), `<${element.qname} type="${type}"> must hold an XML element, not text beside it`, at(element));
  }
  if (element.children.length && !isXmlType(type)) {
    context.report.error(ruleOf(element, context, 'markup'), `<${element.qname} type="${type}"> must not contain child elements; escape the markup or use type="xhtml"`, at(element));
  }
  const wholeDocument = /\/html$/i.test(type) ? /<html/i.test(value) : type === 'application/xhtml+xml' ? element.children.every((c) => c.local === 'html') : true;
  if (!wholeDocument) context.report.warn(ruleOf(element, context, 'fragment'), `<${element.qname} type="${type}"> should hold a whole document; for a fragment use type="${type.includes('xhtml') ? 'xhtml' : 'html'}" (RFC 4287 §4.1.3.3)`, at(element));
  if (type === 'html' || /\/html$/i.test(type)) {
    for (const risk of htmlRisks(value)) context.report.warn(ruleOf(element, context, 'unsafe-html'), `<${element.qname}> ${risk}`, at(element));
  } else if (type === 'text' && looksLikeHtml(value)) {
    context.report.warn(ruleOf(element, context, 'undeclared-html'), `<${element.qname}> seems to hold HTML; declare type="html"`, at(element));
  }
  if (!isTextualType(type) && value.trim() && !isBase64(value)) {
    context.report.error(ruleOf(element, context, 'base64'), `<${element.qname} type="${type}"> must be Base64-encoded (RFC 4287 §4.1.3.3)`, at(element));
  }
}

/** Checks an Atom text construct (RFC 4287 §3.1), or with `isContent` an atom:content (§4.1.3). */
export function checkTextConstruct(element: XmlElement, context: CheckContext, isContent = false): void {
  checkAttributes(element, isContent ? ['type', 'src'] : ['type'], context);
  const rawType = attr(element, 'type');
  const src = isContent ? attr(element, 'src') : undefined;
  if (rawType === '') context.report.warn(ruleOf(element, context, 'type-blank'), `<${element.qname}> has an empty type attribute`, at(element));
  const type = rawType || (src === undefined ? 'text' : '');
  if (type) checkType(element, type, isContent, context);
  if (src !== undefined) {
    if (TEXT_TYPES.includes(type)) {
      context.report.error(ruleOf(element, context, 'type'), `<${element.qname}> with src must give a media type, not "${type}" (RFC 4287 §4.1.3.1)`, at(element));
    }
    checkUriValue(element, context, false, src, `<${element.qname}> src`);
    if (rawType === undefined) context.report.warn(ruleOf(element, context, 'type-missing'), `<${element.qname}> with src should say the type of what it points to`, at(element));
    if (deepText(element).trim() || element.children.length) {
      context.report.error(ruleOf(element, context, 'not-empty'), `<${element.qname}> with src must be empty (RFC 4287 §4.1.3.2)`, at(element));
    }
    return;
  }
  checkBody(element, type.toLowerCase(), context);
  notBlank(element, context);
}
