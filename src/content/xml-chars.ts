// XML 1.0 §2.2 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
const FORBIDDEN = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Removes every character XML 1.0 forbids (controls, lone surrogates, U+FFFE/U+FFFF). */
export function stripForbiddenXmlChars(text: string): string {
  return text.replace(FORBIDDEN, '');
}
