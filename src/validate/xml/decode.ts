import { TextDecoder } from 'node:util';
import type { Report } from '../finding.js';

const DECLARED = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z][\w.:-]*)["']/;
const UTF8 = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);

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
 * declaration, else UTF-8); undefined, with an error reported, when the bytes cannot be decoded.
 */
export function decodeXml(body: string | Buffer, report: Report, contentType?: string): string | undefined {
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
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    report.error('xml.encoding.unknown', `unknown character encoding "${encoding}"`, { line: 1 });
    return undefined;
  }
  const bytes = body.subarray(bom?.length ?? 0);
  try {
    const text = decoder.decode(bytes);
    if (!UTF8.has(encoding) && !encoding.startsWith('utf-16')) {
      report.warn('xml.encoding.not-utf8', `the document is encoded as ${encoding}; UTF-8 is the safe choice for feeds`, { line: 1 });
    }
    return text;
  } catch {
    const loose = new TextDecoder(encoding).decode(bytes);
    const at = loose.indexOf('\uFFFD');
    report.error('xml.encoding.invalid', `bytes that are not valid ${encoding}`, { line: lineOfOffset(loose, Math.max(at, 0)) });
    return undefined;
  }
}
