import { notBlank } from '../xml/values.js';
import { at, checkAttributes, noText, requireChild, walkChildren, type CheckContext, type ChildRules } from '../xml/walk.js';
import { attr, RDF_ATTR, type XmlElement } from '../xml/xml-node.js';
import { checkAbout, checkRdfProperty, type Abouts } from './check-rdf-content.js';
import { checkImageMatchesChannel } from './check-channel-parts.js';
import { checkFullUrl } from './check-values.js';

/** The RSS 1.1 namespace (inamidst.com/rss1.1, §4). */
export const RSS11_NS = 'http://purl.org/net/rss1.1#';

// Extension content is RDF (RSS 1.1 §5.7 "Any"): checked as RDF/XML, with its rdf:about values shared with the feed's.
function withRdfExtensions(context: CheckContext, abouts: Abouts): CheckContext {
  return { ...context, extension: (element, inner) => (checkRdfProperty(element, RSS11_NS, abouts, inner), context.extension(element, inner)) };
}

function parseTypeIs(element: XmlElement, expected: string, context: CheckContext): void {
  if (attr(element, 'parseType', RDF_ATTR) !== expected) {
    context.report.error(`rss.${element.local}.parse-type`, `<${element.qname}> must have rdf:parseType="${expected}" (RSS 1.1 §4)`, at(element));
  }
}

function container(rules: ChildRules, required: readonly string[]) {
  return (element: XmlElement, context: CheckContext) => {
    checkAttributes(element, [], context);
    noText(element, context);
    walkChildren(element, RSS11_NS, rules, context);
    for (const name of required) requireChild(element, RSS11_NS, name, context);
  };
}

/** Checks an RSS 1.1 document: a Channel with title, link, description and items, each item a resource (RSS 1.1 §4). */
export function checkRss11(root: XmlElement, outer: CheckContext): void {
  const abouts: Abouts = new Map();
  const context = withRdfExtensions(outer, abouts);
  if (root.ns !== RSS11_NS) context.report.error('rss.namespace.invalid', `<Channel> is in namespace ${root.ns || '(none)'}, not RSS 1.1's ${RSS11_NS}`, at(root));
  const text = { once: true, leaf: [] as string[], check: notBlank };
  const optional = { once: true, leaf: [] as string[] };
  const link = { once: true, leaf: [] as string[], check: checkFullUrl };
  const item = container({ title: text, link, description: optional }, []);
  const image = container({ title: text, link, url: link }, ['title', 'url']);
  checkAbout(root, abouts, context, true);
  container({
    title: text,
    link,
    description: optional,
    image: { once: true, check: (e, c) => (parseTypeIs(e, 'Resource', c), image(e, c), checkImageMatchesChannel(e, RSS11_NS, c)) },
    items: {
      once: true,
      check: (e, c) => {
        parseTypeIs(e, 'Collection', c);
        walkChildren(e, RSS11_NS, { item: { check: (i, ic) => (checkAbout(i, abouts, ic, false), item(i, ic)) } }, c);
      },
    },
  }, ['title', 'link', 'description', 'items'])(root, context);
}
