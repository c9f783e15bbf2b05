import { Drop, filters as liquidFilters } from 'liquidjs';
import { JekyllRenderError } from '../errors.js';
import type { FilterThis } from './registers.js';
import { rubyString } from './ruby-values.js';

// Jekyll 4's array filters (jekyll/filters.rb, filters/grouping_filters.rb), with Jekyll's rules for
// reading a property (`a.b` paths), comparing it (`to_s`, any element of an array) and sorting it
// (numeric strings as numbers, nils first or last).

type Items = readonly unknown[];

function items(input: unknown): Items | undefined {
  if (Array.isArray(input)) return input;
  if (input && typeof input === 'object' && !(input instanceof Drop)) return Object.values(input);
  return undefined;
}

function read(item: unknown, key: string): unknown {
  if (item === null || item === undefined) return undefined;
  if (item instanceof Drop) return (item as unknown as Record<string, unknown>)[key];
  if (typeof item === 'object') return Object.prototype.hasOwnProperty.call(item, key) ? (item as Record<string, unknown>)[key] : undefined;
  return undefined;
}

/** Jekyll's `item_property`: a dotted path into the item, numeric-looking values as numbers. */
export function itemProperty(item: unknown, property: string): unknown {
  const value = property.split('.').reduce<unknown>((data, key) => read(data, key), item);
  const text = value === undefined || value === null ? '' : rubyString(value);
  if (value === undefined || value === null || typeof value === 'object') return value;
  if (/^\s*-?\d+\s*$/.test(text)) return Number.parseInt(text, 10);
  if (/^\s*-?(?:\d+\.?\d*|\.\d+)\s*$/.test(text)) return Number.parseFloat(text);
  return value;
}

function matches(property: unknown, target: unknown): boolean {
  if (target === undefined || target === null) return property === undefined || property === null;
  const expected = rubyString(target);
  if (typeof property === 'string') return property === expected;
  const values = Array.isArray(property) ? property : property === undefined || property === null ? [] : [property];
  return values.some((value) => rubyString(value) === expected);
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === typeof b && typeof a === 'string') return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
  const x = rubyString(a);
  const y = rubyString(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function sortBy(list: Items, property: string, order: number): unknown[] {
  return list
    .map((item) => [itemProperty(item, property), item] as const)
    .sort(([a], [b]) => {
      const aNil = a === undefined || a === null;
      const bNil = b === undefined || b === null;
      if (!aNil && bNil) return -order;
      if (aNil && !bNil) return order;
      return aNil ? 0 : compare(a, b);
    })
    .map(([, item]) => item);
}

function groups(entries: [string, unknown[]][]): { name: string; items: unknown[]; size: number }[] {
  return entries.map(([name, members]) => ({ name, items: members, size: members.length }));
}

function groupBy(list: Items, key: (item: unknown) => string): { name: string; items: unknown[]; size: number }[] {
  const map = new Map<string, unknown[]>();
  for (const item of list) {
    const name = key(item);
    map.set(name, [...(map.get(name) ?? []), item]);
  }
  return groups([...map]);
}

function count(value: unknown): number {
  const n = Math.trunc(Number(value));
  return Number.isFinite(n) ? n : 1;
}

/** The array filters, for registration. */
export const arrayFilters = {
  where(input: unknown, property?: unknown, value?: unknown) {
    const list = items(input);
    if (!list || property === undefined || property === null || Array.isArray(value) || (value && typeof value === 'object')) return input;
    return list.filter((item) => matches(itemProperty(item, String(property)), value));
  },
  find(input: unknown, property?: unknown, value?: unknown) {
    const list = items(input);
    if (!list || property === undefined || property === null || Array.isArray(value) || (value && typeof value === 'object')) return input;
    return list.find((item) => matches(itemProperty(item, String(property)), value));
  },
  sort(input: unknown, property?: unknown, nils: unknown = 'first') {
    if (input === undefined || input === null) throw new JekyllRenderError('Cannot sort a null object.');
    const list = items(input) ?? [input];
    if (property === undefined || property === null) return [...list].sort(compare);
    if (nils !== 'first' && nils !== 'last') throw new JekyllRenderError(`Invalid nils order: '${rubyString(nils)}' is not a valid nils order. It must be 'first' or 'last'.`);
    return sortBy(list, String(property), nils === 'first' ? -1 : 1);
  },
  group_by(input: unknown, property: unknown) {
    const list = items(input);
    if (!list) return input;
    return groupBy(list, (item) => rubyString(itemProperty(item, String(property))));
  },
  *group_by_exp(this: FilterThis, input: unknown, variable: unknown, expression: unknown): Generator<unknown, unknown, unknown> {
    const list = items(input);
    if (!list) return input;
    const grouped = (yield* (liquidFilters.group_by_exp as (this: FilterThis, ...args: unknown[]) => Generator<unknown, { name: unknown; items: unknown[] }[], unknown>)
      .call(this, list, variable, expression));
    const merged = new Map<string, unknown[]>();
    for (const group of grouped) merged.set(rubyString(group.name), [...(merged.get(rubyString(group.name)) ?? []), ...group.items]);
    return groups([...merged]);
  },
  push: (array: unknown, item: unknown) => (Array.isArray(array) ? [...array, item] : array),
  unshift: (array: unknown, item: unknown) => (Array.isArray(array) ? [item, ...array] : array),
  pop: (array: unknown, n: unknown = 1) => (Array.isArray(array) ? array.slice(0, Math.max(0, array.length - Math.max(0, count(n)))) : array),
  shift: (array: unknown, n: unknown = 1) => (Array.isArray(array) ? array.slice(Math.max(0, count(n))) : array),
};
