import { checkRssContact, checkFullUrl } from '../rss/check-values.js';
import { checkRfc822 } from '../values/dates.js';
import { isLanguageTag } from '../values/language.js';
import { isHttpUrl } from '../values/uris.js';
import { checkDate, checkInteger, checkUriValue, ruleOf } from '../xml/values.js';
import { at, checkAttributes, noText, requireChild, walkChildren, type CheckContext, type ChildRules } from '../xml/walk.js';
import { attr, type XmlElement } from '../xml/xml-node.js';

const VERSIONS = ['1.0', '1.1', '2.0'];
// OPML 2.0 §"<outline>": the attributes the specification names (the W3C validator accepts no others).
const OUTLINE_ATTRS = ['category', 'created', 'description', 'htmlUrl', 'isBreakpoint', 'isComment', 'language', 'text', 'title', 'type', 'url', 'version', 'xmlUrl'];
const FEED_VERSIONS = ['RSS', 'RSS1', 'RSS2', 'scriptingNews'];

function checkOwnerId(element: XmlElement, context: CheckContext): void {
  if (!isHttpUrl(element.text.trim())) context.report.error(ruleOf(element, context, 'invalid-uri'), `<ownerId> "${element.text.trim()}" must be an http or https URL (OPML 2.0)`, at(element));
}

const positiveNumber = { once: true, leaf: [], check: (e: XmlElement, c: CheckContext) => void checkInteger(e, c, 1) };

/** The children of an OPML head (OPML 2.0 §"<head>"), each at most once. */
const HEAD: ChildRules = {
  title: { once: true, leaf: [] },
  dateCreated: { once: true, leaf: [], check: (e, c) => void checkDate(e, c, 'rfc822') },
  dateModified: { once: true, leaf: [], check: (e, c) => void checkDate(e, c, 'rfc822') },
  ownerName: { once: true, leaf: [] },
  ownerEmail: { once: true, leaf: [], check: checkRssContact },
  ownerId: { once: true, leaf: [], check: checkOwnerId },
  docs: { once: true, leaf: [], check: checkFullUrl },
  expansionState: {
    once: true,
    leaf: [],
    check: (e, c) => {
      if (!/^(\d+(,\s*\d+)*)?$/.test(e.text.trim())) c.report.error(ruleOf(e, c, 'invalid'), '<expansionState> must be line numbers separated by commas', at(e));
    },
  },
  vertScrollState: positiveNumber,
  windowTop: positiveNumber,
  windowLeft: positiveNumber,
  windowBottom: positiveNumber,
  windowRight: positiveNumber,
};

function checkOutlineType(outline: XmlElement, version: string, context: CheckContext): void {
  const type = attr(outline, 'type')?.toLowerCase();
  const warn = (problem: string, message: string) => context.report.warn(ruleOf(outline, context, problem), message, at(outline));
  if (type === 'rss') {
    if (attr(outline, 'xmlUrl') === undefined) warn('xmlUrl-missing', 'an outline of type rss should have an xmlUrl, the feed\'s address');
    if (attr(outline, 'title') === undefined) warn('title-missing', 'an outline of type rss should have a title, the feed\'s own title');
  } else if (type === 'link') {
    if (attr(outline, 'url') === undefined) warn('url-missing', 'an outline of type link should have a url');
  } else if (type !== undefined && version.startsWith('1.')) {
    warn('type-unknown', `outline type "${attr(outline, 'type')}" is not one OPML 1.0 knows (rss, link)`);
  }
  const feedVersion = attr(outline, 'version');
  if (feedVersion !== undefined && !FEED_VERSIONS.includes(feedVersion)) warn('version-unknown', `outline version "${feedVersion}" is not RSS, RSS1, RSS2 or scriptingNews`);
  if (type === undefined && ['description', 'htmlUrl', 'language', 'title', 'version', 'xmlUrl'].some((name) => attr(outline, name) !== undefined)) {
    warn('type-missing', 'an outline that describes a feed should say type="rss"');
  }
}

function checkOutlineValues(outline: XmlElement, context: CheckContext): void {
  const created = attr(outline, 'created');
  const verdict = created === undefined ? undefined : checkRfc822(created.trim());
  if (verdict?.kind === 'error') context.report.error(ruleOf(outline, context, 'created-invalid'), `<outline> created "${created}": ${verdict.reason}`, at(outline));
  for (const name of ['isBreakpoint', 'isComment']) {
    const flag = attr(outline, name);
    if (flag !== undefined && !/^(?:true|false)$/i.test(flag)) context.report.error(ruleOf(outline, context, `${name}-invalid`), `<outline> ${name} must be "true" or "false", not "${flag}"`, at(outline));
  }
  const language = attr(outline, 'language');
  if (language !== undefined && !isLanguageTag(language)) context.report.error(ruleOf(outline, context, 'language'), `<outline> language "${language}" is not a language code such as en`, at(outline));
  for (const name of ['htmlUrl', 'url', 'xmlUrl']) {
    const value = attr(outline, name);
    if (value !== undefined) checkUriValue(outline, context, true, value, `<outline> ${name}`);
  }
}

function checkOutline(outline: XmlElement, version: string, context: CheckContext): void {
  checkAttributes(outline, OUTLINE_ATTRS, context);
  noText(outline, context);
  if (attr(outline, 'text') === undefined) context.report.error(ruleOf(outline, context, 'text-missing'), '<outline> must have a text attribute (OPML 2.0)', at(outline));
  checkOutlineType(outline, version, context);
  checkOutlineValues(outline, context);
  walkChildren(outline, '', { outline: { check: (e, c) => checkOutline(e, version, c) } }, context);
}

/** Checks an OPML 1.0 or 2.0 document (opml.org/spec2), or its predecessor outlineDocument: version, head, a body of outlines. */
export function checkOpml(root: XmlElement, context: CheckContext): void {
  const version = attr(root, 'version');
  if (root.local === 'outlineDocument') context.report.warn('opml.root.obsolete', '<outlineDocument> is the pre-OPML format of Radio UserLand; use <opml version="2.0">', at(root));
  else if (version === undefined) context.report.error('opml.version.missing', '<opml> must have a version attribute, "2.0"', at(root));
  else if (!VERSIONS.includes(version)) context.report.error('opml.version.invalid', `<opml> version "${version}" is not 1.0, 1.1 or 2.0`, at(root));
  if (root.ns !== '') context.report.error('opml.namespace.invalid', `<opml> must not be in a namespace (found ${root.ns})`, at(root));
  checkAttributes(root, ['version'], context);
  noText(root, context);
  const body = (e: XmlElement, c: CheckContext) => {
    checkAttributes(e, [], c);
    noText(e, c);
    walkChildren(e, '', { outline: { check: (o, c2) => checkOutline(o, version ?? '2.0', c2) } }, c);
    requireChild(e, '', 'outline', c);
  };
  const head = (e: XmlElement, c: CheckContext) => (checkAttributes(e, [], c), noText(e, c), walkChildren(e, '', HEAD, c));
  walkChildren(root, root.ns, { head: { once: true, check: head }, body: { once: true, check: body } }, context);
  requireChild(root, root.ns, 'head', context);
  requireChild(root, root.ns, 'body', context);
}
