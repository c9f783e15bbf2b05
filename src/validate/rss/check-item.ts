import { isMediaType } from '../values/mime.js';
import { isHttpUrl } from '../values/uris.js';
import { checkDate, checkUriValue, notBlank, ruleOf } from '../xml/values.js';
import { at, checkAttributes, noText, walkChildren, type CheckContext } from '../xml/walk.js';
import { attr, child, childrenNamed, type XmlElement } from '../xml/xml-node.js';
import { checkFullUrl, checkItemHtml, checkPlainText, checkRssContact } from './check-values.js';

function checkEnclosure(element: XmlElement, context: CheckContext): void {
  const say = (problem: string, message: string) => context.report.error(ruleOf(element, context, problem), message, at(element));
  const url = attr(element, 'url');
  const length = attr(element, 'length');
  const type = attr(element, 'type');
  if (url === undefined) say('url-missing', '<enclosure> must have a url attribute (RSS 2.0)');
  else if (!isHttpUrl(url)) say('url', `<enclosure> url "${url}" must be an absolute http or https URL`);
  if (length === undefined) say('length-missing', '<enclosure> must have a length attribute, in bytes (RSS 2.0)');
  else if (length.trim() === '-1') say('length', '<enclosure> length -1: use 0 when the size is unknown');
  else if (!/^\s*\d+\s*$/.test(length)) say('length', `<enclosure> length "${length}" must be a whole number of bytes`);
  if (type === undefined) say('type-missing', '<enclosure> must have a type attribute (RSS 2.0)');
  else if (!isMediaType(type)) say('type', `<enclosure> type "${type}" is not a media type`);
}

/** Checks an RSS 2.0 guid: isPermaLink is true or false; a permalink is an absolute URL. */
function checkGuid(element: XmlElement, context: CheckContext): void {
  const flag = attr(element, 'isPermaLink');
  if (flag !== undefined && flag !== 'true' && flag !== 'false') {
    context.report.error(ruleOf(element, context, 'is-permalink'), `<guid> isPermaLink must be "true" or "false", not "${flag}"`, at(element));
  }
  const value = element.text.trim();
  if (flag === 'false') return void notBlank(element, context);
  if (!value) return context.report.error(ruleOf(element, context, 'blank'), '<guid> is empty; a permalink guid must be a URL', at(element));
  if (checkUriValue(element, context, true) && /^(tag:|urn:uuid:)/i.test(value)) {
    context.report.error(ruleOf(element, context, 'permalink'), `<guid> "${value}" is not a web address; add isPermaLink="false"`, at(element));
  }
}

/** Checks an RSS 2.0 item: its children, and that it has a title or a description. */
export function checkItem(item: XmlElement, ownNs: string, version: string, context: CheckContext): void {
  checkAttributes(item, [], context);
  noText(item, context);
  walkChildren(item, ownNs, {
    title: { once: true, leaf: [], check: (e, c) => (notBlank(e, c), checkPlainText(e, c)) },
    link: { once: true, leaf: [], check: checkFullUrl },
    description: { once: true, leaf: [], check: checkItemHtml },
    author: { once: true, leaf: [], check: checkRssContact },
    category: { leaf: ['domain'], check: notBlank },
    comments: { once: true, leaf: [], check: checkFullUrl },
    enclosure: { leaf: ['url', 'length', 'type'], check: checkEnclosure },
    guid: { once: true, leaf: ['isPermaLink'], check: checkGuid },
    pubDate: { once: true, leaf: [], check: (e, c) => checkDate(e, c, 'rfc822') },
    source: {
      once: true,
      leaf: ['url'],
      check: (e, c) => {
        const url = attr(e, 'url');
        if (url === undefined) c.report.error(ruleOf(e, c, 'url-missing'), '<source> must have a url attribute (RSS 2.0)', at(e));
        else checkUriValue(e, c, true, url, '<source> url');
        checkPlainText(e, c);
      },
    },
  }, context);
  const enclosures = childrenNamed(item, ownNs, 'enclosure');
  if (enclosures.length > 1) context.report.warn('rss.item.enclosure.several', '<item> has more than one <enclosure>; many readers take only the first', at(enclosures[1]!));
  if (!child(item, ownNs, 'title') && !child(item, ownNs, 'description')) {
    context.report.error('rss.item.title-or-description.missing', '<item> must have a <title> or a <description> (RSS 2.0)', at(item));
  }
  if (!child(item, ownNs, 'guid') && version.startsWith('2.')) {
    context.report.warn('rss.item.guid.missing', '<item> should have a <guid> so readers can tell items apart', at(item));
  }
}
