// The front matter most posts have, read without the YAML parser: one `key: value` per line, each value
// a plain scalar, a quoted string without escapes, or a one-line flow list of those. Anything else
// (indentation, comments, anchors, tags, block scalars, escapes, flow mappings…) is left to the full
// parser, which gives the same values (an equivalence test compares them on generated documents).
// Every pass is linear: anchored patterns with no nested or adjacent overlapping quantifiers, and
// hand-written scans where a pattern would backtrack (trailing spaces, list items).

import type { Steps } from './ruby-time.js';

const LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/;
// A plain scalar that YAML reads as its text, trimmed: no indicator first, no ": ", " #", tab or flow
// bracket inside, no colon last.
const PLAIN = /^(?:[A-Za-z0-9_./(~+$^=<;]|-(?=[0-9.]))[^\t#[\]{}]*$/;
const DOUBLE = /^"([^"\\]*)"$/;
const SINGLE = /^'([^']*)'$/;
const FLOW_PLAIN = /^(?:[A-Za-z0-9_./(+]|-(?=[0-9.]))[^\t#[\]{},:"']*$/;

type Scalar = (text: string) => unknown;

function inline(text: string, plain: RegExp, scalar: Scalar): { value: unknown } | undefined {
  const quoted = DOUBLE.exec(text) ?? SINGLE.exec(text);
  if (quoted) return { value: quoted[1] };
  if (!plain.test(text) || text.includes(': ') || text.endsWith(':')) return undefined;
  return { value: scalar(text) };
}

const SPACE = /\s/;

// The end of `text` with white space from `at` on skipped.
function skipSpace(text: string, at: number): number {
  while (at < text.length && SPACE.test(text[at]!)) at++;
  return at;
}

// `text` without its trailing spaces (a loop: /( +)$/ rescans each run of spaces from every start).
function trimSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === ' ') end--;
  return text.slice(0, end);
}

// A flow list's item at `at`: a quoted string holding neither its quote nor a backslash, or text up to
// the next comma or quote; with the index past it. Undefined when it is neither.
function flowItem(inner: string, at: number): { text: string; next: number } | undefined {
  const quote = inner[at];
  if (quote === '"' || quote === "'") {
    const close = inner.indexOf(quote, at + 1);
    const text = close < 0 ? '' : inner.slice(at, close + 1);
    return close < 0 || (quote === '"' && text.includes('\\')) ? undefined : { text, next: close + 1 };
  }
  let end = at;
  while (end < inner.length && inner[end] !== ',' && inner[end] !== '"' && inner[end] !== "'") end++;
  let last = end;
  while (last > at && SPACE.test(inner[last - 1]!)) last--;
  return last > at ? { text: inner.slice(at, last), next: end } : undefined;
}

function flowList(text: string, scalar: Scalar, steps: Steps): { value: unknown } | undefined {
  const inner = text.slice(1, -1).trim();
  if (inner === '') return { value: [] };
  const items: unknown[] = [];
  // Items split on commas outside quotes, in one pass.
  let at = 0;
  while (at < inner.length) {
    const item = flowItem(inner, skipSpace(inner, at));
    if (!item) return undefined;
    steps.count += item.next - at + item.text.length;
    const read = inline(item.text, FLOW_PLAIN, scalar);
    if (!read) return undefined;
    items.push(read.value);
    at = skipSpace(inner, item.next);
    if (at < inner.length && inner[at] !== ',') return undefined;
    if (at < inner.length && ++at >= inner.length) return undefined;
  }
  return { value: items };
}

// A value on its line: a flow list, or a scalar.
function lineValue(raw: string, scalar: Scalar, steps: Steps): { value: unknown } | undefined {
  steps.count += raw.length + 1;
  return raw.startsWith('[') && raw.endsWith(']') ? flowList(raw, scalar, steps) : inline(raw, PLAIN, scalar);
}

// `key: value` lines into `out`; false when a line is not one, or a key is not plain text or comes twice.
function pairs(lines: readonly string[], indent: number, scalar: Scalar, out: Record<string, unknown>, steps: Steps): boolean {
  for (const text of lines) {
    steps.count += text.length + 1;
    const match = LINE.exec(text.slice(indent));
    if (!match) return false;
    const key = match[1]!;
    if (Object.hasOwn(out, key) || key === '__proto__' || scalar(key) !== key) return false;
    const read = lineValue(trimSpaces(match[2] ?? ''), scalar, steps);
    if (!read) return false;
    out[key] = read.value;
  }
  return true;
}

// The lines under `key:` (indented alike): a mapping of `key: value` lines, or a list of `- value` lines.
function block(lines: readonly string[], scalar: Scalar, steps: Steps): { value: unknown } | undefined {
  const indent = lines[0]!.length - lines[0]!.trimStart().length;
  if (!lines.every((line) => line.length > indent && line.slice(0, indent).trim() === '' && line[indent] !== ' ')) return undefined;
  if (lines[0]![indent] === '-') {
    const items: unknown[] = [];
    for (const line of lines) {
      steps.count += line.length + 1;
      const item = line.startsWith('- ', indent) ? trimSpaces(line.slice(indent + 2)) : '';
      const read = item && !item.includes('\r') ? inline(item, PLAIN, scalar) : undefined;
      if (!read) return undefined;
      items.push(read.value);
    }
    return { value: items };
  }
  const out: Record<string, unknown> = {};
  return indent > 0 && pairs(lines, indent, scalar, out, steps) ? { value: out } : undefined;
}

/**
 * The mapping a simple front matter stands for, with each plain scalar read by `scalar` (Psych's
 * scanner); undefined when the text is not that simple, for the full parser to read.
 */
export function loadSimpleYaml(text: string, scalar: Scalar, steps: Steps = { count: 0 }): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const lines = text.split('\n');
  for (let at = 0; at < lines.length; at++) {
    const line = lines[at]!;
    steps.count += line.length + 1;
    if (line === '') continue;
    const match = LINE.exec(line);
    if (!match) return undefined;
    const key = match[1]!;
    if (Object.hasOwn(out, key) || key === '__proto__' || scalar(key) !== key) return undefined;
    const raw = trimSpaces(match[2] ?? '');
    if (raw !== '') {
      const read = lineValue(raw, scalar, steps);
      if (!read) return undefined;
      out[key] = read.value;
      continue;
    }
    let end = at + 1;
    while (end < lines.length && (lines[end]!.startsWith(' ') || lines[end]!.startsWith('- '))) end++;
    if (end === at + 1) return undefined;
    const read = block(lines.slice(at + 1, end), scalar, steps);
    if (!read) return undefined;
    out[key] = read.value;
    at = end - 1;
  }
  return Object.keys(out).length ? out : undefined;
}
