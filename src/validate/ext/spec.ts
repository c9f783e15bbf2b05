import type { CheckContext } from '../xml/walk.js';
import type { XmlElement } from '../xml/xml-node.js';

/** What is wrong with a value: the last part of the rule id, a phrase for people, and how serious it is. */
export interface Problem {
  readonly problem: string;
  readonly reason: string;
  readonly warning?: boolean;
}

/** A check of one value, an element's text or an attribute, as written (white space included). */
export type Value = (value: string, context: CheckContext) => Problem | undefined;

/** An unprefixed attribute an extension element may carry. */
export interface AttrSpec {
  readonly required?: boolean;
  readonly value?: Value | readonly Value[];
}

/** Where in a feed an extension element may stand: in the channel (Atom feed) or in an item (Atom entry). */
export type Place = 'channel' | 'item';

/** The rules of one extension element. */
export interface ElementSpec {
  /** Where it may appear; anywhere when absent. */
  readonly in?: readonly Place[];
  /** At most one per parent. */
  readonly once?: boolean;
  /** At most this many per parent. */
  readonly max?: number;
  /** Checks of its text. */
  readonly value?: Value | readonly Value[];
  /** Its unprefixed attributes; any other unprefixed attribute is an error. */
  readonly attrs?: Readonly<Record<string, AttrSpec>>;
  /** Its child elements, by `prefix:local` (the usual prefix of their namespace); none means text only. */
  readonly children?: Readonly<Record<string, ElementSpec>>;
  /** Holds any content (RDF, XHTML, GML), not checked here. */
  readonly any?: boolean;
  /** Rules that span attributes or children. */
  readonly check?: (element: XmlElement, context: CheckContext) => void;
}

/** The elements of one namespace, by local name. */
export type Vocabulary = Readonly<Record<string, ElementSpec>>;

/**
 * A value check from a test: `reason` says what the value must be. The value is trimmed first unless
 * `raw` (the W3C validator takes flags such as itunes:explicit as written).
 */
export function must(problem: string, reason: string, test: (value: string) => boolean, options: { raw?: boolean; warning?: boolean } = {}): Value {
  const verdict: Problem = { problem, reason: `must be ${reason}`, ...(options.warning ? { warning: true } : {}) };
  return (value) => (test(options.raw ? value : value.trim()) ? undefined : verdict);
}

/** A value that must be one of `allowed` (exactly, or ignoring case with `caseless`). */
export function oneOf(allowed: readonly string[], options: { caseless?: boolean; raw?: boolean; problem?: string } = {}): Value {
  const set = new Set(options.caseless ? allowed.map((a) => a.toLowerCase()) : allowed);
  const shown = allowed.length > 8 ? `${allowed.slice(0, 8).join(', ')}, …` : allowed.join(', ');
  return must(options.problem ?? 'invalid', `one of ${shown}`, (v) => set.has(options.caseless ? v.toLowerCase() : v), { raw: options.raw ?? false });
}
