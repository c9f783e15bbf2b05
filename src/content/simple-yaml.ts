// The front matter most posts have, read without the YAML parser: one `key: value` per line, each value
// a plain scalar, a quoted string without escapes, or a one-line flow list of those. Anything else
// (indentation, comments, anchors, tags, block scalars, escapes, flow mappings…) is left to the full
// parser, which gives the same values (an equivalence test compares them on generated documents).

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

function flowList(text: string, scalar: Scalar): { value: unknown } | undefined {
  const inner = text.slice(1, -1).trim();
  if (inner === '') return { value: [] };
  const items: unknown[] = [];
  // Items split on commas outside quotes; a quoted item holds neither its quote nor a backslash.
  const item = /\s*("[^"\\]*"|'[^']*'|[^,"']*?)\s*(,|$)/y;
  let at = 0;
  while (at < inner.length) {
    item.lastIndex = at;
    const match = item.exec(inner);
    if (!match || match[1] === '' || match.index !== at) return undefined;
    const read = inline(match[1]!, FLOW_PLAIN, scalar);
    if (!read) return undefined;
    items.push(read.value);
    at = item.lastIndex;
    if (match[2] === ',' && at >= inner.length) return undefined;
    if (match[2] === '' && at < inner.length) return undefined;
  }
  return { value: items };
}

// A value on its line: a flow list, or a scalar.
function lineValue(raw: string, scalar: Scalar): { value: unknown } | undefined {
  return raw.startsWith('[') && raw.endsWith(']') ? flowList(raw, scalar) : inline(raw, PLAIN, scalar);
}

// `key: value` lines into `out`; false when a line is not one, or a key is not plain text or comes twice.
function pairs(lines: readonly string[], indent: number, scalar: Scalar, out: Record<string, unknown>): boolean {
  for (const text of lines) {
    const match = LINE.exec(text.slice(indent));
    if (!match) return false;
    const key = match[1]!;
    if (Object.hasOwn(out, key) || key === '__proto__' || scalar(key) !== key) return false;
    const read = lineValue((match[2] ?? '').replace(/ +$/, ''), scalar);
    if (!read) return false;
    out[key] = read.value;
  }
  return true;
}

// The lines under `key:` (indented alike): a mapping of `key: value` lines, or a list of `- value` lines.
function block(lines: readonly string[], scalar: Scalar): { value: unknown } | undefined {
  const indent = lines[0]!.length - lines[0]!.trimStart().length;
  if (!lines.every((line) => line.length > indent && line.slice(0, indent).trim() === '' && line[indent] !== ' ')) return undefined;
  if (lines[0]![indent] === '-') {
    const items: unknown[] = [];
    for (const line of lines) {
      const item = /^- (.*?) *$/.exec(line.slice(indent));
      const read = item?.[1] ? inline(item[1], PLAIN, scalar) : undefined;
      if (!read) return undefined;
      items.push(read.value);
    }
    return { value: items };
  }
  const out: Record<string, unknown> = {};
  return indent > 0 && pairs(lines, indent, scalar, out) ? { value: out } : undefined;
}

/**
 * The mapping a simple front matter stands for, with each plain scalar read by `scalar` (Psych's
 * scanner); undefined when the text is not that simple, for the full parser to read.
 */
export function loadSimpleYaml(text: string, scalar: Scalar): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const lines = text.split('\n');
  for (let at = 0; at < lines.length; at++) {
    const line = lines[at]!;
    if (line === '') continue;
    const match = LINE.exec(line);
    if (!match) return undefined;
    const key = match[1]!;
    if (Object.hasOwn(out, key) || key === '__proto__' || scalar(key) !== key) return undefined;
    const raw = (match[2] ?? '').replace(/ +$/, '');
    if (raw !== '') {
      const read = lineValue(raw, scalar);
      if (!read) return undefined;
      out[key] = read.value;
      continue;
    }
    let end = at + 1;
    while (end < lines.length && (lines[end]!.startsWith(' ') || lines[end]!.startsWith('- '))) end++;
    if (end === at + 1) return undefined;
    const read = block(lines.slice(at + 1, end), scalar);
    if (!read) return undefined;
    out[key] = read.value;
    at = end - 1;
  }
  return Object.keys(out).length ? out : undefined;
}
