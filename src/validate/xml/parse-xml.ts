import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { Report } from '../finding.js';
import { LATIN1_ENTITIES } from './latin1-entities.js';
import type { XmlAttr, XmlDocument, XmlElement } from './xml-node.js';

interface Draft extends XmlElement {
  readonly children: Draft[];
}

/** Stops the parse at the first well-formedness error. */
class NotWellFormed extends Error {
  override name = 'NotWellFormed';
}

function ruleFor(message: string): string {
  if (/unbound namespace prefix/i.test(message)) return 'xml.namespace.undeclared';
  if (/undefined entity|entity/i.test(message)) return 'xml.entity.undefined';
  return 'xml.not-well-formed';
}

function cleanMessage(message: string): string {
  return message.replace(/^[^:]*:\d+:\d+:\s*/, '').replace(/\.$/, '');
}

function makeElement(tag: SaxesTagNS, line: number, parent: Draft | undefined): Draft {
  const attrs: XmlAttr[] = [];
  const declares = new Map<string, string>();
  for (const a of Object.values(tag.attributes)) {
    if (a.prefix === 'xmlns') declares.set(a.local, a.value);
    else if (a.name === 'xmlns') declares.set('', a.value);
    else attrs.push({ qname: a.name, local: a.local, prefix: a.prefix, ns: a.uri, value: a.value });
  }
  return { qname: tag.name, local: tag.local, prefix: tag.prefix, ns: tag.uri, attrs, children: [], line, parent, text: '', declares };
}

/**
 * The document tree of `text`, parsed strictly (XML 1.0 well-formedness and Namespaces in XML);
 * undefined, with the first error reported at its line, when the text is not well-formed; then `broken`
 * receives the tree as far as it was read.
 */
export function parseXml(text: string, report: Report, broken?: (partial: XmlElement) => void): XmlDocument | undefined {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: Draft[] = [];
  let root: Draft | undefined;
  let doctype: string | undefined;
  const entities = new Map<string, string>();
  parser.on('doctype', (value) => {
    doctype = value;
    if (/rss-0\.91\.dtd/.test(value)) Object.entries(LATIN1_ENTITIES).forEach(([name, text]) => entities.set(name, text));
    for (const match of value.matchAll(/<!ENTITY\s+([\w.-]+)\s+(?:"([^"]*)"|'([^']*)')\s*>/g)) {
      entities.set(match[1]!, match[2] ?? match[3] ?? '');
    }
    for (const [name, replacement] of entities) parser.ENTITIES[name] = replacement;
  });
  parser.on('opentag', (tag) => {
    const element = makeElement(tag, parser.line, stack.at(-1));
    if (stack.length === 0) root = element;
    else stack.at(-1)!.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => void stack.pop());
  const addText = (value: string) => {
    const current = stack.at(-1);
    if (current) current.text += value;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('error', (err) => {
    const message = cleanMessage(err.message);
    report.error(ruleFor(message), `not well-formed XML: ${message}`, { line: parser.line });
    throw new NotWellFormed(message);
  });
  try {
    parser.write(text).close();
  } catch (err) {
    if (!(err instanceof NotWellFormed)) throw err;
    if (root) broken?.(root);
    return undefined;
  }
  return root && { root, doctype };
}
