import { parse, type DefaultTreeAdapterMap } from 'parse5';
import type { Finding } from '../validate/index.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** An autodiscovery link of an HTML page: `<link rel="alternate" type="…" href="…">` (RSS Autodiscovery, HTML §4.6.7.1). */
export interface DiscoveryLink {
  readonly type: string;
  readonly href: string;
  readonly line?: number;
}

/** What an HTML page says of itself: its parse errors as findings, and the feeds it announces. */
export interface HtmlCheck {
  readonly findings: Finding[];
  readonly links: DiscoveryLink[];
}

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/json']);

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((attr) => attr.name === name)?.value;
}

function* elements(node: Node): Generator<Element> {
  if ('tagName' in node) yield node;
  if ('childNodes' in node) for (const child of node.childNodes) yield* elements(child);
  if ('content' in node) yield* elements(node.content as Node);
}

/**
 * Parses an HTML page as a browser would (the WHATWG parsing algorithm, parse5): each parse error is an
 * `html.parse.<code>` error with its line; the `alternate` links to a feed type are returned for the
 * caller to resolve against what Herald serves.
 */
export function checkHtml(body: string | Buffer): HtmlCheck {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const text = typeof body === 'string' ? body : body.toString('utf8');
  const document = parse(text, {
    sourceCodeLocationInfo: true,
    onParseError: (error) => {
      const key = `${error.code} ${error.startLine}`;
      if (seen.has(key)) return;
      seen.add(key);
      findings.push({ severity: 'error', rule: `html.parse.${error.code}`, message: `the page is not well-formed HTML: ${error.code}`, line: error.startLine });
    },
  });
  const links: DiscoveryLink[] = [];
  for (const element of elements(document)) {
    if (element.tagName !== 'link') continue;
    const rel = (attribute(element, 'rel') ?? '').toLowerCase().split(/\s+/);
    const type = (attribute(element, 'type') ?? '').toLowerCase().split(';')[0]!.trim();
    const href = attribute(element, 'href');
    if (!rel.includes('alternate') || !FEED_TYPES.has(type)) continue;
    const line = element.sourceCodeLocation?.startLine;
    if (href === undefined || href === '') {
      findings.push({ severity: 'error', rule: 'html.autodiscovery.href', message: `an autodiscovery link (${type}) has no href`, ...(line ? { line } : {}) });
      continue;
    }
    links.push({ type, href, ...(line ? { line } : {}) });
  }
  return { findings, links };
}
