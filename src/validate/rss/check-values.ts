import { htmlRisks, looksLikeHtml, unknownTags } from '../atom/html.js';
import { checkContact } from '../values/email.js';
import { isHtmlEntityName } from '../values/html-entities.js';
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

/**
 * Warns when RSS plain text (a title, a channel description, a name) holds HTML: an end tag, or an entity
 * escaped so readers show it literally; the RSS Profile's reading, where text written with hexadecimal
 * character references is taken as deliberately escaped.
 */
export function checkPlainText(element: XmlElement, context: CheckContext): void {
  const value = element.text;
  const say = (what: string) => context.report.warn(ruleOf(element, context, 'html'), `<${element.qname}> is plain text but holds ${what}; readers show it as written`, at(element));
  if (looksLikeHtml(value)) return say('HTML markup');
  const entity = [...value.matchAll(/&(#?\w+)/g)].find((m) => isHtmlEntityName(m[1]!) || !/^[A-Za-z]+$/.test(m[1]!));
  if (!entity) return;
  const last = element.line + (value.match(/\n/g)?.length ?? 0);
  for (let line = element.line; line <= last; line++) if (context.charRefLines.has(line)) return;
  say(`the entity "${entity[0]}"`);
}

/** Warns of markup in an RSS item's HTML (description, content:encoded) that readers remove. */
export function checkItemHtml(element: XmlElement, context: CheckContext): void {
  for (const risk of htmlRisks(element.text)) context.report.warn(ruleOf(element, context, 'unsafe-html'), `<${element.qname}> ${risk}`, at(element));
  const unknown = unknownTags(element.text);
  if (unknown.length) context.report.warn(ruleOf(element, context, 'not-html'), `<${element.qname}> holds <${unknown[0]}>, which is not an HTML element`, at(element));
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
