import { checkAtom } from './atom/check-atom.js';
import { Report, type Finding } from './finding.js';
import type { FeedFormat, ValidateOptions } from './format.js';
import { checkJsonFeed } from './json/check-json-feed.js';
import { checkReader } from './reader/check-reader.js';
import { checkRdf } from './rss/check-rdf.js';
import { checkRss } from './rss/check-rss.js';
import { sniffFormat } from './sniff.js';
import { checkDocumentWide } from './xml/check-document.js';
import { checkExtension } from './xml/check-extension.js';
import { decodeXml } from './xml/decode.js';
import { parseXml } from './xml/parse-xml.js';
import type { CheckContext } from './xml/walk.js';

function checkXml(body: string | Buffer, format: 'rss' | 'atom', options: ValidateOptions, report: Report): string | undefined {
  const text = decodeXml(body, report, options.contentType);
  if (text === undefined) return undefined;
  const document = parseXml(text, report);
  if (!document) return undefined;
  const { root } = document;
  const prefix = root.local === 'feed' || root.local === 'entry' ? 'atom' : format;
  const context: CheckContext = { report, url: options.url, prefix, extension: checkExtension };
  checkDocumentWide(root, context);
  if (prefix === 'atom') checkAtom(root, context);
  else if (root.local === 'rss') checkRss(document, context);
  else if (root.local === 'RDF') checkRdf(root, context);
  else report.error('xml.root.unknown', `<${root.qname}> is not the root of an RSS or Atom feed`, { line: root.line });
  return text;
}

/**
 * Every problem found in a feed document (RSS 2.0, Atom 1.0 or JSON Feed 1.1), errors and warnings
 * in document order; the format is sniffed from the bytes unless `options.format` names it.
 */
export async function validateFeed(body: string | Buffer, options: ValidateOptions = {}): Promise<Finding[]> {
  const report = new Report();
  const format: FeedFormat | undefined = options.format ?? sniffFormat(body, options.contentType);
  if (format === undefined) {
    report.error('feed.format.unknown', 'this is neither an RSS, an Atom nor a JSON Feed document');
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
