import { Drop } from 'liquidjs';
import { CalendarDate } from '../content/calendar-date.js';
import { frontMatterDate, parseRubyDate, zonedFields } from '../content/dates.js';

/**
 * A Ruby `Time` as Jekyll hands it to Liquid: an instant seen in the site's time zone. It prints as
 * Ruby's `Time#to_s` ("2024-03-06 00:00:00 -0500") and is what the date filters take.
 */
export class RubyTime extends Drop {
  constructor(
    readonly instant: Date,
    readonly timeZone: string,
  ) {
    super();
  }

  /** The calendar fields and UTC offset (minutes east) of this time in its zone. */
  fields(): TimeFields {
    const f = zonedFields(this.instant, this.timeZone);
    const wall = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
    const offset = Math.round((wall - Math.floor(this.instant.getTime() / 1000) * 1000) / 60_000);
    const weekday = new Date(Date.UTC(f.year, f.month - 1, f.day)).getUTCDay();
    return { ...f, offset, weekday, millisecond: this.instant.getUTCMilliseconds() };
  }

  override valueOf(): string {
    return strftime(this, '%Y-%m-%d %H:%M:%S %z');
  }

  override toString(): string {
    return this.valueOf();
  }
}

/** Wall-clock fields of a RubyTime, with its offset from UTC in minutes and day of the week (0 = Sunday). */
export interface TimeFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  readonly offset: number;
  readonly weekday: number;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The English name of a month (1 = January). */
export function monthName(month: number): string {
  return MONTHS[month - 1]!;
}

function pad(value: number, width: number, flag: string | undefined, fill = '0'): string {
  const text = String(Math.abs(value));
  const sign = value < 0 ? '-' : '';
  if (flag === '-') return sign + text;
  const padWith = flag === '_' ? ' ' : flag === '0' ? '0' : fill;
  return sign + text.padStart(width, padWith);
}

function zone(offset: number, colons: string): string {
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return colons === ':' ? `${sign}${hours}:${minutes}` : `${sign}${hours}${minutes}`;
}

function zoneAbbreviation(time: RubyTime): string {
  if (time.timeZone === 'UTC' || time.timeZone === 'Etc/UTC') return 'UTC';
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: time.timeZone, timeZoneName: 'short' }).formatToParts(time.instant);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
}

function dayOfYear(f: TimeFields): number {
  return Math.round((Date.UTC(f.year, f.month - 1, f.day) - Date.UTC(f.year, 0, 1)) / 86_400_000) + 1;
}

function directive(time: RubyTime, f: TimeFields, flag: string | undefined, colons: string, letter: string): string | undefined {
  const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  const upper = (text: string) => (flag === '^' ? text.toUpperCase() : text);
  switch (letter) {
    case 'Y': return pad(f.year, 4, flag === '-' ? '-' : undefined);
    case 'C': return pad(Math.floor(f.year / 100), 2, flag);
    case 'y': return pad(f.year % 100, 2, flag);
    case 'm': return pad(f.month, 2, flag);
    case 'B': return upper(MONTHS[f.month - 1]!);
    case 'b': case 'h': return upper(MONTHS[f.month - 1]!.slice(0, 3));
    case 'd': return pad(f.day, 2, flag);
    case 'e': return pad(f.day, 2, flag, ' ');
    case 'j': return pad(dayOfYear(f), 3, flag);
    case 'H': return pad(f.hour, 2, flag);
    case 'k': return pad(f.hour, 2, flag, ' ');
    case 'I': return pad(hour12, 2, flag);
    case 'l': return pad(hour12, 2, flag, ' ');
    case 'P': return f.hour < 12 ? 'am' : 'pm';
    case 'p': return flag === '#' ? (f.hour < 12 ? 'am' : 'pm') : f.hour < 12 ? 'AM' : 'PM';
    case 'M': return pad(f.minute, 2, flag);
    case 'S': return pad(f.second, 2, flag);
    case 'L': return pad(f.millisecond, 3, flag);
    case 'N': return pad(f.millisecond, 3, flag) + '000000';
    case 'z': return zone(f.offset, colons);
    case 'Z': return upper(zoneAbbreviation(time));
    case 'A': return upper(DAYS[f.weekday]!);
    case 'a': return upper(DAYS[f.weekday]!.slice(0, 3));
    case 'u': return String(f.weekday === 0 ? 7 : f.weekday);
    case 'w': return String(f.weekday);
    case 's': return String(Math.floor(time.instant.getTime() / 1000));
    case 'n': return '\n';
    case 't': return '\t';
    case '%': return '%';
    default: return undefined;
  }
}

const COMPOSITE: Record<string, string> = {
  c: '%a %b %e %H:%M:%S %Y', D: '%m/%d/%y', x: '%m/%d/%y', F: '%Y-%m-%d', T: '%H:%M:%S', X: '%H:%M:%S',
  R: '%H:%M', r: '%I:%M:%S %p', v: '%e-%^b-%Y', '+': '%a %b %e %H:%M:%S %Z %Y',
};

/** Ruby's `Time#strftime` for the directives Jekyll sites use (flags `-`, `_`, `0`, `^`, `#`, `:z`). */
export function strftime(time: RubyTime, format: string): string {
  const f = time.fields();
  return format.replace(/%([-_0^#])?(:{0,2})([a-zA-Z%+])/g, (whole, flag: string | undefined, colons: string, letter: string) => {
    const composite = COMPOSITE[letter];
    if (composite !== undefined) return strftime(time, composite);
    return directive(time, f, flag, colons, letter) ?? whole;
  });
}

/**
 * Liquid's `to_date` as Jekyll runs it: a RubyTime stays, a date is midnight in the site's zone,
 * `now`/`today` are `now`, a number is seconds since the epoch, a string is read as Ruby's `Time.parse`
 * reads it. Undefined when the value is no date.
 */
export function toRubyTime(value: unknown, timeZone: string, now: Date): RubyTime | undefined {
  if (value instanceof RubyTime) return value;
  if (value instanceof Date || value instanceof CalendarDate) {
    const instant = frontMatterDate(value, timeZone);
    return typeof instant === 'string' ? undefined : new RubyTime(instant, timeZone);
  }
  if (typeof value === 'number') return new RubyTime(new Date(value * 1000), timeZone);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === 'now' || text === 'today') return new RubyTime(now, timeZone);
  if (/^\d+$/.test(text)) return new RubyTime(new Date(Number(text) * 1000), timeZone);
  const parsed = parseRubyDate(text, timeZone);
  return typeof parsed === 'string' ? undefined : new RubyTime(parsed, timeZone);
}
