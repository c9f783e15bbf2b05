import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRfc3339, checkRfc822, checkW3cdtf, MAX_DATE_LENGTH, type Steps } from '../../src/validate/values/dates.js';

// The validator's date checks (`herald validate`, self-validation) on hostile values: work is counted as
// characters read, and the patterns only ever see MAX_DATE_LENGTH characters, so a long value costs one pass.
const PER_CHAR = 4;
const piece = fc.constantFrom('Mon', ', ', ' ', '  ', '02', '2006', 'Jan', '15:04', ':05', ' GMT', ' +0000', '(', ')', '\\', '\\(', '-', 'T', 'Z', '.', '999', '+01:00', 'x', '\t');
const hostile = fc.array(piece, { maxLength: 400 }).map((parts) => parts.join(''));
const checks = { rfc822: checkRfc822, rfc3339: checkRfc3339, w3cdtf: (v: string, s: Steps) => checkW3cdtf(v, false, s), iso8601: (v: string, s: Steps) => checkW3cdtf(v, true, s) };

function work(check: (value: string, steps: Steps) => unknown, value: string): number {
  const steps: Steps = { count: 0 };
  const verdict = check(value, steps) as { kind: string };
  expect(['ok', 'warning', 'error']).toContain(verdict.kind);
  return steps.count;
}

describe('the validator date checks work in linear time on any input (fast-check)', () => {
  it('read each character a fixed number of times and always give a verdict', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(checks)), fc.oneof(hostile, fc.string({ maxLength: 600 })), (check, value) => {
        expect(work(check, value)).toBeLessThanOrEqual(PER_CHAR * (value.length + 1));
      }),
      { numRuns: 600, seed: 20261203 },
    );
  });

  it('grow their work at most 4.5 times for 4 times a run of a hostile unit', () => {
    const units = ['(', ')', '((', '()', '\\(', ' ', '1', 'Mon, ', '02 Jan ', '2006-', ':', '+', 'Z', 'T1', '.1'];
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(checks)), fc.constantFrom(...units), fc.integer({ min: 100, max: 5000 }), (check, unit, n) => {
        const date = 'Mon, 02 Jan 2006 ';
        expect(work(check, date + unit.repeat(4 * n))).toBeLessThanOrEqual(4.5 * work(check, date + unit.repeat(n)));
      }),
      { numRuns: 200, seed: 822 },
    );
  });

  it('still read a date with comments, and give a clear error past the length no date reaches', () => {
    expect(checkRfc822(`Mon, 02 Jan 2006 15:04:05 GMT (${'a'.repeat(10_000)})`).kind).toBe('warning');
    expect(checkRfc822('Mon, 02 Jan 2006 15:04:05 GMT').kind).toBe('ok');
    expect(checkRfc3339('2006-01-02T15:04:05Z').kind).toBe('ok');
    const long = `2006-01-02T15:04:05${'.1'.repeat(MAX_DATE_LENGTH)}Z`;
    for (const check of Object.values(checks)) expect(check(long, { count: 0 })).toEqual({ kind: 'error', reason: `longer than ${MAX_DATE_LENGTH} characters, which no date is` });
  });
});
