import { Drop } from 'liquidjs';
import { RubyTime } from '../time.js';

// How Ruby shows the values Liquid passes around: `inspect` (Ruby 3.1) and `to_json`.

function inspectString(text: string): string {
  const escaped = text.replace(/[\\"\n\t\r\f\v\x07\x08\x1b]|[\x00-\x1f\x7f]/g, (char) => {
    switch (char) {
      case '\\': return '\\\\';
      case '"': return '\\"';
      case '\n': return '\\n';
      case '\t': return '\\t';
      case '\r': return '\\r';
      case '\f': return '\\f';
      case '\v': return '\\v';
      case '\x07': return '\\a';
      case '\x08': return '\\b';
      case '\x1b': return '\\e';
      case '\x7f': return '\\x7F';
      default: return `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    }
  });
  return `"${escaped.replace(/#(?=[{$@])/g, '\\#')}"`;
}

function inspectNumber(value: number): string {
  if (Number.isInteger(value) && !Object.is(value, -0)) return String(value);
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** Ruby 3.1's `inspect` of a Liquid value: `"text"`, `nil`, `[1, 2]`, `{"key"=>"value"}`. */
export function rubyInspect(value: unknown): string {
  if (value === undefined || value === null) return 'nil';
  if (typeof value === 'string') return inspectString(value);
  if (typeof value === 'number') return inspectNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof RubyTime) return value.toString();
  if (Array.isArray(value)) return `[${value.map(rubyInspect).join(', ')}]`;
  if (value instanceof Drop) return rubyInspect(value.valueOf());
  if (typeof value === 'object') {
    const pairs = Object.entries(value as Record<string, unknown>).map(([key, item]) => `${inspectString(key)}=>${rubyInspect(item)}`);
    return `{${pairs.join(', ')}}`;
  }
  return String(value);
}

/** The plain data Jekyll's `as_liquid` makes of a value before `to_json`. */
export function asLiquid(value: unknown): unknown {
  if (value instanceof RubyTime) return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(asLiquid);
  if (value instanceof Drop) return asLiquid(value.valueOf());
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, asLiquid(item)]));
  }
  return value;
}

/** Ruby's `to_s` of a value as Liquid prints it inside text (`nil` is empty). */
export function rubyString(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(rubyString).join('');
  if (typeof value === 'object' && !(value instanceof Drop)) return rubyInspect(value);
  return String(value);
}
