import { Composer, LineCounter, Parser, YAMLParseError, type Document, type ScalarTag, type Tags } from 'yaml';
import { CalendarDate } from './calendar-date.js';
import type { Steps } from './ruby-time.js';
import { loadSimpleYaml } from './simple-yaml.js';

/** YAML that Psych would not load either: the reason and the 1-based line in the YAML text. */
export class YamlError extends Error {
  override name = 'YamlError';
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

// Psych::ScalarScanner (psych 4, Ruby 3.1): the patterns it tries on a plain scalar, in its order.
const STRING_START = /^[^\d.:-]?[\p{L}_\s!@#$%^&*(){}<>|/\\~;=]+/u;
const TIME = /^-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?(?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?$/;
const DATE = /^\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d)$/;
const SEXAGESIMAL_INT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9]){1,2}$/;
const SEXAGESIMAL_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9]){1,2}\.[0-9_]*$/;
const FLOAT = /^[-+]?(?:[0-9][0-9_,]*)?\.[0-9]*(?:[eE][-+][0-9]+)?$/;
const INTEGER = /^(?:[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0x[0-9a-fA-F_,]+)$/;

/** The Ruby object Psych makes of a plain (unquoted, untagged) scalar, as JavaScript values. */
export function psychScalar(text: string): unknown {
  if (text === '') return null;
  if (STRING_START.test(text) || text.includes('\n')) {
    if (text.length > 5 || /^[^ytonf~]/i.test(text)) return text;
    if (text === '~' || /^null$/i.test(text)) return null;
    if (/^(?:yes|true|on)$/i.test(text)) return true;
    if (/^(?:no|false|off)$/i.test(text)) return false;
    return text;
  }
  if (TIME.test(text)) return psychTime(text) ?? text;
  if (DATE.test(text)) return CalendarDate.of(Number(text.slice(0, 4)), Number(text.split('-')[1]), Number(text.split('-')[2])) ?? text;
  if (/^\+?\.inf$/i.test(text)) return Infinity;
  if (/^-\.inf$/i.test(text)) return -Infinity;
  if (/^\.nan$/i.test(text)) return NaN;
  if (/^:./.test(text)) throw new YamlError(`${text} is a Ruby symbol, which Jekyll does not load: quote it`);
  if (SEXAGESIMAL_INT.test(text) || SEXAGESIMAL_FLOAT.test(text)) return sexagesimal(text);
  if (FLOAT.test(text)) return /^[-+]?\.$/.test(text) ? text : Number(text.replace(/[,_]/g, '').replace(/\.([Ee]|$)/, '$1'));
  if (INTEGER.test(text)) return integer(text.replace(/[,_]/g, ''));
  return text;
}

function sexagesimal(text: string): number {
  const parts = text.split(':');
  const sign = parts[0]!.startsWith('-') ? -1 : 1;
  let value = 0;
  // Psych multiplies each part by 60 ** |index - 2|; the sign sits on the first part only.
  for (const [index, part] of parts.entries()) value += Math.abs(Number(part.replace(/_/g, ''))) * 60 ** Math.abs(index - 2);
  return sign * value;
}

function integer(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.replace(/^[-+]/, '');
  if (/^0b/.test(digits)) return sign * parseInt(digits.slice(2), 2);
  if (/^0x/.test(digits)) return sign * parseInt(digits.slice(2), 16);
  if (/^0[0-7]/.test(digits)) return sign * parseInt(digits.slice(1), 8);
  return sign * Number(digits);
}

// Psych::ScalarScanner#parse_time: without an offset the time is UTC (Time.at of the UTC reading).
function psychTime(text: string): Date | undefined {
  const [date, time] = splitOnce(text);
  const ymd = /^(-?\d{4})-(\d{1,2})-(\d{1,2})/.exec(date)!;
  const clock = /(\d+):(\d+):(\d+)(?:\.(\d*))?\s*(Z|[-+]\d+(?::\d\d)?)?/.exec(time);
  if (!clock) return undefined;
  const [year, month, day] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
  const [hour, minute, second] = [Number(clock[1]), Number(clock[2]), Number(clock[3])];
  // Time.utc raises ArgumentError out of range; Psych then keeps the text.
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return undefined;
  const millis = Math.floor(Number(`0.${clock[4] ?? ''}`) * 1000) || 0;
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  at.setUTCHours(hour, minute, second, millis);
  const zone = clock[5];
  if (!zone || zone === 'Z') return at;
  const [, hours, minutes] = /^([+-]?\d{1,2}):?(\d{1,2})?$/.exec(zone) ?? [];
  if (hours === undefined) return undefined;
  const offset = Math.abs(Number(hours)) * 60 + Number(minutes ?? 0);
  return new Date(at.getTime() - (hours.startsWith('-') ? -offset : offset) * 60_000);
}

function splitOnce(text: string): [string, string] {
  const at = text.search(/[ tT]/);
  return [text.slice(0, at), text.slice(at + 1)];
}

// One implicit resolver in place of YAML 1.1's: every plain scalar goes through Psych's scanner.
const psychTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:psych',
  default: true,
  test: /^[\s\S]*$/,
  resolve: (text) => psychScalar(text),
};

// Explicit !!timestamp and !!binary as Psych loads them: a Time or Date, and the decoded bytes as text.
const explicitTags: ScalarTag[] = [
  { tag: 'tag:yaml.org,2002:timestamp', resolve: (text) => psychScalar(text) },
  { tag: 'tag:yaml.org,2002:binary', resolve: (text) => Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8') },
];
const replaced = new Set(explicitTags.map((tag) => tag.tag));

const customTags = (tags: Tags): Tags => [
  psychTag,
  ...explicitTags,
  ...tags.filter((tag) => typeof tag === 'object' && !('test' in tag && tag.test) && !replaced.has(tag.tag)),
];

// YAML 1.1 §5.1: the printable characters; Psych refuses a stream with any other.
const NOT_PRINTABLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/;

function checkPrintable(text: string): void {
  const bad = NOT_PRINTABLE.exec(text);
  if (bad) throw new YamlError('the stream contains non-printable characters', text.slice(0, bad.index).split('\n').length);
}

const OTHER_BREAKS = /[\x85\u2028\u2029\ufeff]/;

/** Loads YAML as Jekyll's `Psych.safe_load(…, permitted_classes: [Date, Time], aliases: true)` does. */
export function loadPsychYaml(text: string, steps: Steps = { count: 0 }): unknown {
  checkPrintable(text);
  steps.count += text.length + 1;
  // YAML 1.1 line breaks other than \n, and a byte-order mark, are for the parser to read.
  const simple = OTHER_BREAKS.test(text) ? undefined : loadSimpleYaml(text, psychScalar, steps);
  return simple ?? parsePsychYaml(text, steps);
}

/** How deep collections may nest; libyaml stops at 1000, and the parser's work per token grows with depth. */
export const MAX_YAML_DEPTH = 100;
const MAX_ALIAS_COUNT = 1000;

const OPTIONS = { version: '1.1', schema: 'yaml-1.1', customTags, uniqueKeys: false, merge: true, strict: false } as const;

// The document, parsed as yaml's parseDocument does, with the parser's depth checked at each token: a
// token costs the parser up to its depth, so a cap on depth makes the work linear in the tokens.
function parseCapped(text: string, steps: Steps): { doc: Document.Parsed; lines: LineCounter } {
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  const next = parser.next.bind(parser);
  parser.next = function* (token: string) {
    steps.count += 1 + token.length + parser.stack.length;
    if (parser.stack.length > MAX_YAML_DEPTH + 1) {
      throw new YamlError(`collections are nested more than ${MAX_YAML_DEPTH} levels deep`, lines.linePos(parser.offset).line);
    }
    yield* next(token);
  };
  let doc: Document.Parsed | undefined;
  for (const each of new Composer(OPTIONS).compose(parser.parse(text), true, text.length)) {
    if (doc) {
      doc.errors.push(new YAMLParseError([each.range[0], each.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
      break;
    }
    doc = each;
  }
  return { doc: doc!, lines };
}

/** `loadPsychYaml` through the YAML parser always (the reference the simple reading is held to). */
export function parsePsychYaml(text: string, steps: Steps = { count: 0 }): unknown {
  checkPrintable(text);
  const { doc, lines } = parseCapped(text, steps);
  const error = doc.errors[0];
  if (error) throw new YamlError(error.message.split('\n')[0]!, error.pos[0] < 0 ? undefined : lines.linePos(error.pos[0]).line);
  try {
    // maxAliasCount bounds what aliases may expand to (a "billion laughs" document).
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (caught) {
    if (caught instanceof YamlError) throw caught;
    if (caught instanceof ReferenceError && /alias count/.test(caught.message)) {
      throw new YamlError(`aliases expand to more than ${MAX_ALIAS_COUNT} nodes (a "billion laughs" document): use fewer aliases`);
    }
    throw new YamlError((caught as Error).message);
  }
}
