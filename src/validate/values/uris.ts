/** A problem with a URI value: which kind (for the rule id) and why. */
export interface UriProblem {
  readonly kind: 'char' | 'relative' | 'tag' | 'urn' | 'uuid' | 'malformed';
  readonly reason: string;
}

// RFC 3986 §2: unreserved, reserved and the percent sign; RFC 3987 adds every non-ASCII character.
const URI_CHAR = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
// RFC 4151 §2.1: tag:authorityName,date:specific[#fragment].
const TAG = /^tag:(?:[A-Za-z0-9._%+-]+@)?[A-Za-z0-9.-]+,\d{4}(?:-\d\d(?:-\d\d)?)?:[A-Za-z0-9\-._~:/?@!$&'()*+,;=%]*(?:#[A-Za-z0-9\-._~:/?@!$&'()*+,;=%]*)?$/;
// RFC 2141 §2 URN syntax; RFC 4122 §3 for urn:uuid.
const URN = /^urn:[A-Za-z0-9][A-Za-z0-9-]{1,31}:(?:[A-Za-z0-9()+,\-.:=@;$_!*']|%[0-9A-Fa-f]{2})+$/i;
const UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The first character of `value` that may not appear in a URI (or, with `iri`, an IRI). */
export function badUriChar(value: string, iri = true): string | undefined {
  for (const ch of value) {
    if (iri && ch.codePointAt(0)! > 0x7f) continue;
    if (!URI_CHAR.test(ch)) return ch;
  }
  return undefined;
}

/**
 * Checks a URI reference (RFC 3986, or an IRI per RFC 3987): allowed characters, then, for `absolute`,
 * a scheme; tag: (RFC 4151) and urn: (RFC 2141) values must follow their own syntax.
 */
export function checkUri(value: string, options: { absolute: boolean; iri?: boolean }): UriProblem | undefined {
  const bad = badUriChar(value, options.iri ?? true);
  if (bad !== undefined) return { kind: 'char', reason: `the character ${JSON.stringify(bad)} is not allowed in a URI` };
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'tag' && !TAG.test(value)) return { kind: 'tag', reason: 'not a tag: URI as RFC 4151 defines (tag:example.com,2006:name)' };
  if (scheme === 'urn' && /^urn:uuid:/i.test(value) && !UUID.test(value)) return { kind: 'uuid', reason: 'not a valid urn:uuid: (RFC 4122)' };
  if (scheme === 'urn' && !URN.test(value)) return { kind: 'urn', reason: 'not a valid URN (RFC 2141)' };
  if (!scheme) return options.absolute ? { kind: 'relative', reason: 'must be an absolute URI with a scheme, such as https://' } : undefined;
  if ((scheme === 'http' || scheme === 'https' || scheme === 'ftp') && !/^[A-Za-z]+:\/\/[^/]/.test(value)) {
    return { kind: 'malformed', reason: `a ${scheme} URI needs "//" and a host` };
  }
  return undefined;
}

/** Whether `value` is an absolute http(s) URL with a host, as RSS 2.0 enclosures require. */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:[/?#]|$)/i.test(value) || badUriChar(value, false) !== undefined) return false;
  try {
    return Boolean(new URL(value).host);
  } catch {
    return false;
  }
}
