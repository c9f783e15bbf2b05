/**
 * The forms of Ruby's `Time.parse` (Date._parse) that posts use, which is how Jekyll reads a `date`
 * that YAML left as text: ISO 8601 and RFC 2822 dates, `d Month yyyy`, `Month d, yyyy`, `y/m/d`,
 * `d/m/yyyy`, `y.m.d`, `yyyymmdd[Thhmmss]`, times with am/pm, numeric and named zones. Words it does
 * not know are skipped, as Ruby skips them. The text is split into tokens once and every rule looks a
 * bounded number of tokens ahead, so the work is linear in the length (and the length is capped).
 */

/** The fields Date._parse found; `zone` as written (`+01:00`, `utc`, `est`). */
export interface RubyTimeFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly zone?: string;
}

/** Texts longer than this are not dates (no date form comes near it); it bounds the parser's work. */
export const MAX_DATE_LENGTH = 200;

type Kind = 'num' | 'word' | 'sym';
interface Token {
  readonly kind: Kind;
  readonly text: string;
  /** White space before the token. */
  readonly spaced: boolean;
  used?: boolean;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ERAS: Readonly<Record<string, number>> = { m: 1867, t: 1911, s: 1925, h: 1988, r: 2018 };
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** A count of the parser's basic steps (one per character read or token looked at), for the fuzz test. */
export interface Steps {
  count: number;
}

/** Tokens of `text`: digit runs, letter runs, single other characters; white space only marks spacing. */
export function tokenize(text: string, steps: Steps = { count: 0 }): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let spaced = false;
  while (i < text.length) {
    steps.count++;
    const c = text[i]!;
    if (/\s/.test(c)) {
      spaced = true;
      i++;
      continue;
    }
    const kind: Kind = /\d/.test(c) ? 'num' : /[a-z]/i.test(c) ? 'word' : 'sym';
    let j = i + 1;
    if (kind !== 'sym') while (j < text.length && (kind === 'num' ? /\d/ : /[a-z]/i).test(text[j]!)) {
      steps.count++;
      j++;
    }
    tokens.push({ kind, text: text.slice(i, j).toLowerCase(), spaced });
    spaced = false;
    i = j;
  }
  return tokens;
}

const month = (token: Token | undefined) => {
  if (token?.kind !== 'word' || token.text.length < 3) return 0;
  const index = MONTHS.indexOf(token.text.slice(0, 3));
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][index];
  return index >= 0 && (token.text.length === 3 || token.text === full || (index === 8 && token.text === 'sept')) ? index + 1 : 0;
};
const isNum = (token: Token | undefined, min = 1, max = 99): token is Token =>
  token?.kind === 'num' && !token.used && token.text.length >= min && token.text.length <= max;
const isSym = (token: Token | undefined, chars: string) => token?.kind === 'sym' && chars.includes(token.text);

interface Clock {
  hour: number;
  minute: number;
  second: number;
  zone?: string;
}

// A zone directly after a time: Z, a known name, or a numeric offset (+hh, +hhmm, +hh:mm).
function zoneAt(tokens: Token[], i: number): { zone: string; next: number } | undefined {
  const t = tokens[i];
  if (!t) return undefined;
  if (t.kind === 'word' && /^[a-z]{1,5}$/.test(t.text) && !month(t) && !DAYS.includes(t.text.slice(0, 3))) return { zone: t.text, next: i + 1 };
  if (isSym(t, '+-') && isNum(tokens[i + 1], 1, 4) && !tokens[i + 1]!.spaced) {
    let zone = t.text + tokens[i + 1]!.text;
    let next = i + 2;
    if (isSym(tokens[next], ':') && isNum(tokens[next + 1], 2, 2)) {
      zone += `:${tokens[next + 1]!.text}`;
      next += 2;
    }
    return { zone, next };
  }
  return undefined;
}

// h:mm[:ss[.frac]] [am|pm] [zone], or h am|pm; marks the tokens it takes.
function findClock(tokens: Token[], steps: Steps): Clock | undefined {
  for (let i = 0; i < tokens.length; i++) {
    steps.count++;
    if (!isNum(tokens[i], 1, 2)) continue;
    let next = i + 1;
    const parts = [Number(tokens[i]!.text)];
    while (parts.length < 3 && isSym(tokens[next], ':') && isNum(tokens[next + 1], 1, 2)) {
      parts.push(Number(tokens[next + 1]!.text));
      next += 2;
    }
    if (parts.length > 1 && parts.length === 3 && isSym(tokens[next], '.,') && isNum(tokens[next + 1], 1, 30)) next += 2;
    const meridian = tokens[next]?.kind === 'word' && /^(am|pm)$/.test(tokens[next]!.text) ? tokens[next]!.text : undefined;
    if (parts.length === 1 && !meridian) continue;
    if (meridian) next++;
    let [hour = 0, minute = 0, second = 0] = parts;
    if (meridian) hour = (hour % 12) + (meridian === 'pm' ? 12 : 0);
    const zone = zoneAt(tokens, next);
    const end = zone ? zone.next : next;
    for (let k = i; k < end; k++) tokens[k]!.used = true;
    if (i > 0 && tokens[i - 1]!.kind === 'word' && tokens[i - 1]!.text === 't') tokens[i - 1]!.used = true;
    return { hour, minute, second, ...(zone ? { zone: zone.zone } : {}) };
  }
  return undefined;
}

interface Ymd {
  year?: string;
  month: number;
  day?: string;
}

// Date._parse's s3e: which of three numbers is the year, by length (more than two digits is a year).
function s3e(y: string | undefined, m: string, d: string | undefined): Ymd {
  if (y === undefined && d !== undefined && d.length > 2) [y, d] = [d, undefined];
  if (m.length > 2) [y, m, d] = [m, d ?? '', y];
  if (d !== undefined && d.length > 2) [y, d] = [d, y];
  return { ...(y === undefined ? {} : { year: y }), month: Number(m), ...(d === undefined || d === '' ? {} : { day: d }) };
}

// Date forms in Date._parse's order: eu, us, iso, slash, dot, digits.
function findDate(tokens: Token[], steps: Steps): Ymd | undefined {
  steps.count += tokens.length;
  const free = tokens.map((t, i) => (t.used ? -1 : i)).filter((i) => i >= 0);
  const at = (n: number) => tokens[free[n] ?? -1];
  const ordinal = (t: Token | undefined) => t?.kind === 'word' && /^(st|nd|rd|th)$/.test(t.text);
  for (let n = 0; n < free.length; n++) {
    steps.count++;
    // d[th] Month [,] [yyyy]
    const k = n + (ordinal(at(n + 1)) ? 2 : 1);
    if (isNum(at(n), 1, 5) && month(at(k))) {
      let y = k + 1;
      if (isSym(at(y), ',')) y++;
      return s3e(isNum(at(y), 1, 5) ? at(y)!.text : undefined, String(month(at(k))), at(n)!.text);
    }
  }
  for (let n = 0; n < free.length; n++) {
    steps.count++;
    // Month d[th][,] [yyyy], or Month yyyy
    if (!month(at(n))) continue;
    let k = n + 1;
    if (isSym(at(k), '.')) k++;
    if (!isNum(at(k), 1, 5)) continue;
    let y = k + 1 + (ordinal(at(k + 1)) ? 1 : 0);
    if (isSym(at(y), ',')) y++;
    return s3e(isNum(at(y), 1, 5) ? at(y)!.text : undefined, String(month(at(n))), at(k)!.text);
  }
  for (let n = 0; n + 5 < free.length; n++) {
    steps.count++;
    // JIS: an era letter and y.m.d (H31.04.30 is 2019-04-30).
    const era = ERAS[at(n)?.text ?? ''];
    const [a, s1, b, s2, c] = [at(n + 1), at(n + 2), at(n + 3), at(n + 4), at(n + 5)];
    if (era !== undefined && !a?.spaced && isNum(a, 1, 2) && isSym(s1, '.') && isNum(b, 1, 2) && isSym(s2, '.') && isNum(c, 1, 2)) {
      return { year: String(era + Number(a.text)), month: Number(b.text), day: c.text };
    }
  }
  for (const separator of ['-', '/', '.']) {
    for (let n = 0; n + 4 < free.length; n++) {
      steps.count++;
      const [a, s1, b, s2, c] = [at(n), at(n + 1), at(n + 2), at(n + 3), at(n + 4)];
      if (isNum(a, 1, 5) && isSym(s1, separator) && isNum(b, 1, 2) && isSym(s2, separator) && isNum(c, 1, 5)) {
        if (!s1!.spaced && !b!.spaced && !s2!.spaced && !c!.spaced) return s3e(a.text, b.text, c.text);
      }
    }
  }
  for (let n = 0; n < free.length; n++) {
    steps.count++;
    const t = at(n);
    if (isNum(t, 8, 8) || isNum(t, 14, 14)) return { year: t.text.slice(0, 4), month: Number(t.text.slice(4, 6)), day: t.text.slice(6, 8) };
  }
  return undefined;
}

// yyyymmddThhmm[ss] and yyyymmddhhmmss carry their time inside digit runs.
function digitClock(tokens: Token[], steps: Steps): Clock | undefined {
  for (let i = 0; i < tokens.length; i++) {
    steps.count++;
    const t = tokens[i]!;
    if (isNum(t, 14, 14)) return { hour: Number(t.text.slice(8, 10)), minute: Number(t.text.slice(10, 12)), second: Number(t.text.slice(12, 14)) };
    if (isNum(t, 8, 8) && tokens[i + 1]?.text === 't' && (isNum(tokens[i + 2], 4, 4) || isNum(tokens[i + 2], 6, 6))) {
      const digits = tokens[i + 2]!.text;
      return { hour: Number(digits.slice(0, 2)), minute: Number(digits.slice(2, 4)), second: Number(digits.slice(4, 6) || '0') };
    }
  }
  return undefined;
}

function year(text: string): number {
  const value = Number(text);
  // Date._parse's "comp": a year of one or two digits is 1969-2068.
  return text.length <= 2 ? value + (value >= 69 ? 1900 : 2000) : value;
}

/**
 * The fields Ruby's Date._parse finds in `text`, or a reason when Time.parse would raise (or, for a text
 * without a year, would fill it in from the clock at build time, which Herald does not do).
 */
export function parseRubyTime(text: string, steps: Steps = { count: 0 }): RubyTimeFields | string {
  if (text.length > MAX_DATE_LENGTH) return `longer than ${MAX_DATE_LENGTH} characters`;
  const tokens = tokenize(text, steps);
  const clock = findClock(tokens, steps) ?? digitClock(tokens, steps);
  const date = findDate(tokens, steps);
  if (!date) return clock ? 'has a time but no date' : 'no date in it';
  if (date.year === undefined) return 'has no year';
  const fields = { year: year(date.year), month: date.month, day: date.day === undefined ? 1 : Number(date.day) };
  if (fields.month < 1 || fields.month > 12) return `month ${fields.month} is out of range`;
  if (fields.day < 1 || fields.day > 31) return `day ${fields.day} is out of range`;
  const { hour = 0, minute = 0, second = 0, zone } = clock ?? {};
  if (hour > 24 || minute > 59 || second > 60) return 'the time of day is out of range';
  return { ...fields, hour, minute, second, ...(zone ? { zone } : {}) };
}
