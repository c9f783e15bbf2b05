import { checkRfc3339, checkRfc822, checkW3cdtf, type DateVerdict } from '../values/dates.js';
import { isLanguageTag } from '../values/language.js';
import { checkUri } from '../values/uris.js';
import { at, type CheckContext } from './walk.js';
import type { XmlElement } from './xml-node.js';

const key = (element: XmlElement) => (element.prefix ? `${element.prefix}-${element.local}` : element.local);

/** The rule id for a problem with an element's value: `<format>.<parent>.<element>.<problem>`. */
export function ruleOf(element: XmlElement, context: CheckContext, problem: string): string {
  return `${context.prefix}.${element.parent ? `${key(element.parent)}.` : ''}${key(element)}.${problem}`;
}

const DATE_CHECKS = { rfc822: checkRfc822, rfc3339: checkRfc3339, w3cdtf: checkW3cdtf, iso8601: (v: string) => checkW3cdtf(v, true) } as const;

/** Checks that the element's text is a date in `kind`'s format (RSS 2.0 RFC 822, RFC 4287 §3.3, W3C-DTF). */
export function checkDate(element: XmlElement, context: CheckContext, kind: keyof typeof DATE_CHECKS): DateVerdict {
  const verdict = DATE_CHECKS[kind](element.text.trim());
  if (verdict.kind === 'error') context.report.error(ruleOf(element, context, 'invalid'), `<${element.qname}> "${element.text.trim()}": ${verdict.reason}`, at(element));
  if (verdict.kind === 'warning') context.report.warn(ruleOf(element, context, 'problematic'), `<${element.qname}> "${element.text.trim()}": ${verdict.reason}`, at(element));
  return verdict;
}

/** Reports leading or trailing white space where RFC 4287 allows none (ids, dates, URIs). */
export function noWhitespace(element: XmlElement, context: CheckContext): void {
  if (element.text !== element.text.trim()) {
    context.report.error(ruleOf(element, context, 'whitespace'), `<${element.qname}> must not have white space around its value`, at(element));
  }
}

/** Warns when the element is empty. */
export function notBlank(element: XmlElement, context: CheckContext): boolean {
  if (element.text.trim() || element.children.length) return true;
  context.report.warn(ruleOf(element, context, 'blank'), `<${element.qname}> should not be empty`, at(element));
  return false;
}

/**
 * Checks a URI value (the element's text, or `value`); `absolute` demands a scheme. Atom allows IRIs
 * (RFC 4287 §4.2.6); RSS 2.0 asks for URLs, so non-ASCII characters must be percent-encoded there.
 */
export function checkUriValue(element: XmlElement, context: CheckContext, absolute: boolean, value = element.text.trim(), what = `<${element.qname}>`): boolean {
  const problem = checkUri(value, { absolute, iri: context.prefix === 'atom' });
  if (!problem) return true;
  context.report.error(ruleOf(element, context, problem.kind === 'char' ? 'uri-char' : 'invalid-uri'), `${what} "${value}": ${problem.reason}`, at(element));
  return false;
}

/** Checks a language tag value (RSS 2.0 language, dc:language, xml:lang, hreflang). */
export function checkLanguage(element: XmlElement, context: CheckContext, value = element.text.trim(), what = `<${element.qname}>`): boolean {
  if (isLanguageTag(value)) return true;
  context.report.error(ruleOf(element, context, 'language'), `${what} "${value}" is not a language code such as en or en-GB`, at(element));
  return false;
}

/** Checks an integer value within [min, max]. */
export function checkInteger(element: XmlElement, context: CheckContext, min: number, max = Number.MAX_SAFE_INTEGER, value = element.text.trim(), what = `<${element.qname}>`): boolean {
  if (/^[+-]?\d+$/.test(value) && Number(value) >= min && Number(value) <= max) return true;
  const range = max === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`;
  context.report.error(ruleOf(element, context, 'integer'), `${what} "${value}" must be ${range}`, at(element));
  return false;
}
