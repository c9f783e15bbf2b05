import { decodeEntities } from './html-entities.js';

// Liquid's strip_html: <script>…</script>, <!--…-->, <style>…</style>, then any <…>, each removed.
// Done with indexOf, so a title of unclosed brackets costs linear time.
function removeBetween(text: string, open: string, close: string): string {
  let out = '';
  let from = 0;
  const lower = text.toLowerCase();
  for (;;) {
    const start = lower.indexOf(open, from);
    if (start < 0) return out + text.slice(from);
    const end = lower.indexOf(close, start + open.length);
    if (end < 0) return out + text.slice(from);
    out += text.slice(from, start);
    from = end + close.length;
  }
}

/** Liquid's strip_html filter. */
export function stripHtml(text: string): string {
  return removeBetween(removeBetween(removeBetween(removeBetween(text, '<script', '</script>'), '<!--', '-->'), '<style', '</style>'), '<', '>');
}

/**
 * A title as a reader sees jekyll-feed's (`smartify | strip_html | normalize_whitespace`, in an HTML
 * text construct): typography applied, tags dropped, entities decoded, white space folded.
 */
export function jekyllTitle(title: string, smartify: (text: string) => string = (text) => text): string {
  // Ruby's \s is ASCII white space only: a no-break space (or &nbsp;) stays.
  return decodeEntities(stripHtml(smartify(title)).replace(/[ \t\r\n\f\v]+/g, ' ').trim());
}
