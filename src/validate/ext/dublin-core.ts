import { at, type CheckContext } from '../xml/walk.js';
import { attr, RDF_ATTR, type XmlElement } from '../xml/xml-node.js';
import { ruleOf } from '../xml/values.js';
import { language, plain, positive, nonBlank, uriReference, w3cdtf } from './kinds.js';
import type { ElementSpec, Vocabulary } from './spec.js';

/**
 * Warns when the parent also has the format's own element `core` for the same thing (RSS 2.0 language
 * and dc:language): readers pick one, not always the same.
 */
export function sameAs(core: string): (element: XmlElement, context: CheckContext) => void {
  return (element, context) => {
    const parent = element.parent;
    if (context.prefix !== 'rss' || !parent?.children.some((c) => c.ns === parent.ns && c.local === core)) return;
    context.report.warn(ruleOf(element, context, 'duplicate-semantics'), `<${element.qname}> says what <${core}> already says; keep one`, at(element));
  };
}

/** An RDF resource reference: rdf:resource, else the text, a URI reference (dcterms relations, admin). */
export const resource: ElementSpec = {
  any: true,
  check: (element, context) => {
    const value = attr(element, 'resource', RDF_ATTR) ?? element.text.trim();
    const problem = uriReference(value, context);
    if (problem) context.report.error(ruleOf(element, context, problem.problem), `<${element.qname}> "${value}" ${problem.reason}`, at(element));
  },
};

const text: ElementSpec = {};
const once: ElementSpec = { once: true };
const date: ElementSpec = { once: true, value: w3cdtf };
const anything: ElementSpec = { any: true };

/** Dublin Core Metadata Element Set 1.1 (dublincore.org/specifications/dublin-core/dcmi-terms, the /elements/1.1/ namespace). */
export const DC: Vocabulary = {
  title: once,
  description: once,
  creator: { check: sameAs('managingEditor') },
  subject: { check: sameAs('category') },
  publisher: { check: sameAs('webMaster') },
  contributor: text,
  date: { ...date, check: sameAs('pubDate') },
  type: once,
  format: once,
  identifier: text,
  source: { once: true, check: sameAs('source') },
  language: { once: true, value: language, check: sameAs('language') },
  relation: text,
  coverage: text,
  rights: { once: true, value: plain, check: sameAs('copyright') },
};

const relations = 'isVersionOf hasVersion isReplacedBy replaces isRequiredBy requires isPartOf hasPart isReferencedBy references isFormatOf hasFormat conformsTo';
const unmapped = 'valid available spatial temporal accessRights accrualMethod accrualPeriodicity accrualPolicy bibliographicCitation educationLevel instructionalMethod license provenance rightsHolder';

/** DCMI Metadata Terms (the /terms/ namespace): dates are W3C-DTF, relations are resources. */
export const DCTERMS: Vocabulary = {
  ...Object.fromEntries(relations.split(' ').map((name) => [name, resource])),
  ...Object.fromEntries(unmapped.split(' ').map((name) => [name, anything])),
  alternative: text,
  abstract: once,
  tableOfContents: { ...resource, once: true },
  created: date,
  issued: date,
  modified: { ...date, check: sameAs('lastBuildDate') },
  dateAccepted: once,
  dateCopyrighted: once,
  dateSubmitted: once,
  extent: { once: true, value: [nonBlank, positive] },
  audience: text,
  mediator: once,
};
