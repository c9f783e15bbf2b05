import { htmlparser2 } from './lazy-modules.js';

// htmlparser2's Parser (which sanitize-html runs) keeps its open elements in an array it unshifts onto,
// so each opening tag costs the depth of the document: a body of `<b>` repeated 300,000 times is
// quadratic (minutes of CPU). This pass reads the same tokens with htmlparser2's own Tokenizer, keeps
// the Parser's open-element stack as it would (HTML's implied end tags, void and foreign elements) in
// linear time, and drops every opening tag that would start an element deeper than the cap. What is
// dropped is only ever a start tag; the sanitiser still sees and cleans everything that is left.

/** Open elements nested deeper than this are dropped before sanitising (none of Herald's posts come near it). */
export const MAX_HTML_DEPTH = 200;

// Start tags that close open elements first (HTML Living Standard §13.2.6, as htmlparser2 applies it).
const P = ['p'];
const FORM = ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'];
const CLOSED_BY: Readonly<Record<string, readonly string[]>> = {
  tr: ['tr', 'th', 'td'], th: ['th'], td: ['thead', 'th', 'td'], body: ['head', 'link', 'script'], li: ['li'],
  p: P, h1: P, h2: P, h3: P, h4: P, h5: P, h6: P,
  select: FORM, input: FORM, output: FORM, button: FORM, datalist: FORM, textarea: FORM,
  option: ['option'], optgroup: ['optgroup', 'option'], dd: ['dd', 'dt'], dt: ['dd', 'dt'],
  address: P, article: P, aside: P, blockquote: P, details: P, div: P, dl: P, fieldset: P, figcaption: P,
  figure: P, footer: P, form: P, header: P, hr: P, main: P, nav: P, ol: P, pre: P, section: P, table: P, ul: P,
  rt: ['rt', 'rp'], rp: ['rt', 'rp'], tbody: ['thead', 'tbody'], tfoot: ['thead', 'tbody'],
};
const VOID = new Set([
  'area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex',
  'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp']);
const FOREIGN = new Set(['math', 'svg']);
const INTEGRATION = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);

/** htmlparser2's open elements, innermost last, with a count per name so a close tag that matches nothing costs O(1). */
class OpenElements {
  readonly names: string[] = [];
  readonly #counts = new Map<string, number>();

  push(name: string): void {
    this.names.push(name);
    this.#counts.set(name, (this.#counts.get(name) ?? 0) + 1);
  }

  pop(): string | undefined {
    const name = this.names.pop();
    if (name !== undefined) this.#counts.set(name, this.#counts.get(name)! - 1);
    return name;
  }

  has(name: string): boolean {
    return (this.#counts.get(name) ?? 0) > 0;
  }

  get top(): string | undefined {
    return this.names[this.names.length - 1];
  }
}

/** What the pass found: the deepest nesting kept, and the opening tags to drop as [start, end) ranges. */
export interface NestingScan {
  readonly dropped: readonly (readonly [number, number])[];
  readonly maxDepth: number;
}

/** Scans `html` as htmlparser2's Parser would, in time linear in its length; opening tags beyond `cap` are listed. */
export function scanNesting(html: string, cap = MAX_HTML_DEPTH): NestingScan {
  const open = new OpenElements();
  const foreign: boolean[] = [false];
  const dropped: [number, number][] = [];
  let maxDepth = 0;
  let tag: { name: string; start: number; dropped: boolean } | undefined;
  const slice = (start: number, end: number) => html.slice(start, end).toLowerCase();

  // A dropped tag changes nothing (the sanitiser will not see it); raw-text elements are never dropped,
  // so that what they hold stays text, and hold nothing that nests.
  const openTag = (name: string, start: number) => {
    const drop = !VOID.has(name) && !RAW_TEXT.has(name) && open.names.length >= cap;
    tag = { name, start, dropped: drop };
    if (drop) return;
    const implied = CLOSED_BY[name];
    if (implied) while (open.top !== undefined && implied.includes(open.top)) open.pop();
    if (!VOID.has(name)) {
      open.push(name);
      if (FOREIGN.has(name)) foreign.push(true);
      else if (INTEGRATION.has(name)) foreign.push(false);
      maxDepth = Math.max(maxDepth, open.names.length);
    }
  };
  const endTag = (end: number) => {
    if (tag?.dropped) dropped.push([tag.start, end + 1]);
  };
  const closeTag = (name: string) => {
    if (FOREIGN.has(name) || INTEGRATION.has(name)) foreign.pop();
    if (VOID.has(name)) return;
    // A close tag that matches nothing is ignored (an unmatched `</p>` makes an empty p, opened and closed).
    if (open.has(name)) while (open.pop() !== name);
    else if (name === 'p') maxDepth = Math.max(maxDepth, open.names.length + 1);
  };

  const tokenizer = new (htmlparser2().Tokenizer)({ xmlMode: false, decodeEntities: true }, {
    onopentagname: (start, end) => openTag(slice(start, end), start - 1),
    onopentagend: (end) => endTag(end),
    onselfclosingtag: (end) => {
      endTag(end);
      if (foreign[foreign.length - 1] && tag && !tag.dropped && open.top === tag.name) open.pop();
    },
    onclosetag: (start, end) => closeTag(slice(start, end)),
    onattribdata: () => {}, onattribentity: () => {}, onattribend: () => {}, onattribname: () => {},
    oncdata: () => {}, oncomment: () => {}, ondeclaration: () => {}, onend: () => {},
    onprocessinginstruction: () => {}, ontext: () => {}, ontextentity: () => {},
  });
  tokenizer.write(html);
  tokenizer.end();
  return { dropped, maxDepth };
}

/** `html` without the opening tags that would nest elements deeper than `cap`; unchanged (same string) when none do. */
export function capNesting(html: string, cap = MAX_HTML_DEPTH): string {
  if (fewerTagsThan(html, cap + 1)) return html; // nothing can nest deeper than the tags it opens
  const { dropped } = scanNesting(html, cap);
  if (dropped.length === 0) return html;
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of dropped) {
    parts.push(html.slice(at, start));
    at = end;
  }
  parts.push(html.slice(at));
  return parts.join('');
}

// Whether `html` holds fewer than `count` '<' characters (so fewer tags), without scanning past them.
function fewerTagsThan(html: string, count: number): boolean {
  for (let at = html.indexOf('<'), seen = 0; at >= 0; at = html.indexOf('<', at + 1)) if (++seen >= count) return false;
  return true;
}
