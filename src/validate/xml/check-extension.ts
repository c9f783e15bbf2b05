import { checkLink } from '../atom/check-link.js';
import { checkDate, checkInteger, checkLanguage, checkUriValue, ruleOf } from './values.js';
import { ATOM_NS } from './namespaces.js';
import { knownPrefix } from './namespaces.js';
import { at, type CheckContext } from './walk.js';
import { attr, RDF_ATTR, type XmlElement } from './xml-node.js';

type Check = ((element: XmlElement, context: CheckContext) => unknown) | null;

const w3cdtf: Check = (e, c) => checkDate(e, c, 'w3cdtf');
const iso8601: Check = (e, c) => checkDate(e, c, 'iso8601');
const inRdf = (element: XmlElement): boolean => (element.parent ? inRdf(element.parent) : element.local === 'RDF');
// Trackback: RSS 1.0 names the resource in rdf:resource, RSS 2.0 and Atom give the URL as text.
const trackback: Check = (e, c) => {
  if (!inRdf(e)) return checkUriValue(e, c, true);
  if (attr(e, 'resource', RDF_ATTR) === undefined) c.report.error(ruleOf(e, c, 'resource-missing'), `<${e.qname}> must have an rdf:resource attribute in RSS 1.0`, at(e));
  return resource(e, c);
};
const uri: Check = (e, c) => checkUriValue(e, c, true);
const count: Check = (e, c) => checkInteger(e, c, 0);
const resource = (e: XmlElement, c: CheckContext) => {
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
  trackback: list('ping about', trackback),
  geo: { lat: range(90), long: range(180), ...list('alt Point lat_long') },
  geourl: { latitude: range(90), longitude: range(180) },
  icbm: { latitude: range(90), longitude: range(180) },
  ev: { startdate: iso8601, enddate: iso8601, ...list('location organizer type') },
  thr: { total: count, ...list('in-reply-to children') },
  cp: list('server', resource),
};

// Vocabularies whose elements describe one item, so belong inside an item or entry only.
const ITEM_ONLY = new Set(['trackback', 'slash', 'wfw', 'ev']);

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
  if (ITEM_ONLY.has(prefix!) && !['item', 'entry'].includes(element.parent?.local ?? '')) {
    context.report.error(`${context.prefix}.extension.misplaced`, `<${element.qname}> belongs inside an item or entry, not <${element.parent?.qname}>`, at(element));
    return;
  }
  const check = prefix === 'slash' && element.local === 'hit_parade' ? hitParade : vocabulary[element.local];
  check?.(element, context);
}
