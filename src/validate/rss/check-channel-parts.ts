import { checkInteger, notBlank, ruleOf } from '../xml/values.js';
import { at, checkAttributes, noText, requireChild, walkChildren, type CheckContext } from '../xml/walk.js';
import { attr, child, type XmlElement } from '../xml/xml-node.js';
import { checkFullUrl, checkOneOf } from './check-values.js';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Checks an RSS 2.0 image: url, title and link required; width at most 144, height at most 400. */
export function checkImage(image: XmlElement, ownNs: string, context: CheckContext): void {
  checkAttributes(image, [], context);
  noText(image, context);
  walkChildren(image, ownNs, {
    url: { once: true, leaf: [], check: checkFullUrl },
    title: { once: true, leaf: [], check: notBlank },
    link: { once: true, leaf: [], check: checkFullUrl },
    width: { once: true, leaf: [], check: (e, c) => checkInteger(e, c, 1, 144) },
    height: { once: true, leaf: [], check: (e, c) => checkInteger(e, c, 1, 400) },
    description: { once: true, leaf: [] },
  }, context);
  for (const name of ['url', 'title', 'link']) requireChild(image, ownNs, name, context);
  checkImageMatchesChannel(image, ownNs, context);
}

/** Warns when an image's link or title differs from its channel's: readers show the image as the channel's own. */
export function checkImageMatchesChannel(image: XmlElement, ownNs: string, context: CheckContext): void {
  for (const name of ['link', 'title']) {
    const own = child(image, ownNs, name)?.text.trim();
    const channels = image.parent ? child(image.parent, ownNs, name)?.text.trim() : undefined;
    if (own && channels && own !== channels) context.report.warn(`rss.image.${name}.mismatch`, `the image's ${name} "${own}" differs from the channel's, "${channels}"`, at(image));
  }
}

/** Checks an RSS 2.0 textInput: title, description, name and link, all required. */
export function checkTextInput(input: XmlElement, ownNs: string, context: CheckContext): void {
  checkAttributes(input, [], context);
  noText(input, context);
  context.report.warn('rss.channel.textInput.avoid', 'most readers ignore <textInput>', at(input));
  walkChildren(input, ownNs, {
    title: { once: true, leaf: [] },
    description: { once: true, leaf: [] },
    name: {
      once: true,
      leaf: [],
      check: (e, c) => {
        if (!/^[A-Za-z_][\w.:-]*$/.test(e.text.trim())) c.report.error(ruleOf(e, c, 'invalid'), `<name> "${e.text.trim()}" is not a form field name`, at(e));
      },
    },
    link: { once: true, leaf: [], check: checkFullUrl },
  }, context);
  for (const name of ['title', 'description', 'name', 'link']) requireChild(input, ownNs, name, context);
}

/** Checks an RSS 2.0 cloud: domain, port, path, registerProcedure and protocol attributes. */
export function checkCloud(cloud: XmlElement, context: CheckContext): void {
  for (const name of ['domain', 'port', 'path', 'registerProcedure', 'protocol']) {
    if (attr(cloud, name) === undefined) context.report.error(ruleOf(cloud, context, `${name}-missing`), `<cloud> must have a ${name} attribute (RSS 2.0)`, at(cloud));
  }
  const port = attr(cloud, 'port');
  if (port !== undefined) checkInteger(cloud, context, 1, 65535, port, '<cloud> port');
}

/** Checks RSS 2.0 skipHours: one to 24 distinct hours from 0 to 23. */
export function checkSkipHours(element: XmlElement, ownNs: string, context: CheckContext): void {
  checkAttributes(element, [], context);
  noText(element, context);
  const seen = new Set<number>();
  walkChildren(element, ownNs, {
    hour: {
      leaf: [],
      check: (e, c) => {
        const value = e.text.trim();
        if (value === '24') c.report.warn(ruleOf(e, c, 'midnight'), '<hour> 24: midnight is 0', at(e));
        else if (!checkInteger(e, c, 0, 23)) return;
        const hour = Number(value) % 24;
        if (seen.has(hour)) c.report.error(ruleOf(e, c, 'duplicate'), `<hour> ${value} appears twice`, at(e));
        seen.add(hour);
      },
    },
  }, context);
  requireChild(element, ownNs, 'hour', context);
}

/** Checks RSS 2.0 skipDays: distinct English day names, at most seven. */
export function checkSkipDays(element: XmlElement, ownNs: string, context: CheckContext): void {
  checkAttributes(element, [], context);
  noText(element, context);
  const seen = new Set<string>();
  walkChildren(element, ownNs, {
    day: {
      leaf: [],
      check: (e, c) => {
        if (!checkOneOf(e, c, DAYS, 'a day name such as Monday')) return;
        if (seen.has(e.text.trim())) c.report.error(ruleOf(e, c, 'duplicate'), `<day> ${e.text.trim()} appears twice`, at(e));
        seen.add(e.text.trim());
      },
    },
  }, context);
  if (element.children.filter((c) => c.local === 'day').length > 7) context.report.error('rss.skipDays.day.too-many', '<skipDays> has more than seven days', at(element));
  requireChild(element, ownNs, 'day', context);
}
