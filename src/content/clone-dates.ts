import { CalendarDate } from './calendar-date.js';

// A structured clone (a worker's message) keeps Dates but makes a CalendarDate a plain object: the
// sender lists where its CalendarDates are, the receiver makes them CalendarDates again.

/** Where a value is inside another: the keys and indexes from the outer value down. */
export type ValuePath = readonly (string | number)[];

/** The paths of every CalendarDate in `value` (a value reached twice, by its first path). */
export function calendarDatePaths(value: unknown): ValuePath[] {
  const paths: ValuePath[] = [];
  const seen = new Set<object>();
  const walk = (current: unknown, at: (string | number)[]) => {
    if (current instanceof CalendarDate) paths.push([...at]);
    if (current === null || typeof current !== 'object' || current instanceof Date || current instanceof CalendarDate || seen.has(current)) return;
    seen.add(current);
    const entries: [string | number, unknown][] = Array.isArray(current) ? current.map((item, index) => [index, item]) : Object.entries(current);
    for (const [key, item] of entries) {
      at.push(key);
      walk(item, at);
      at.pop();
    }
  };
  walk(value, []);
  return paths;
}

/** `value` (a clone) with a CalendarDate again at each of `paths`; objects inside it are changed in place. */
export function reviveCalendarDates<T>(value: T, paths: readonly ValuePath[]): T {
  let root: unknown = value;
  for (const path of paths) {
    const revive = (plain: unknown) => {
      const { year, month, day } = plain as { year: number; month: number; day: number };
      return CalendarDate.of(year, month, day);
    };
    if (path.length === 0) {
      root = revive(root);
      continue;
    }
    let parent = root as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path.at(-1)!;
    if (!(parent[last] instanceof CalendarDate)) Object.defineProperty(parent, last, { value: revive(parent[last]), enumerable: true, writable: true, configurable: true });
  }
  return root as T;
}
