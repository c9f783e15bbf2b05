const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const MEDIA_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(?:\\s*;\\s*${TOKEN}=(?:${TOKEN}|"(?:[^"\\\\]|\\\\.)*"))*$`);

/** Whether `value` is a media type (RFC 2045 §5.1: type "/" subtype, optional parameters). */
export function isMediaType(value: string): boolean {
  return MEDIA_TYPE.test(value);
}
