const HTML_END_TAG = /<\/(a|abbr|b|blockquote|br|code|div|em|h[1-6]|i|img|li|ol|p|pre|span|strong|table|td|tr|ul)\s*>/i;
/** The elements readers remove from a feed's HTML (scripts, plug-ins, frames, document-level and form markup). */
export const REMOVED_ELEMENTS: ReadonlySet<string> = new Set(['script', 'object', 'embed', 'applet', 'iframe', 'frame', 'frameset', 'meta', 'link', 'style', 'form', 'base']);
const RISKY_TAGS = new RegExp(`<\\s*(${[...REMOVED_ELEMENTS].join('|')})\\b`, 'gi');
// A tag, found in one left-to-right pass ([^<>] cannot run past the next tag), then an event handler in it.
const TAG = /<[^<>]*>/g;
const EVENT_ATTR = /\son[a-z]+\s*=/i;

// The elements of HTML (WHATWG HTML, "Index of elements"), with the obsolete ones feeds still carry (§16).
const HTML_ELEMENTS = new Set((
  'a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite code col colgroup data ' +
  'datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup ' +
  'hr html i iframe img input ins kbd label legend li link main map mark menu meta meter nav noscript object ol optgroup option ' +
  'output p param picture pre progress q rp rt ruby s samp script search section select slot small source span strong style sub ' +
  'summary sup table tbody td template textarea tfoot th thead time title tr track u ul var video wbr ' +
  'acronym applet basefont big center dir font frame frameset isindex listing marquee nobr noembed noframes plaintext strike tt xmp'
).split(' '));
const START_TAG = /<([A-Za-z][\w:-]*)/g;

/** The start tags in an HTML fragment that name no HTML element (`<scriptingNews>`), once each. */
export function unknownTags(html: string): string[] {
  return [...new Set([...html.matchAll(START_TAG)].map((m) => m[1]!.toLowerCase()))].filter((tag) => !HTML_ELEMENTS.has(tag));
}

/** Whether plain text seems to hold HTML markup (an end tag of a common element). */
export function looksLikeHtml(text: string): boolean {
  return HTML_END_TAG.test(text);
}

/** The markup in an HTML fragment that readers strip or refuse, each as a phrase. */
export function htmlRisks(html: string): string[] {
  const risks = [...new Set([...html.matchAll(RISKY_TAGS)].map((m) => m[1]!.toLowerCase()))].map((tag) => `contains <${tag}>, which readers remove`);
  if ([...html.matchAll(TAG)].some((tag) => EVENT_ATTR.test(tag[0]))) risks.push('contains an event handler attribute (on...=), which readers remove');
  return risks;
}
