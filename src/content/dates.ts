import { CalendarDate } from './calendar-date.js';
import { parseRubyTime } from './ruby-time.js';

/** The calendar fields of an instant as seen in a time zone. */
export interface ZonedFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

// Offsets from UTC change only at zone transitions, which fall on quarter hours: one Intl lookup per
// zone and quarter hour serves every date in it (Intl.formatToParts is slow next to plain arithmetic).
const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();

function offsetMs(utcMs: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  const bucket = Math.floor(utcMs / QUARTER_HOUR) * QUARTER_HOUR;
  const key = `${timeZone} ${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const parts: Record<string, number> = {};
    for (const part of formatter(timeZone).formatToParts(new Date(bucket))) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    offset = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - bucket;
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** Returns the wall-clock fields of `date` in `timeZone`. */
export function zonedFields(date: Date, timeZone: string): ZonedFields {
  const wall = new Date(date.getTime() + offsetMs(date.getTime(), timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

// Feeds write four-digit years (RFC 3339, RFC 822), and RFC 2822 §4.3 readers take a year below 1000
// for a two- or three-digit one (0050 as 1950 or 2050): Herald serves dates in years 1000 to 9999.
const FIRST_INSTANT = Date.parse('1000-01-01T00:00:00Z');
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

/** Whether every feed format can carry `date` as it is (a year from 1000 to 9999, in UTC). */
export function inFeedRange(date: Date): boolean {
  return date.getTime() >= FIRST_INSTANT && date.getTime() <= LAST_INSTANT;
}

// Ruby's Time::ZoneOffset: the zone names Time.parse knows (any other name reads as local time).
const NAMED_ZONES: Readonly<Record<string, number>> = {
  utc: 0, z: 0, ut: 0, gmt: 0, est: -5, edt: -4, cst: -6, cdt: -5, mst: -7, mdt: -6, pst: -8, pdt: -7,
  a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, k: 10, l: 11, m: 12,
  n: -1, o: -2, p: -3, q: -4, r: -5, s: -6, t: -7, u: -8, v: -9, w: -10, x: -11, y: -12,
};

/** Minutes east of UTC for a zone as Ruby's Time.zone_offset reads it; undefined: local time. */
export function zoneOffsetMinutes(zone: string): number | undefined {
  const numeric = /^([+-])(\d\d)(:?)(\d\d)(?:\3(\d\d))?$/.exec(zone);
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[4]) + Number(numeric[5] ?? 0) / 60);
  if (/^[+-]\d\d$/.test(zone)) return Number(zone) * 60;
  const hours = NAMED_ZONES[zone.toLowerCase()];
  return hours === undefined ? undefined : hours * 60;
}

/** The instant of wall-clock fields in `timeZone` (days past the month's end roll over, as Time.local does). */
export function wallClockInstant(fields: ZonedFields, timeZone: string): Date {
  const wall = new Date(0);
  wall.setUTCFullYear(fields.year, fields.month - 1, fields.day);
  wall.setUTCHours(fields.hour, fields.minute, fields.second, 0);
  const at = wall.getTime();
  const first = at - offsetMs(at, timeZone);
  return new Date(at - offsetMs(first, timeZone));
}

/**
 * Reads a date as Jekyll's Utils.parse_date (Ruby's Time.parse) does: with an offset or a zone Ruby
 * knows, that instant; without one, wall-clock time in `timeZone`. A reason when it is not a date.
 */
export function parseRubyDate(text: string, timeZone: string): Date | string {
  const fields = parseRubyTime(text.trim());
  if (typeof fields === 'string') return fields;
  const offset = fields.zone === undefined ? undefined : zoneOffsetMinutes(fields.zone);
  if (offset === undefined) return wallClockInstant(fields, timeZone);
  if (Math.abs(offset) >= 24 * 60) return `the offset ${fields.zone} is out of range`;
  const utc = wallClockInstant(fields, 'UTC');
  return new Date(utc.getTime() - offset * 60_000);
}

/**
 * A front-matter date value as Jekyll reads it: a YAML timestamp is its instant (to the second, as
 * Time#to_s keeps it), a YAML date is midnight in `timeZone`, text and numbers go through Time.parse.
 */
export function frontMatterDate(value: unknown, timeZone: string): Date | string {
  if (value instanceof Date) return new Date(Math.floor(value.getTime() / 1000) * 1000);
  if (value instanceof CalendarDate) return wallClockInstant({ ...value, hour: 0, minute: 0, second: 0 }, timeZone);
  if (typeof value === 'string' || typeof value === 'number') return parseRubyDate(String(value), timeZone);
  return 'not a date or text';
}
