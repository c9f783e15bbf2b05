/** Milliseconds in a day: stats are kept in UTC days. */
export const DAY_MS = 86_400_000;
/** Days in the rolling window of subscribers and reader figures: today and the six days before. */
export const WINDOW_DAYS = 7;
/** Days one hashing key is the current one (it is also used the six days before, see KeyRing). */
export const EPOCH_DAYS = 7;

/** The UTC day number (days since 1970-01-01) of a time in ms. */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** The key epoch of a day. */
export function epochOf(day: number): number {
  return Math.floor(day / EPOCH_DAYS);
}

/** The ISO date (YYYY-MM-DD) of a day number. */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
