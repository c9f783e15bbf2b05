import { checkAtom } from './atom/check-atom.js';
import { Report, type Finding } from './finding.js';
import type { FeedFormat, ValidateOptions } from './format.js';
import { checkJsonFeed } from './json/check-json-feed.js';
import { checkReader } from './reader/check-reader.js';
import { checkRdf } from './rss/check-rdf.js';
import { checkRss } from './rss/check-rss.js';
import { checkRss11 } from './rss/check-rss11.js';
import { sniffFormat } from './sniff.js';
import { checkDocumentWide, checkNamespaceDeclarations } from './xml/check-document.js';
import { checkExtension } from './ext/check-extension.js';
import { decodeXml } from './xml/decode.js';
import { parseXml } from './xml/parse-xml.js';
import type { CheckContext } from './xml/walk.js';
import type { XmlDocument, XmlElement } from './xml/xml-node.js';
import { APP_NS, checkApp } from './app/check-app.js';
import { checkOpml } from './opml/check-opml.js';

/** How a document with a given root is checked: its rule prefix, its checks, and whether readers read it as a feed. */
interface RootCheck {
  readonly prefix: CheckContext['prefix'];
  readonly check: (document: XmlDocument, context: CheckContext) => void;
  readonly feed: boolean;
}

function rootCheck(root: XmlElement, format: Exclude<FeedFormat, 'json'>): RootCheck {
  if (root.local === 'feed' || root.local === 'entry') return { prefix: 'atom', check: (d, c) => checkAtom(d.root, c), feed: true };
  if (root.ns === APP_NS && (root.local === 'service' || root.local === 'categories')) return { prefix: 'atom', check: (d, c) => checkApp(d.root, c), feed: false };
  if (root.local === 'rss') return { prefix: 'rss', check: checkRss, feed: true };
  if (root.local === 'RDF') return { prefix: 'rss', check: (d, c) => checkRdf(d.root, c), feed: true };
  if (root.local === 'Channel') return { prefix: 'rss', check: (d, c) => checkRss11(d.root, c), feed: true };
  if (root.local === 'opml' || root.local === 'outlineDocument') return { prefix: 'opml', check: (d, c) => checkOpml(d.root, c), feed: false };
  const unknown = (d: XmlDocument, c: CheckContext) => c.report.error('xml.root.unknown', `<${d.root.qname}> is not the root of an RSS or Atom feed`, { line: d.root.line });
  return { prefix: format, check: unknown, feed: true };
}

function checkXml(body: string | Buffer, format: Exclude<FeedFormat, 'json'>, options: ValidateOptions, report: Report): string | undefined {
  const text = decodeXml(body, report, options.contentType);
  const broken = (partial: XmlElement) => checkNamespaceDeclarations(partial, { report, url: options.url, prefix: rootCheck(partial, format).prefix, extension: checkExtension });
  const document = parseXml(text, report, broken);
  if (!document) return undefined;
  const how = rootCheck(document.root, format);
  const context: CheckContext = { report, url: options.url, prefix: how.prefix, extension: checkExtension };
  checkDocumentWide(document.root, context);
  how.check(document, context);
  return how.feed ? text : undefined;
}

/**
 * Every problem found in a feed document (RSS 0.9x/1.0/2.0, Atom 1.0, JSON Feed 1.1) or an OPML or Atom Publishing
 * Protocol document, errors and warnings
 * in document order; the format is sniffed from the bytes unless `options.format` names it.
 */
export async function validateFeed(body: string | Buffer, options: ValidateOptions = {}): Promise<Finding[]> {
  const report = new Report();
  const format: FeedFormat | undefined = options.format ?? sniffFormat(body, options.contentType);
  if (format === undefined) {
    report.error('feed.format.unknown', 'this is neither an RSS, an Atom, a JSON Feed nor an OPML document');
    return report.findings();
  }
  if (format === 'json') {
    checkJsonFeed(body, options, report);
    return report.findings();
  }
  const text = checkXml(body, format, options, report);
  if (text !== undefined) await checkReader(text, report);
  return report.findings();
}
