import { describe, expect, it } from 'vitest';
import { CalendarDate } from '../../src/content/calendar-date.js';
import { loadPsychYaml, psychScalar, YamlError } from '../../src/content/psych-yaml.js';

// Expected values are what Ruby 3.1's Psych 4 (Jekyll's YAML) gives for each plain scalar.
describe('plain scalars as Psych reads them (YAML 1.1)', () => {
  it.each([
    ['yes', true], ['No', false], ['ON', true], ['off', false], ['TrUe', true], ['y', 'y'], ['n', 'n'],
    ['~', null], ['NULL', null], ['', null], ['010', 8], ['0x1F', 31], ['0b101', 5], ['1_000', 1000], ['1,000', 1000],
    ['1:30', 5400], ['1.5', 1.5], ['.5', 0.5], ['1.', 1], ['12e3', '12e3'], ['-.inf', -Infinity], ['Yesterday', 'Yesterday'],
    ['2025-10-02 09:15', '2025-10-02 09:15'], ['2024-02-30', '2024-02-30'], ['3.0-released', '3.0-released'],
  ])('%j is %j', (text, value) => {
    expect(psychScalar(text)).toEqual(value);
  });

  it('reads a timestamp without an offset as UTC, one with an offset as that instant', () => {
    expect((psychScalar('2025-09-18T21:30:10') as Date).toISOString()).toBe('2025-09-18T21:30:10.000Z');
    expect((psychScalar('2025-10-02 09:15:00 +0100') as Date).toISOString()).toBe('2025-10-02T08:15:00.000Z');
    expect((psychScalar('2025-10-02 09:15:00.25 -05:30') as Date).toISOString()).toBe('2025-10-02T14:45:00.250Z');
  });

  it('reads a date-only value as a calendar date, not an instant', () => {
    expect(psychScalar('2025-11-05')).toEqual(CalendarDate.of(2025, 11, 5));
    expect(String(psychScalar('2025-11-05'))).toBe('2025-11-05');
  });
});

describe('documents', () => {
  it('keeps quoted scalars as text and loads aliases and merge keys', () => {
    expect(loadPsychYaml('a: "yes"\nb: \'2025-11-05\'\nbase: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n')).toEqual({ a: 'yes', b: '2025-11-05', base: { x: 1 }, c: { x: 1, y: 2 } });
  });
  it('takes the last of duplicate keys, as Psych does', () => {
    expect(loadPsychYaml('a: 1\na: 2\n')).toEqual({ a: 2 });
  });
  it('rejects what Jekyll cannot load, with the line: a Ruby symbol, broken syntax, an alias bomb', () => {
    expect(() => loadPsychYaml('title: ok\nx: :sym\n')).toThrow(/Ruby symbol/);
    try {
      loadPsychYaml('a: 1\nb: [1, 2\nc: 3\n');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(YamlError);
      expect((error as YamlError).line).toBeGreaterThanOrEqual(2);
    }
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
    expect(() => loadPsychYaml(bomb)).toThrow(YamlError);
  });
});
