import { checkUriValue, notBlank, ruleOf } from '../xml/values.js';
import { at, checkAttributes, noText, requireChild, walkChildren, type CheckContext, type ChildRules } from '../xml/walk.js';
import { attr, RDF_ATTR, type XmlElement } from '../xml/xml-node.js';
import { checkFullUrl } from './check-values.js';

const RSS090_NS = 'http://my.netscape.com/rdf/simple/0.9/';

function about(element: XmlElement, context: CheckContext, required: boolean): void {
  const value = attr(element, 'about', RDF_ATTR);
  if (value !== undefined) checkUriValue(element, context, false, value, `<${element.qname}> rdf:about`);
  else if (required) context.report.error(ruleOf(element, context, 'about-missing'), `<${element.qname}> must have an rdf:about attribute (RSS 1.0)`, at(element));
}

function container(ownNs: string, rules: ChildRules, required: readonly string[], needsAbout: boolean) {
  return (element: XmlElement, context: CheckContext) => {
    about(element, context, needsAbout);
    noText(element, context);
    walkChildren(element, ownNs, rules, context);
    for (const name of required) requireChild(element, ownNs, name, context);
  };
}

// An RSS 1.0 description is text; markup in it must be escaped, or declared rdf:parseType="Literal" (RDF/XML §2.8).
const description = {
  once: true,
  check: (element: XmlElement, context: CheckContext) => {
    if (element.children.length && attr(element, 'parseType', RDF_ATTR) !== 'Literal') {
      context.report.error('rss.rdf.invalid', `<${element.qname}> holds elements: escape the markup or add rdf:parseType="Literal" (RDF/XML §2.8)`, at(element));
    }
  },
};

// items holds an rdf:Seq of rdf:li, each naming an item with rdf:resource and nothing else (RSS 1.0 §5.3.5).
function checkItems(items: XmlElement, context: CheckContext): void {
  for (const seq of items.children) {
    if (seq.ns !== RDF_ATTR || seq.local !== 'Seq') continue;
    for (const li of seq.children) {
      // The RSS 1.0 specification's own sample writes resource without the rdf: prefix; readers take both.
      const extra = li.attrs.filter((a) => a.local !== 'resource' || (a.ns !== RDF_ATTR && a.ns !== ''));
      for (const a of extra) context.report.error('rss.attribute.unexpected', `<${li.qname}> has an unexpected attribute ${a.qname}; an item is named with rdf:resource`, at(li));
      if (attr(li, 'resource', RDF_ATTR) === undefined && attr(li, 'resource') === undefined) context.report.error('rss.items.li.resource-missing', `<${li.qname}> must name an item with rdf:resource (RSS 1.0 §5.3.5)`, at(li));
    }
  }
}

/** Checks an RSS 1.0 (or 0.90) document: rdf:RDF with a channel, items, image and textinput (RSS 1.0 §5). */
export function checkRdf(root: XmlElement, context: CheckContext): void {
  const ownNs = root.children.some((c) => c.ns === RSS090_NS) ? RSS090_NS : 'http://purl.org/rss/1.0/';
  const modern = ownNs !== RSS090_NS;
  const text = { once: true, leaf: [] as string[], check: notBlank };
  const url = { once: true, leaf: [] as string[], check: checkFullUrl };
  const resourceOnly = { once: true, leaf: ['resource'] };
  checkAttributes(root, [], context);
  noText(root, context);
  walkChildren(root, ownNs, {
    channel: {
      once: true,
      check: container(ownNs, { title: text, link: url, description, image: resourceOnly, textinput: resourceOnly, items: { once: true, check: checkItems } }, ['title', 'link', 'description', ...(modern ? ['items'] : [])], modern),
    },
    item: { check: container(ownNs, { title: text, link: url, description }, ['title', 'link'], modern) },
    image: { once: true, check: container(ownNs, { title: text, link: url, url }, ['title', 'link', 'url'], modern) },
    textinput: { once: true, check: container(ownNs, { title: text, link: url, description: { once: true }, name: text }, ['title', 'link', 'description', 'name'], modern) },
  }, context);
  requireChild(root, ownNs, 'channel', context, 'rss.RDF.channel.missing');
}
