import { JekyllRenderError } from '../errors.js';
import { RubyTime, strftime, toRubyTime } from '../time.js';
import { registers, type FilterThis } from './registers.js';

// Jekyll 4's date filters (jekyll/filters/date_filters.rb) and Liquid's `date`, in the site's time zone.

function site(filter: FilterThis): { timeZone: string; now: Date } {
  const { site } = registers(filter.context).context;
  return { timeZone: site.timeZone, now: site.time };
}

function empty(input: unknown): boolean {
  return input === undefined || input === null || String(input) === '';
}

function time(filter: FilterThis, input: unknown): RubyTime {
  const { timeZone, now } = site(filter);
  const parsed = toRubyTime(input, timeZone, now);
  if (!parsed) throw new JekyllRenderError(`Invalid Date: ${JSON.stringify(String(input))} is not a valid datetime`);
  return parsed;
}

function ordinal(day: number): string {
  if (day >= 11 && day <= 13) return 'th';
  return ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[day % 10] ?? 'th';
}

function stringify(filter: FilterThis, input: unknown, month: string, type: unknown, style: unknown): unknown {
  if (empty(input)) return input;
  const t = time(filter, input);
  if (type === 'ordinal') {
    const day = t.fields().day;
    const ordinalDay = `${day}${ordinal(day)}`;
    return strftime(t, style === 'US' ? `${month} ${ordinalDay}, %Y` : `${ordinalDay} ${month} %Y`);
  }
  return strftime(t, `%d ${month} %Y`);
}

/** The date filters, for registration. */
export const dateFilters = {
  date_to_xmlschema(this: FilterThis, input: unknown) {
    return empty(input) ? input : strftime(time(this, input), '%Y-%m-%dT%H:%M:%S%:z');
  },
  date_to_rfc822(this: FilterThis, input: unknown) {
    return empty(input) ? input : strftime(time(this, input), '%a, %d %b %Y %H:%M:%S %z');
  },
  date_to_string(this: FilterThis, input: unknown, type?: unknown, style?: unknown) {
    return stringify(this, input, '%b', type, style);
  },
  date_to_long_string(this: FilterThis, input: unknown, type?: unknown, style?: unknown) {
    return stringify(this, input, '%B', type, style);
  },
  /** Liquid's own `date`: the input unchanged when the format is empty or the input is no date. */
  date(this: FilterThis, input: unknown, format?: unknown) {
    if (format === undefined || format === null || String(format) === '') return input;
    const { timeZone, now } = site(this);
    const t = toRubyTime(input, timeZone, now);
    return t ? strftime(t, String(format)) : input;
  },
};
