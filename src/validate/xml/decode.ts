import { TextDecoder } from 'node:util';
import type { Report } from '../finding.js';

const DECLARED = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z][\w.:-]*)["']/;
const UTF8 = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);
const ASCII = new Set(['us-ascii', 'ascii', 'ansi_x3.4-1968', 'iso646-us']);

function bomEncoding(body: Buffer): { encoding: string; length: number } | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (body[0] === 0xfe && body[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (body[0] === 0xff && body[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return undefined;
}

function charsetOf(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The document's text decoded as XML 1.0 Appendix F says (byte order mark, then the encoding
 * declaration, else UTF-8); bytes that cannot be decoded are reported and read as well as can be.
 */
export function decodeXml(body: string | Buffer, report: Report, contentType?: string): string {
  if (typeof body === 'string') return body.replace(/^\uFEFF/, '');
  const bom = bomEncoding(body);
  const declared = DECLARED.exec(body.subarray(0, 200).toString('latin1'))?.[1]?.toLowerCase();
  if (bom && declared && bom.encoding === 'utf-8' && !UTF8.has(declared)) {
    report.error('xml.encoding.bom-mismatch', `the byte order mark says UTF-8 but the XML declaration says ${declared}`, { line: 1 });
  }
  const encoding = bom?.encoding ?? (declared && !declared.startsWith('utf-16') ? declared : 'utf-8');
  const charset = charsetOf(contentType);
  if (charset && declared && charset !== declared && !(UTF8.has(charset) && UTF8.has(declared))) {
    report.warn('xml.encoding.mismatch', `the HTTP charset ${charset} differs from the declared encoding ${declared}`, { line: 1 });
  }
  const bytes = body.subarray(bom?.length ?? 0);
  const { text, lossy } = decode(bytes, encoding, report);
  if (!UTF8.has(encoding) && !encoding.startsWith('utf-16') && knownEncoding(encoding)) {
    report.warn('xml.encoding.not-utf8', `the document is encoded as ${encoding}; UTF-8 is the safe choice for feeds`, { line: 1 });
  }
  checkSuspiciousCharacters(text, lossy, report);
  return text;
}

function knownEncoding(encoding: string): boolean {
  try {
    return Boolean(new TextDecoder(encoding));
  } catch {
    return false;
  }
}

/**
 * The bytes decoded; bytes that are not valid in the encoding, or an encoding that is unknown, are
 * reported and read as well as can be (as U+FFFD, or as UTF-8), so the rest of the document is still checked.
 */
function decode(bytes: Buffer, encoding: string, report: Report): { text: string; lossy: boolean } {
  if (!knownEncoding(encoding)) {
    report.error('xml.encoding.unknown', `unknown character encoding "${encoding}"; read as UTF-8`, { line: 1 });
    return { text: new TextDecoder('utf-8').decode(bytes), lossy: true };
  }
  // WHATWG decoders read "us-ascii" as windows-1252; XML means 7-bit ASCII.
  const ascii = ASCII.has(encoding) ? bytes.findIndex((b) => b >= 0x80) : -1;
  try {
    if (ascii >= 0) throw new RangeError('not ASCII');
    return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), lossy: false };
  } catch {
    const loose = new TextDecoder(ascii >= 0 ? 'utf-8' : encoding).decode(bytes);
    const at = ascii >= 0 ? lineOfOffset(bytes.toString('latin1'), ascii) : lineOfOffset(loose, Math.max(loose.indexOf('\uFFFD'), 0));
    report.error('xml.encoding.invalid', `bytes that are not valid ${encoding}`, { line: at });
    return { text: loose, lossy: true };
  }
}

// UTF-8 read twice (Ã© for é). The W3C validator also warns of C1 control characters (U+0080-U+009F) and of
// U+FFFD anywhere; Herald keeps those, which XML 1.0 allows, in the posts it serves, so U+FFFD is reported only
// where decoding made it, and C1 controls not until the renderer drops them.
const DOUBLE_ENCODED = /[\u00C2\u00C3][\u0080-\u00BF]/;

/** Warns once of characters that mean the text went through the wrong encoding on its way here. */
function checkSuspiciousCharacters(text: string, lossy: boolean, report: Report): void {
  const found = (lossy ? /\uFFFD/.exec(text) : null) ?? DOUBLE_ENCODED.exec(text);
  if (found) report.warn('xml.characters.suspicious', `the character U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} suggests text decoded with the wrong encoding (Windows-1252 or UTF-8 read twice)`, { line: lineOfOffset(text, found.index) });
}
