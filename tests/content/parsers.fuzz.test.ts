import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { psychScalar, YamlError } from '../../src/content/psych-yaml.js';
import { MAX_DATE_LENGTH, parseRubyTime, type Steps } from '../../src/content/ruby-time.js';
import { stripHtml } from '../../src/content/post-title.js';

// Pieces a hostile date is made of: digits, separators, month and zone names, am/pm, ordinals.
const piece = fc.constantFrom('1', '12', '2024', '-', '/', '.', ':', ' ', ',', '+', 'T', 'Z', 'jan', 'march', 'pm', 'th', 'utc', 'x', '00:00', '9999-99-99');
const hostileDate = fc.array(piece, { maxLength: 120 }).map((parts) => parts.join(''));

describe('the date parser works in linear time on any input (fast-check)', () => {
  it('takes at most a fixed number of steps per character, and never throws', () => {
    fc.assert(
      fc.property(fc.oneof(hostileDate, fc.string({ maxLength: MAX_DATE_LENGTH })), (text) => {
        const steps: Steps = { count: 0 };
        const result = parseRubyTime(text, steps);
        expect(typeof result === 'string' || typeof result.year === 'number').toBe(true);
        if (text.length <= MAX_DATE_LENGTH) expect(steps.count).toBeLessThanOrEqual(12 * (text.length + 1));
        else expect(steps.count).toBe(0);
      }),
      { numRuns: 400, seed: 20261202 },
    );
  });

  it('does no work at all past the length cap, however long the text', () => {
    const steps: Steps = { count: 0 };
    expect(parseRubyTime('2024-01-01 '.repeat(100_000), steps)).toMatch(/longer than/);
    expect(steps.count).toBe(0);
  });

  it('stays within the bound on the worst inputs found by hand, at the largest length accepted', () => {
    for (const unit of ['1-', '1:', 'jan ', '1/1/', '12:00 +', '1 jan ', 'h1.']) {
      const text = unit.repeat(MAX_DATE_LENGTH).slice(0, MAX_DATE_LENGTH);
      const steps: Steps = { count: 0 };
      parseRubyTime(text, steps);
      expect(steps.count).toBeLessThanOrEqual(12 * (text.length + 1));
    }
  });
});

describe('the YAML scalar scanner and strip_html accept anything', () => {
  it('returns a value or a YamlError for any plain scalar, the same one each time', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        let first: unknown;
        try {
          first = psychScalar(text);
        } catch (error) {
          expect(error).toBeInstanceOf(YamlError);
          return;
        }
        expect(psychScalar(text)).toEqual(first);
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('strips tags from unclosed brackets without quadratic rescans (a bound on the output, one pass per filter)', () => {
    const hostile = '<a'.repeat(50_000) + '<!--' + '<script'.repeat(10_000);
    expect(stripHtml(hostile).length).toBeLessThanOrEqual(hostile.length);
    fc.assert(
      fc.property(fc.array(fc.constantFrom('<', '>', '<!--', '-->', '<script', '</script>', 'a', ' '), { maxLength: 200 }), (parts) => {
        const text = parts.join('');
        expect(stripHtml(text)).not.toMatch(/<[^>]*>/);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
