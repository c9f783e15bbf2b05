import { checkLink } from '../atom/check-link.js';
import { checkDate, checkInteger, checkLanguage, checkUriValue, ruleOf } from './values.js';
import { ATOM_NS } from './namespaces.js';
import { knownPrefix } from './namespaces.js';
import { at, type CheckContext } from './walk.js';
import { attr, RDF_ATTR, type XmlElement } from './xml-node.js';

type Check = ((element: XmlElement, context: CheckContext) => unknown) | null;

const w3cdtf: Check = (e, c) => checkDate(e, c, 'w3cdtf');
const uri: Check = (e, c) => checkUriValue(e, c, true);
const count: Check = (e, c) => checkInteger(e, c, 0);
const resource: Check = (e, c) => {
  const value = attr(e, 'resource', RDF_ATTR) ?? e.text.trim();
  return checkUriValue(e, c, false, value);
};
const range = (limit: number): Check => (e, c) => {
  const value = Number(e.text.trim());
  if (!/^\s*[+-]?\d+(\.\d+)?\s*$/.test(e.text) || Math.abs(value) > limit) {
    c.report.error(ruleOf(e, c, 'invalid'), `<${e.qname}> "${e.text.trim()}" must be a number from -${limit} to ${limit}`, at(e));
  }
};
const oneOf = (allowed: readonly string[]): Check => (e, c) => {
  if (!allowed.includes(e.text.trim())) c.report.error(ruleOf(e, c, 'invalid'), `<${e.qname}> "${e.text.trim()}" must be one of ${allowed.join(', ')}`, at(e));
};
const list = (names: string, check: Check = null) => Object.fromEntries(names.split(' ').map((name) => [name, check]));

// The elements of the modules whose vocabulary is small and stable; other known modules are not checked.
const VOCABULARIES: Readonly<Record<string, Readonly<Record<string, Check>>>> = {
  // Dublin Core Metadata Element Set 1.1.
  dc: { ...list('title creator subject description publisher contributor type format identifier source relation coverage rights'), date: w3cdtf, language: (e, c) => checkLanguage(e, c) },
  content: list('encoded items item format encoding'),
  slash: { ...list('section department'), comments: count, hit_parade: null },
  wfw: list('comment commentRss commentRSS', uri),
  sy: { updatePeriod: oneOf(['hourly', 'daily', 'weekly', 'monthly', 'yearly']), updateFrequency: (e, c) => checkInteger(e, c, 1), updateBase: w3cdtf },
  admin: list('generatorAgent errorReportsTo', resource),
  blogChannel: { ...list('blogRoll mySubscriptions blink changes', uri) },
  creativeCommons: { license: uri },
  trackback: list('ping about', resource),
  geo: { lat: range(90), long: range(180), ...list('alt Point lat_long') },
  geourl: { latitude: range(90), longitude: range(180) },
  icbm: { latitude: range(90), longitude: range(180) },
  ev: { startdate: w3cdtf, enddate: w3cdtf, ...list('location organizer type') },
  thr: { total: count, ...list('in-reply-to children') },
  cp: list('server', resource),
};

const hitParade: Check = (e, c) => {
  if (!/^\d+(,\s*\d+)*$/.test(e.text.trim())) c.report.error(ruleOf(e, c, 'invalid'), `<${e.qname}> must be comma-separated whole numbers`, at(e));
};

/** Checks an element from an extension namespace inside an RSS or Atom element. */
export function checkExtension(element: XmlElement, context: CheckContext): void {
  if (element.ns === '' && context.prefix === 'atom') {
    context.report.warn('atom.element.no-namespace', `<${element.qname}> is in no namespace, so readers cannot tell what it means`, at(element));
    return;
  }
  if (element.ns === ATOM_NS && element.local === 'link' && context.prefix === 'rss') {
    checkLink(element, context);
    return;
  }
  const prefix = knownPrefix(element.ns);
  const vocabulary = prefix === undefined ? undefined : VOCABULARIES[prefix];
  if (!vocabulary) return;
  if (!Object.hasOwn(vocabulary, element.local)) {
    context.report.error(`${context.prefix}.extension.undefined`, `<${element.qname}> is not an element of ${element.ns}`, at(element));
    return;
  }
  const check = prefix === 'slash' && element.local === 'hit_parade' ? hitParade : vocabulary[element.local];
  check?.(element, context);
}
