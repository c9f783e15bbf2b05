import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../src/content/front-matter.js';
import { PostError } from '../../src/content/post-error.js';
import { loadPsychYaml, MAX_YAML_DEPTH, psychScalar, YamlError } from '../../src/content/psych-yaml.js';
import type { Steps } from '../../src/content/ruby-time.js';
import { loadSimpleYaml } from '../../src/content/simple-yaml.js';

// Work is counted, not timed: each pass over a line or a value counts its characters, and each token the
// YAML parser reads counts its length plus the parser's depth (capped at MAX_YAML_DEPTH).
const PER_CHAR = 20;

// Pieces hostile front matter is made of: indicators, quotes, comments, flow brackets, anchors, aliases,
// tags, block scalars, indentation, and long runs of text.
const piece = fc.constantFrom(':', ': ', '"', "'", '\\', '- ', '#', ' #', '{', '[', ']', '}', ',', ' ', '  ', '\n', '\n  ', '\n- ', '&a ', '*a', '!x ', '!!str ', '? ', '|', '>', 'key', 'value', 'a: ', '2024-01-02', '12:30:00', '<<: *a', '\t', '\r');
const hostileYaml = fc.array(piece, { maxLength: 150 }).map((parts) => parts.join(''));

function read(text: string): { steps: number; error?: string } {
  const steps: Steps = { count: 0 };
  try {
    readFrontMatter(`---\n${text}\n---\nThe body.\n`, steps);
    return { steps: steps.count };
  } catch (error) {
    expect(error).toBeInstanceOf(PostError);
    return { steps: steps.count, error: (error as Error).message };
  }
}

describe('the front-matter reader works in linear time on any input (fast-check)', () => {
  it('counts at most a fixed number of steps per character, and fails only with a PostError', () => {
    fc.assert(
      fc.property(fc.oneof(hostileYaml, fc.string({ maxLength: 300 })), (text) => {
        expect(read(text).steps).toBeLessThanOrEqual(PER_CHAR * (text.length + 10));
      }),
      { numRuns: 500, seed: 20261203 },
    );
  });

  // Runs of one hostile unit: 4 times the input may cost at most about 4 times the work.
  const UNITS = [':', ': ', '"', "'", '- ', '#', ' #', '{[', '[', '{', '&a ', '*a ', '!x ', '? ', 'a: ', ' ', '\n ', '\n- ', 'a: &a [*a]\n', 'k', ', ', '|\n', '\n  a:', 'x: "\\"\n', 'x y  '];
  it('grows its work at most 4.5 times when a run of a hostile unit grows 4 times', () => {
    fc.assert(
      fc.property(fc.constantFrom(...UNITS), fc.integer({ min: 200, max: 800 }), (unit, n) => {
        const small = read(`key: ${unit.repeat(n)}`);
        const large = read(`key: ${unit.repeat(4 * n)}`);
        expect(large.steps).toBeLessThanOrEqual(4.5 * small.steps);
        expect(large.steps).toBeLessThanOrEqual(PER_CHAR * (4 * n * unit.length + 10));
      }),
      { numRuns: 60, seed: 15 },
    );
  });

  it('reads long keys, long values and long runs of spaces inside values in one pass', () => {
    for (const text of [
      `${'k'.repeat(100_000)}: v`,
      `title: a${' '.repeat(100_000)}b`,
      `tags:\n- a${' '.repeat(100_000)}b`,
      `tags: [a${' '.repeat(100_000)}b]`,
      `tags: [${'a, '.repeat(30_000)}a]`,
      `author:\n  email: ${'a'.repeat(120_000)}@`,
    ]) {
      expect(read(text).steps).toBeLessThanOrEqual(PER_CHAR * (text.length + 10));
    }
  });

  it('reads the long runs of spaces the fast path handles without the parser, giving the parser\'s values', () => {
    const spaces = ' '.repeat(1000);
    expect(loadSimpleYaml(`title: a${spaces}b${spaces}`, psychScalar)).toEqual({ title: `a${spaces}b` });
    expect(loadSimpleYaml(`tags:\n- a${spaces}b${spaces}`, psychScalar)).toEqual({ tags: [`a${spaces}b`] });
    expect(loadSimpleYaml(`tags: [a${spaces}b${spaces}, 'c' , "d"]`, psychScalar)).toEqual({ tags: [`a${spaces}b`, 'c', 'd'] });
    expect(loadSimpleYaml('tags: [a, ]', psychScalar)).toBeUndefined();
    expect(loadSimpleYaml('tags: ["a\\"b"]', psychScalar)).toBeUndefined();
    expect(loadSimpleYaml("tags: ['a'b]", psychScalar)).toBeUndefined();
  });
});

describe('front matter that would exhaust the parser is rejected with a clear error', () => {
  it('rejects collections nested deeper than the cap, naming the depth and the line', () => {
    const indented = Array.from({ length: 150 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    for (const [deep, line] of [[`a: ${'['.repeat(5000)}`, 1], [`a: ${'{['.repeat(5000)}`, 1], [`${'- '.repeat(5000)}x`, 1], [indented, 101]] as const) {
      const steps: Steps = { count: 0 };
      let caught: unknown;
      try {
        loadPsychYaml(deep, steps);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(YamlError);
      expect((caught as YamlError).message).toBe(`collections are nested more than ${MAX_YAML_DEPTH} levels deep`);
      expect((caught as YamlError).line).toBe(line);
      expect(steps.count).toBeLessThanOrEqual(PER_CHAR * (deep.length + 10));
    }
    expect(read(`title: x\nlist: ${'['.repeat(500)}`).error).toBe(`invalid YAML front matter: collections are nested more than ${MAX_YAML_DEPTH} levels deep`);
    const nested = `${'['.repeat(MAX_YAML_DEPTH - 1)}x${']'.repeat(MAX_YAML_DEPTH - 1)}`;
    expect(loadPsychYaml(`a: ${nested}`)).toBeTypeOf('object');
  });

  it('rejects a "billion laughs" document with a message saying so, after bounded work', () => {
    const names = 'abcdefghij';
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...names.slice(1).split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${names[i]}`).join(', ')}]`)].join('\n');
    const steps: Steps = { count: 0 };
    expect(() => loadPsychYaml(bomb, steps)).toThrow(/aliases expand to more than 1000 nodes \(a "billion laughs" document\)/);
    expect(steps.count).toBeLessThanOrEqual(PER_CHAR * (bomb.length + 10));
    expect(read(bomb).error).toMatch(/^invalid YAML front matter: aliases expand/);
  });
});
