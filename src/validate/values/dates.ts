import type { Steps } from '../../content/ruby-time.js';

export type { Steps };

/**
 * The longest value the date patterns are run on: no date is longer, and the patterns (anchored, each
 * quantifier followed by a class it cannot match) then cost a bounded amount whatever the input.
 */
export const MAX_DATE_LENGTH = 256;
const TOO_LONG: DateVerdict = { kind: 'error', reason: `longer than ${MAX_DATE_LENGTH} characters, which no date is` };

/** The verdict on a date value: fine, an error, or a warning (accepted by readers but not by the spec). */
export type DateVerdict = { kind: 'ok' } | { kind: 'error' | 'warning'; reason: string };

const OK: DateVerdict = { kind: 'ok' };
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const ZONES = 'UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT';
// RFC 822 §5.1 with RFC 1123 §5.2.14 four-digit years, as RSS 2.0 asks.
const STRICT_822 = new RegExp(
  `^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\\d\\d?) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\\d{4}) (\\d\\d):(\\d\\d)(?::(\\d\\d))? (?:[+-]\\d\\d[0-5]\\d|${ZONES}|Z)$`,
);
// What lenient readers still take: any case, two-digit years, military zones, loose spacing.
const LOOSE_822 = new RegExp(
  `^(?:(?:mon|tue|wed|thu|fri|sat|sun)\\s*,\\s*)?\\d\\d?\\s+(?:${MONTHS.join('|')})\\s+\\d\\d(?:\\d\\d)?\\s+\\d\\d:\\d\\d(?::\\d\\d)?\\s+(?:[+-]\\d{4}|${ZONES.toLowerCase()}|[a-ik-z])?$`,
);
const RFC3339 = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-](\d\d):(\d\d))$/;
const W3CDTF = /^(\d{4})(?:-(\d\d)(?:-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?(?:Z|[+-](\d\d):(\d\d)))?)?)?$/;
const ISO8601 = /^(\d{4})(?:-(\d\d)(?:-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?(?:Z|[+-](\d\d):(\d\d))?)?)?)?$/;

// Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear takes the year as written.
function utcDate(year: number, monthIndex: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date;
}

function daysIn(year: number, month: number): number {
  return utcDate(year, month, 0).getUTCDate();
}

function calendarProblem(year: number, month?: number, day?: number, hour?: number, minute?: number, second?: number): string | undefined {
  if (month !== undefined && (month < 1 || month > 12)) return `there is no month ${month}`;
  if (month !== undefined && day !== undefined && (day < 1 || day > daysIn(year, month))) return `there is no day ${day} in month ${month} of ${year}`;
  if (hour !== undefined && hour > 23) return `hour ${hour} is out of range`;
  if (minute !== undefined && minute > 59) return `minute ${minute} is out of range`;
  if (second !== undefined && second > 60) return `second ${second} is out of range`;
  return undefined;
}

const num = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text));

/**
 * `value` with each balanced RFC 822 §3.4.3 comment (nested parentheses) replaced by a space, in one pass:
 * linear in the length, however deep the nesting. Unbalanced parentheses stay, with the comments inside them removed.
 */
export function withoutComments(value: string, steps: Steps = { count: 0 }): string {
  const open: string[][] = [];
  let out: string[] = [];
  for (const ch of value) {
    steps.count++;
    if (ch === '(') {
      open.push(out);
      out = ['('];
    } else if (ch === ')' && open.length) {
      out = open.pop()!;
      out.push(' ');
    } else out.push(ch);
  }
  return [...open, out].map((part) => part.join('')).join('');
}

/** Whether `value` is an RFC 822 date-time as RSS 2.0 requires (four-digit year, correct weekday). */
export function checkRfc822(value: string, steps: Steps = { count: 0 }): DateVerdict {
  steps.count += value.length + 1;
  const m = value.length <= MAX_DATE_LENGTH ? STRICT_822.exec(value) : null;
  if (m) {
    const year = Number(m[4]);
    const month = MONTHS.indexOf(m[3]!.toLowerCase()) + 1;
    const problem = calendarProblem(year, month, num(m[2]), num(m[5]), num(m[6]), num(m[7]));
    if (problem) return { kind: 'error', reason: problem };
    const weekday = DAYS[utcDate(year, month - 1, Number(m[2])).getUTCDay()]!;
    if (m[1] && m[1].toLowerCase() !== weekday) return { kind: 'error', reason: `${m[1]} is the wrong day of the week; that date is a ${weekday}` };
    return OK;
  }
  // Comments (RFC 822 §3.4.3) are stripped first, so a long one still leaves a date to check.
  const bare = withoutComments(value.replace(/\\./g, ''), steps).trim().toLowerCase();
  steps.count += bare.length + 1;
  if (bare.length > MAX_DATE_LENGTH) return TOO_LONG;
  if (LOOSE_822.test(bare)) return { kind: 'warning', reason: 'readers may misread this form; use e.g. "Mon, 02 Jan 2006 15:04:05 +0000"' };
  return { kind: 'error', reason: 'not an RFC 822 date-time such as "Mon, 02 Jan 2006 15:04:05 +0000"' };
}

/** Whether `value` is an RFC 3339 date-time with a time zone, as RFC 4287 §3.3 and JSON Feed 1.1 require. */
export function checkRfc3339(value: string, steps: Steps = { count: 0 }): DateVerdict {
  steps.count += value.length + 1;
  if (value.length > MAX_DATE_LENGTH) return TOO_LONG;
  const m = RFC3339.exec(value);
  if (!m) return { kind: 'error', reason: 'not an RFC 3339 date-time such as "2006-01-02T15:04:05Z"' };
  const problem = calendarProblem(Number(m[1]), num(m[2]), num(m[3]), num(m[4]), num(m[5]), num(m[6]));
  if (problem) return { kind: 'error', reason: problem };
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return { kind: 'error', reason: 'the time zone offset is out of range' };
  return OK;
}

/**
 * Whether `value` is a W3C-DTF date (a profile of ISO 8601), as Dublin Core dates use; with
 * `zoneOptional`, a time without a zone passes too (plain ISO 8601, as mod_event uses).
 */
export function checkW3cdtf(value: string, zoneOptional = false, steps: Steps = { count: 0 }): DateVerdict {
  steps.count += value.length + 1;
  if (value.length > MAX_DATE_LENGTH) return TOO_LONG;
  const m = (zoneOptional ? ISO8601 : W3CDTF).exec(value);
  if (!m) return { kind: 'error', reason: 'not a W3C-DTF date such as "2006-01-02" or "2006-01-02T15:04:05Z"' };
  const problem = calendarProblem(Number(m[1]), num(m[2]), num(m[3]), num(m[4]), num(m[5]), num(m[6]));
  return problem ? { kind: 'error', reason: problem } : OK;
}
