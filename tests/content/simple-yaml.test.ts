import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPsychYaml, parsePsychYaml, psychScalar } from '../../src/content/psych-yaml.js';
import { loadSimpleYaml } from '../../src/content/simple-yaml.js';

// The simple reading of front matter must give exactly what the YAML parser gives, or leave the text to it.

const parsed = (text: string): { value: unknown } | { error: true } => {
  try {
    return { value: parsePsychYaml(text) };
  } catch {
    return { error: true };
  }
};

function sameAsParser(text: string): boolean {
  const simple = loadSimpleYaml(text, psychScalar);
  if (simple === undefined) return false;
  const full = parsed(text);
  expect(full, JSON.stringify(text)).toStrictEqual({ value: simple });
  return true;
}

const TYPICAL = [
  'layout: post\ntitle: "Bergen new feed funds harbour"\ndate: 2014-01-02T10:54:56\nauthor: "Farah Haddad"\ncategories: ["News", "Open Source"]\ntags: []\nimage: assets/images/9baf2fc3d4196a3d4edfc79e7b29eb80.jpg',
  "title: Hello, world\ndate: 2024-03-05 10:00:00 +0100\ntags: [a, b, 'c d']\npublished: yes\nexcerpt_separator: <!--more-->",
  'title: 3.0 released\ndate: 2024-03-05\ncount: 1_000\nratio: .5\nlast_modified_at: 2025-09-18T21:30:10Z\ndraft: false\nsummary: Don\'t panic!',
  'title: "a: b # c"\nlang: en-GB\nslug: 3.0-released\nid: https://example.com/x?y=1\npermalink: /:year/:title/',
  'title: Nested\nauthor:\n  name: "Ada Okafor"\n  email: ada.okafor@example.com\n  uri: https://people.example.com/ada\nimage:\n  path: /assets/a.png\n  alt: "busy district"\ntags:\n  - one\n  - 2024-01-02\ncategories:\n- News\n- "Open Source"',
];

// Pieces of front matter lines, tricky ones included: indicators, quotes, colons, hashes, brackets, tabs.
const KEYS = ['title', 'date', 'tags', 'a', 'b_c', 'x-y', '_k', 'yes', 'No', 'y', 'null', 'on', 'TRUE', '__proto__', 'key', 'Key', 'inf', '2024', 'a b', '-k', '"q"'];
const ATOMS = [
  'plain', 'two words', 'a, b', 'yes', 'No', 'off', '~', 'null', 'Null', 'true', 'y', '0', '010', '0x1F', '0b101', '1_000', '1,000', '1:30', '-1:30', '1.5', '.5', '-.5', '1.', '-', '+1', '12e3',
  '1e+3', '.inf', '-.inf', '.NaN', ':sym', '2024-03-05', '2024-3-5', '2024-02-30', '2024-03-05T10:54:56', '2024-03-05 10:54:56 +01:00', '2024-03-05t10:54:56.5z', '2025-10-02 09:15',
  'http://x.org/a?b=1#c', 'a:b', 'a: b', 'a:', 'a #c', 'a#c', '#c', '"q"', '"q: #"', "'s'", "'it''s'", '"esc\\"aped"', '"tab\\t"', "Don't", '5" disk', '[a]', '[]', '[a, b]', '[ "x" , \'y\' ]',
  '[a,]', '[a, [b]]', '[a: b]', '{a: 1}', '{}', '&anchor x', '*alias', '!tag x', '!!str 1', '|', '>', '%x', '@x', '`x`', '?x', '? x', '-x', '- x', '=', '<<', '(x)', 'é', 'Zürich', '$x', '^x', ';x',
  'x\ty', ' lead', 'trail ', 'a  b', '" unterminated', "'", '"', 'a"b', "a'b",
];
// Most lines are ones the simple reading takes (so it is exercised), the rest anything the pieces make.
const keys = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...KEYS.slice(0, 7)) }, { weight: 1, arbitrary: fc.constantFrom(...KEYS) });
const atom = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...ATOMS.slice(0, 54)) }, { weight: 1, arbitrary: fc.constantFrom(...ATOMS) });
const value = fc.oneof(
  { weight: 6, arbitrary: atom },
  { weight: 2, arbitrary: fc.array(atom, { maxLength: 4 }).map((items) => `[${items.join(', ')}]`) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'ab 1:#"\',[]{}-.!&*|>%@`?~+\\/()=<\t'.split('')), maxLength: 12 }) },
);
const separator = fc.oneof({ weight: 8, arbitrary: fc.constant(': ') }, { weight: 1, arbitrary: fc.constantFrom(':', ':  ', ':\t', ' : ') });
const pair = fc.tuple(keys, separator, value).map(([k, sep, v]) => `${k}${sep}${v}`);
const indent = fc.constantFrom('  ', '  ', ' ', '    ', '\t', '');
const nested = fc.tuple(keys, fc.array(fc.tuple(indent, fc.oneof(pair, atom.map((a) => `- ${a}`))), { minLength: 1, maxLength: 3 })).map(
  ([k, lines]) => `${k}:${lines.map(([i, l]) => `\n${i}${l}`).join('')}`,
);
const line = fc.oneof(
  { weight: 24, arbitrary: pair },
  { weight: 6, arbitrary: nested },
  { weight: 1, arbitrary: fc.constantFrom('', '# comment', '  indented: 1', '- item', '---', '...', 'key:', 'key: ', 'nested:\n  a: 1', 'list:\n- a') },
);
const documents = fc.array(line, { minLength: 1, maxLength: 5 }).map((lines) => lines.join('\n'));

describe('the simple front matter reading', () => {
  it('reads typical front matter itself, as the YAML parser does', () => {
    for (const text of TYPICAL) expect(sameAsParser(text), text).toBe(true);
  });

  it('gives what the YAML parser gives, or leaves the text to it (generated documents)', () => {
    let simple = 0;
    fc.assert(
      fc.property(documents, (text) => {
        if (sameAsParser(text)) simple++;
      }),
      { numRuns: 4000, seed: 20261202 },
    );
    // The generator must exercise the simple reading, not only the parser.
    expect(simple).toBeGreaterThan(400);
  });

  it('is what loadPsychYaml uses, and the parser takes what it leaves', () => {
    expect(loadPsychYaml(TYPICAL[0]!)).toStrictEqual(parsePsychYaml(TYPICAL[0]!));
    expect(loadPsychYaml('a: &x 1\nb: *x\n')).toEqual({ a: 1, b: 1 });
    expect(loadSimpleYaml('a: &x 1\nb: *x\n', psychScalar)).toBeUndefined();
  });
});
