import type { MarkdownIt } from 'markdown-it';
import type { StateBlock } from 'markdown-it';
import { documentOptions, type KramdownEnv } from './env.js';

// kramdown's block HTML (parser/kramdown/html.rb, parser/html.rb): a line starting with a tag that is
// not a span element opens an HTML element that runs to its matching end tag, blank lines included.
// Its content is raw unless `markdown="1"` (or `block`, `span`) or `parse_block_html` says otherwise.

const SPAN_ELEMENTS = new Set(('a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark ' +
  'option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var').split(' '));
const WITHOUT_BODY = new Set('area base br col command embed hr img input keygen link meta param source track wbr'.split(' '));
const BLOCK_MODEL = new Set(('address applet article aside blockquote body dd details div dl fieldset figure figcaption ' +
  'footer form header hgroup iframe li main map menu nav noscript object section summary td').split(' '));
const SPAN_MODEL = new Set(('a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label ' +
  'legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt').split(' '));

const OPEN_TAG = /^<([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/;
const MARKDOWN_ATTR = /\s+markdown\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i;
const MAX_DEPTH = 20;

type ContentModel = 'raw' | 'block' | 'span';

function naturalModel(tag: string): ContentModel {
  return BLOCK_MODEL.has(tag) ? 'block' : SPAN_MODEL.has(tag) ? 'span' : 'raw';
}

function contentModel(tag: string, markdown: string | undefined, parseBlockHtml: boolean): ContentModel {
  if (markdown === '1') return naturalModel(tag);
  if (markdown === 'block') return 'block';
  if (markdown === 'span') return 'span';
  if (markdown === '0') return 'raw';
  return parseBlockHtml ? naturalModel(tag) : 'raw';
}

/** Where the end tag matching the element opened before `from` is, if anywhere. */
function matchingEnd(src: string, tag: string, from: number): { start: number; end: number } | undefined {
  const pattern = new RegExp(`<(/?)${tag}(?=[\\s/>])[^>]*?(/?)>`, 'gi');
  pattern.lastIndex = from;
  let depth = 1;
  for (let match = pattern.exec(src); match; match = pattern.exec(src)) {
    if (match[1] === '/') depth--;
    else if (match[2] !== '/') depth++;
    if (depth === 0) return { start: match.index, end: match.index + match[0].length };
  }
  return undefined;
}

function lineOf(state: StateBlock, offset: number, startLine: number, endLine: number): number {
  let line = startLine;
  while (line < endLine && state.eMarks[line]! < offset) line++;
  return line;
}

function pushHtml(state: StateBlock, type: string, content: string, startLine: number, endLine: number): void {
  const token = state.push(type, '', 0);
  token.map = [startLine, endLine];
  token.content = content;
  token.block = true;
}

function parseInside(state: StateBlock, model: ContentModel, inner: string, lines: [number, number]): void {
  const env = state.env as unknown as KramdownEnv;
  env.htmlDepth = (env.htmlDepth ?? 0) + 1;
  try {
    if (model === 'block') state.md.block.parse(inner.replace(/^[ \t]*\n/, ''), state.md, state.env, state.tokens);
    else {
      const token = state.push('inline', '', 0);
      token.content = inner;
      token.map = lines;
      token.children = [];
    }
  } finally {
    env.htmlDepth--;
  }
}

function htmlBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const open = OPEN_TAG.exec(state.src.slice(start, Math.min(state.src.length, start + 4000)));
  if (!open) return false;
  const tag = open[1]!.toLowerCase();
  if (SPAN_ELEMENTS.has(tag) || WITHOUT_BODY.has(tag) || open[3] === '/') return false;
  const end = matchingEnd(state.src, tag, start + open[0].length);
  if (!end) return false;
  const lastLine = lineOf(state, end.end, startLine, endLine);
  if (lastLine >= endLine) return false;
  if (silent) return true;

  const markdownMatch = MARKDOWN_ATTR.exec(open[2] ?? '');
  const markdown = markdownMatch ? (markdownMatch[1] ?? markdownMatch[2] ?? markdownMatch[3]) : undefined;
  const depth = (state.env as unknown as KramdownEnv).htmlDepth ?? 0;
  const model = depth >= MAX_DEPTH ? 'raw' : contentModel(tag, markdown, documentOptions(state.env).parseBlockHtml);
  const openTag = markdownMatch ? open[0].replace(markdownMatch[0], '') : open[0];
  const after = state.src.slice(end.end, state.eMarks[lastLine]);
  const inner = state.src.slice(start + open[0].length, end.start);
  if (model === 'raw') {
    pushHtml(state, 'html_block', `${openTag}${inner}${state.src.slice(end.start, end.end)}${after}\n`, startLine, lastLine + 1);
  } else {
    pushHtml(state, 'kramdown_html_open', `${openTag}\n`, startLine, startLine + 1);
    parseInside(state, model, inner, [startLine, lastLine + 1]);
    pushHtml(state, 'kramdown_html_close', `${state.src.slice(end.start, end.end)}${after}\n`, lastLine, lastLine + 1);
  }
  state.line = lastLine + 1;
  return true;
}

/** markdown-it plugin: kramdown's block HTML elements, with Markdown inside them on request. */
export function htmlBlocksPlugin(md: MarkdownIt): void {
  md.block.ruler.before('html_block', 'kramdown_html_block', htmlBlock, { alt: ['paragraph', 'reference', 'blockquote'] });
  const raw = (tokens: { content: string }[], index: number) => tokens[index]!.content;
  md.renderer.rules.kramdown_html_open = raw;
  md.renderer.rules.kramdown_html_close = raw;
}
