// Math.max(...values) and Math.min(...values) pass every value as an argument, and V8 throws a RangeError
// past some 125,000 of them: at a few hundred thousand posts, the files' times or the future posts' dates.

/** The largest of `values`, or `start` when none is larger. */
export function largest(values: Iterable<number>, start = -Infinity): number {
  let found = start;
  for (const value of values) if (value > found) found = value;
  return found;
}

/** The smallest of `values`, or `start` when none is smaller. */
export function smallest(values: Iterable<number>, start = Infinity): number {
  let found = start;
  for (const value of values) if (value < found) found = value;
  return found;
}
