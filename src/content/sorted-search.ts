/**
 * Binary search over a sorted list: the first index at which `before` is false, where `before` holds
 * for a prefix of `items` and for nothing after it (`items.length` when it holds for all).
 */
export function firstNotBefore<T>(items: readonly T[], before: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (before(items[middle]!)) low = middle + 1;
    else high = middle;
  }
  return low;
}
