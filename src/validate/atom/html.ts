const HTML_END_TAG = /<\/(a|abbr|b|blockquote|br|code|div|em|h[1-6]|i|img|li|ol|p|pre|span|strong|table|td|tr|ul)\s*>/i;
const RISKY_TAGS = /<\s*(script|object|embed|applet|iframe|frame|frameset|meta|link|style|form|base)\b/gi;
const EVENT_ATTR = /<[^>]+\son[a-z]+\s*=/i;

/** Whether plain text seems to hold HTML markup (an end tag of a common element). */
export function looksLikeHtml(text: string): boolean {
  return HTML_END_TAG.test(text);
}

/** The markup in an HTML fragment that readers strip or refuse, each as a phrase. */
export function htmlRisks(html: string): string[] {
  const risks = [...new Set([...html.matchAll(RISKY_TAGS)].map((m) => m[1]!.toLowerCase()))].map((tag) => `contains <${tag}>, which readers remove`);
  if (EVENT_ATTR.test(html)) risks.push('contains an event handler attribute (on...=), which readers remove');
  return risks;
}
