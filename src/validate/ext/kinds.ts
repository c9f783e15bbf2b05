import { looksLikeHtml } from '../atom/html.js';
import { checkRfc3339, checkRfc822, checkW3cdtf, type DateVerdict } from '../values/dates.js';
import { isAddrSpec } from '../values/email.js';
import { isLanguageTag } from '../values/language.js';
import { isMediaType } from '../values/mime.js';
import { checkUri, isHttpUrl } from '../values/uris.js';
import { must, type Problem, type Value } from './spec.js';

const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const currencies = new Intl.DisplayNames(['en'], { type: 'currency', fallback: 'none' });
const INTEGER = /^[+-]?\d+$/;

/** Plain text: a warning when it seems to hold HTML (the W3C validator's ContainsHTML). */
export const plain: Value = (value) => (looksLikeHtml(value) ? { problem: 'html', reason: 'seems to hold HTML, but is plain text', warning: true } : undefined);
/** At most `max` characters (iTunes limits). */
export const maxLength = (max: number): Value => must('too-long', `at most ${max} characters long`, (v) => v.length <= max);
/** Not empty. */
export const nonBlank = must('blank', 'not empty', (v) => v !== '');
/** `true` or `false`, any case, as written. */
export const trueFalse = must('boolean', '"true" or "false"', (v) => /^(?:true|false)$/i.test(v), { raw: true });
/** `true` or `false` exactly (FeedSync). */
export const trueFalseStrict = must('boolean', '"true" or "false" in lower case', (v) => v === 'true' || v === 'false', { raw: true });
/** `yes` or `no`, as written. */
export const yesNo = must('yes-no', '"yes" or "no"', (v) => v === 'yes' || v === 'no', { raw: true });
/** A whole number of at least 0. */
export const nonNegative = must('integer', 'a whole number of at least 0', (v) => INTEGER.test(v) && Number(v) >= 0);
/** A whole number of at least 1. */
export const positive = must('integer', 'a whole number of at least 1', (v) => INTEGER.test(v) && Number(v) >= 1);
/** Any whole number; empty passes. */
export const integer = must('integer', 'a whole number', (v) => v === '' || INTEGER.test(v));
/** A whole number from 1 to 2^31 - 1 (FeedSync's UINT31). */
export const uint31: Value = (value) => {
  const v = value.trim();
  if (!INTEGER.test(v) || Number(v) < 1) return { problem: 'integer', reason: 'must be a whole number of at least 1' };
  return Number(v) > 2 ** 31 - 1 ? { problem: 'overflow', reason: 'must be at most 2147483647' } : undefined;
};
/** Digits with an optional decimal part. */
export const unsignedNumber = must('number', 'a number such as 12 or 12.5', (v) => /^\d+\.?\d*$/.test(v));
/** A signed decimal number. */
export const decimal = must('number', 'a number such as -12.5', (v) => /^[-+]?\d+\.?\d*$/.test(v));
/** A latitude, -90 to 90. */
export const latitude = must('latitude', 'a latitude from -90 to 90', (v) => /^[-+]?(\d+\.?\d*|\.\d+)$/.test(v) && Math.abs(Number(v)) <= 90);
/** A longitude, -180 to 180. */
export const longitude = must('longitude', 'a longitude from -180 to 180', (v) => /^[-+]?(\d+\.?\d*|\.\d+)$/.test(v) && Math.abs(Number(v)) <= 180);
/** An RFC 3066 language tag. */
export const language = must('language', 'a language code such as en or en-GB', isLanguageTag);
/** A media type (RFC 2045). */
export const mediaType = must('type', 'a media type such as audio/mpeg', isMediaType);
/** An e-mail address (RFC 2822 addr-spec). */
export const email = must('email', 'an e-mail address', (v) => isAddrSpec(v));
/** An absolute http(s) URL. */
export const httpUrl = must('url', 'an absolute http or https URL', isHttpUrl);
/** A character encoding name (WHATWG Encoding labels, which cover the IANA names feeds use). */
export const charset = must('charset', 'a character encoding such as UTF-8', (v) => {
  try {
    return Boolean(new TextDecoder(v));
  } catch {
    return false;
  }
});
/** An ISO 3166 two-letter country code. */
export const country = must('country', 'an ISO 3166 country code such as US or GB', (v) => /^[A-Za-z]{2}$/.test(v) && regions.of(v.toUpperCase()) !== undefined);
/** An ISO 4217 currency code. */
export const currency = must('currency', 'an ISO 4217 currency code such as USD', (v) => /^[A-Z]{3}$/.test(v) && currencies.of(v) !== undefined);
/** The namespace-specific string of a URN (RFC 2141 §2.2), as FeedSync ids and authors are. */
export const nss = must('nss', 'letters, digits and URN punctuation only (RFC 2141)', (v) => /^(?:[0-9a-zA-Z()+,\-.:=@;$_!*'/?#]|%[0-9a-fA-F]{2})+$/.test(v));

function uriValue(absolute: boolean, iri = true): Value {
  return (value, context) => {
    const v = value.trim();
    if (absolute && v === '') return { problem: 'invalid-uri', reason: 'must be an absolute URI, not empty' };
    const problem = checkUri(v, { absolute, iri: iri && context.prefix === 'atom' });
    return problem && { problem: problem.kind === 'char' ? 'uri-char' : 'invalid-uri', reason: problem.reason };
  };
}

/** An absolute URI (IRI in Atom). */
export const uri = uriValue(true);
/** An absolute URI, ASCII only even in Atom (FeedSync links). */
export const asciiUri = uriValue(true, false);
/** A URI reference, relative allowed. */
export const uriReference = uriValue(false);

const dateValue = (check: (value: string) => DateVerdict): Value => (value) => {
  const verdict = check(value.trim());
  return verdict.kind === 'ok' ? undefined : { problem: verdict.kind === 'error' ? 'invalid' : 'problematic', reason: verdict.reason, ...(verdict.kind === 'warning' ? { warning: true } : {}) };
};

/** An RFC 3339 date-time (Atom, FeedSync). */
export const rfc3339 = dateValue(checkRfc3339);
/** An RFC 822 date-time (RSS). */
export const rfc822 = dateValue(checkRfc822);
/** A W3C-DTF date (Dublin Core). */
export const w3cdtf = dateValue((v) => checkW3cdtf(v));
/** An ISO 8601 date, the zone optional. */
export const iso8601 = dateValue((v) => checkW3cdtf(v, true));

/** The problems `values` find in `value`. */
export function problemsOf(values: Value | readonly Value[] | undefined, value: string, context: Parameters<Value>[1]): Problem[] {
  const list = values === undefined ? [] : Array.isArray(values) ? values : [values as Value];
  return list.map((check) => check(value, context)).filter((p): p is Problem => p !== undefined);
}
