/**
 * A date without a time, as YAML writes `2025-11-05` and Ruby reads it (a `Date`, not a `Time`):
 * Jekyll places it at midnight in the site's time zone.
 */
export class CalendarDate {
  private constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
  ) {
    Object.freeze(this);
  }

  /** The date, or undefined when there is no such day (Ruby's Date.strptime raises). */
  static of(year: number, month: number, day: number): CalendarDate | undefined {
    const check = new Date(0);
    check.setUTCFullYear(year, month - 1, day);
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
    return new CalendarDate(year, month, day);
  }

  /** `YYYY-MM-DD`, as Ruby's Date#to_s. */
  toString(): string {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    return `${pad(this.year, 4)}-${pad(this.month, 2)}-${pad(this.day, 2)}`;
  }

  /** JSON and Liquid see the same text. */
  toJSON(): string {
    return this.toString();
  }
}
