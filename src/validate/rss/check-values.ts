import { checkContact } from '../values/email.js';
import { checkUriValue, notBlank, ruleOf } from '../xml/values.js';
import { at, type CheckContext } from '../xml/walk.js';
import type { XmlElement } from '../xml/xml-node.js';

/** Checks an RSS 2.0 contact (author, managingEditor, webMaster): "jo@example.com (Jo Smith)". */
export function checkRssContact(element: XmlElement, context: CheckContext): void {
  const value = element.text.trim();
  const verdict = checkContact(value);
  if (verdict === 'invalid') context.report.error(ruleOf(element, context, 'invalid'), `<${element.qname}> "${value}" must be an e-mail address, such as "jo@example.com (Jo Smith)"`, at(element));
  if (verdict === 'no-name') context.report.warn(ruleOf(element, context, 'no-name'), `<${element.qname}> "${value}" should add the person's name: "${value} (Name)"`, at(element));
  if (verdict === 'odd-format') context.report.warn(ruleOf(element, context, 'format'), `<${element.qname}> "${value}" should be written "address (Name)"`, at(element));
}

/** Checks an element whose text must be an absolute URL (RSS 2.0 link, docs, comments). */
export function checkFullUrl(element: XmlElement, context: CheckContext): void {
  if (notBlank(element, context)) checkUriValue(element, context, true);
}

/** Reports an RSS element value that does not belong to a fixed set. */
export function checkOneOf(element: XmlElement, context: CheckContext, allowed: readonly string[], what: string): boolean {
  const value = element.text.trim();
  if (allowed.includes(value)) return true;
  context.report.error(ruleOf(element, context, 'invalid'), `<${element.qname}> "${value}" is not ${what}`, at(element));
  return false;
}
