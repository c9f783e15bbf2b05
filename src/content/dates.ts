const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}:?\d{2})?$/;

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

/**
 * Reads a Jekyll front-matter date ("2025-09-18", "2025-09-18 21:30:10 +0100", RFC 3339, ...).
 * A date written without an offset is wall-clock time in `timeZone`. Returns undefined when unreadable.
 */
export function parsePostDate(text: string, timeZone: string): Date | undefined {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = match;
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  const millis = Number(frac.padEnd(3, '0').slice(0, 3));
  const wall = Date.UTC(...fields, millis);
  const check = new Date(wall);
  if (check.getUTCMonth() !== fields[1] || check.getUTCDate() !== fields[2] || fields[3] > 23) return undefined;
  if (zone) {
    if (zone === 'Z' || zone === 'z') return new Date(wall);
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
    return new Date(wall - sign * minutes * 60_000);
  }
  let utc = wall - offsetMs(wall, timeZone);
  utc = wall - offsetMs(utc, timeZone);
  return new Date(utc);
}
