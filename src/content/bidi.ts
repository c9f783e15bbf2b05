const OPENS_EMBEDDING = /[\u202a\u202b\u202d\u202e]/; // LRE, RLE, LRO, RLO: closed by PDF (U+202C)
const OPENS_ISOLATE = /[\u2066\u2067\u2068]/; // LRI, RLI, FSI: closed by PDI (U+2069)

/**
 * Plain text whose bidi embeddings, overrides and isolates are all closed at its end (Unicode UAX #9),
 * so a right-to-left override in a title cannot reverse the text a reader shows after it.
 */
export function closeBidi(text: string): string {
  if (!/[\u202a-\u202e\u2066-\u2069]/.test(text)) return text;
  const open: string[] = [];
  for (const char of text) {
    if (OPENS_EMBEDDING.test(char)) open.push('\u202c');
    else if (OPENS_ISOLATE.test(char)) open.push('\u2069');
    else if (char === '\u202c' && open.at(-1) === '\u202c') open.pop();
    else if (char === '\u2069' && open.includes('\u2069')) open.length = open.lastIndexOf('\u2069');
  }
  return text + open.reverse().join('');
}
