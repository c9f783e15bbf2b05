import { describe, expect, it } from 'vitest';
import { frontMatterDate, parseRubyDate } from '../../src/content/dates.js';
import { CalendarDate } from '../../src/content/calendar-date.js';

const iso = (text: string, zone = 'Europe/London') => {
  const date = parseRubyDate(text, zone);
  return typeof date === 'string' ? `error: ${date}` : date.toISOString().replace('.000', '');
};

// Each expectation is Ruby 3.1's Time.parse with TZ=Europe/London (Jekyll's Utils.parse_date).
describe("dates as Ruby's Time.parse reads them", () => {
  it.each([
    ['2025-09-18 21:30:10', '2025-09-18T20:30:10Z'],
    ['2025-10-02 09:15', '2025-10-02T08:15:00Z'],
    ['2025-10-02', '2025-10-01T23:00:00Z'],
    ['2025-10-02T09:15:00+01:00', '2025-10-02T08:15:00Z'],
    ['2025-10-02 09:15:00 EST', '2025-10-02T14:15:00Z'],
    ['2025-10-02 09:15:00 CEST', '2025-10-02T08:15:00Z'],
    ['Sat, 05 Jan 2024 10:00:00 +0000', '2024-01-05T10:00:00Z'],
    ['5th January 2024', '2024-01-05T00:00:00Z'],
    ['January 5, 2024', '2024-01-05T00:00:00Z'],
    ['Jan 5 2024 10:00 pm', '2024-01-05T22:00:00Z'],
    ['2024 Jun 1', '2024-05-31T23:00:00Z'],
    ['Jan 2024', '2024-01-01T00:00:00Z'],
    ['2024/01/05', '2024-01-05T00:00:00Z'],
    ['01/02/2024', '2024-02-01T00:00:00Z'],
    ['10/11/12', '2010-11-12T00:00:00Z'],
    ['05-01-2024', '2024-01-05T00:00:00Z'],
    ['20240105T101112', '2024-01-05T10:11:12Z'],
    ['2024-01-05 10:00:00 +1', '2024-01-05T10:00:00Z'],
    ['2024-02-30', '2024-03-01T00:00:00Z'],
    ['2023-01-29 18:30:22 2023 -0800', '2023-01-29T18:30:22Z'],
    ['H31.04.30', '2019-04-29T23:00:00Z'],
  ])('%j is %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it.each(['foo', 'Monday', '2024-13-01', '2024-01-05 25:00', '2024'])('%j is not a date', (text) => {
    expect(iso(text)).toMatch(/^error: /);
  });

  it('refuses a date without a year rather than take the year of the build', () => {
    expect(iso('12 Dec')).toBe('error: has no year');
  });
});

describe('front-matter date values', () => {
  it('reads a YAML timestamp as its instant to the second, a YAML date at midnight in the site zone, text with Time.parse', () => {
    expect(frontMatterDate(new Date('2025-09-18T21:30:10.750Z'), 'Europe/London')).toEqual(new Date('2025-09-18T21:30:10Z'));
    expect(frontMatterDate(CalendarDate.of(2025, 11, 5), 'America/New_York')).toEqual(new Date('2025-11-05T05:00:00Z'));
    expect(frontMatterDate('2025-11-05 08:00', 'America/New_York')).toEqual(new Date('2025-11-05T13:00:00Z'));
    expect(frontMatterDate(true, 'UTC')).toMatch(/not a date/);
  });
});
