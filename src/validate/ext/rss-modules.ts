import { ruleOf } from '../xml/values.js';
import { at, type CheckContext } from '../xml/walk.js';
import { attr, RDF_ATTR, type XmlElement } from '../xml/xml-node.js';
import { resource, sameAs } from './dublin-core.js';
import { iso8601, nonNegative, positive, uri, w3cdtf } from './kinds.js';
import { must, oneOf, type ElementSpec, type Vocabulary } from './spec.js';

const inChannel = (spec: ElementSpec): ElementSpec => ({ ...spec, in: ['channel'] });
const inItem = (spec: ElementSpec): ElementSpec => ({ ...spec, in: ['item'] });
const uriOnce: ElementSpec = { once: true, value: uri };
const anything: ElementSpec = { any: true };
const inRdf = (element: XmlElement): boolean => (element.parent ? inRdf(element.parent) : element.local === 'RDF');

// Trackback: RSS 1.0 names the resource in rdf:resource, RSS 2.0 and Atom give the URL as text.
function trackback(once: boolean): ElementSpec {
  return inItem({
    once,
    any: true,
    check: (e: XmlElement, c: CheckContext) => {
      if (!inRdf(e)) {
        const problem = uri(e.text, c);
        if (problem) c.report.error(ruleOf(e, c, problem.problem), `<${e.qname}> "${e.text.trim()}" ${problem.reason}`, at(e));
        return;
      }
      if (attr(e, 'resource', RDF_ATTR) === undefined) c.report.error(ruleOf(e, c, 'resource-missing'), `<${e.qname}> must have an rdf:resource attribute in RSS 1.0`, at(e));
      else resource.check!(e, c);
    },
  });
}

/** RSS 1.0 mod_content: content:encoded in items (and RSS 1.0's content:items). */
export const CONTENT: Vocabulary = { encoded: inItem({ once: true }), items: anything, item: anything, format: anything, encoding: anything };

/** RSS 1.0 mod_slash (Slashdot): section, department, comment count, hit parade, in items. */
export const SLASH: Vocabulary = {
  section: inItem({}),
  department: inItem({}),
  comments: inItem({ once: true, value: nonNegative }),
  hit_parade: inItem({ once: true, value: must('invalid', 'comma-separated whole numbers', (v) => /^\d+(?:,\s*\d+)*$/.test(v)) }),
};

/** The Well-Formed Web comment API: the comment and comment-feed URLs of an item. */
export const WFW: Vocabulary = {
  comment: inItem(uriOnce),
  commentRss: inItem(uriOnce),
  commentRSS: inItem({ ...uriOnce, check: (e, c) => c.report.warn(ruleOf(e, c, 'case'), '<wfw:commentRSS> is spelled <wfw:commentRss> by the specification', at(e)) }),
};

/** RSS 1.0 mod_syndication: how often the channel updates. */
export const SYNDICATION: Vocabulary = {
  updatePeriod: inChannel({ once: true, value: oneOf(['hourly', 'daily', 'weekly', 'monthly', 'yearly']) }),
  updateFrequency: inChannel({ once: true, value: positive }),
  updateBase: inChannel({ once: true, value: w3cdtf }),
};

/** RSS 1.0 mod_admin: the generator and where to report errors, as RDF resources. */
export const ADMIN: Vocabulary = {
  generatorAgent: inChannel({ ...resource, once: true, check: (e, c) => (resource.check!(e, c), sameAs('generator')(e, c)) }),
  errorReportsTo: inChannel({ ...resource, once: true }),
};

/** UserLand's blogChannel module: blogroll, subscriptions, blink and changes URLs. */
export const BLOG_CHANNEL: Vocabulary = Object.fromEntries('blogRoll mySubscriptions blink changes'.split(' ').map((name) => [name, inChannel(uriOnce)]));

/** UserLand's creativeCommons module: the licence URL. */
export const CREATIVE_COMMONS: Vocabulary = { license: { value: uri } };

/** The trackback module: the ping URL and what the item is about. */
export const TRACKBACK: Vocabulary = { ping: trackback(true), about: trackback(false) };

/** RSS 1.0 mod_event: dates in ISO 8601, location, organizer and type, in items. */
export const EVENT: Vocabulary = {
  startdate: inItem({ once: true, value: iso8601 }),
  enddate: inItem({ once: true, value: iso8601 }),
  location: inItem(anything),
  organizer: inItem(anything),
  type: inItem({ once: true }),
};

/** RSS 1.0 mod_aggregation: where an aggregated item came from. */
export const AGGREGATION: Vocabulary = { source: inItem({ once: true }), sourceURL: inItem(uriOnce), timestamp: inItem({ once: true, value: iso8601 }) };

/** RSS 1.0 mod_annotate: the item an item annotates. */
export const ANNOTATE: Vocabulary = { reference: inItem({ ...resource, once: true }) };

/** The changedpage module: the server to ping. */
export const CHANGED_PAGE: Vocabulary = { server: inChannel(resource) };

/** RSS 1.0 mod_wiki. */
export const WIKI: Vocabulary = { ...Object.fromEntries('diff history importance status version'.split(' ').map((name) => [name, inItem({})])), interwiki: inChannel({}) };
