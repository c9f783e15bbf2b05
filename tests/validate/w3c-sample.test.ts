import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateFeed } from '../../src/validate/index.js';

// A small sample of the W3C Feed Validator's cases; `npm run conformance` runs all of them.
const CASES = process.env.FEEDVALIDATOR_TESTCASES ?? path.resolve(import.meta.dirname, '../../../shared/feedvalidator-testcases');
const SAMPLE = [
  'atom/1.1/brief-noerror.xml',
  'atom/2/invalid-xml-lang.xml',
  'atom/3.1.1.3/missing_xhtml_ns.xml',
  'atom/4.1.3.2/content-src-type-html.xml',
  'atom/must/entry_author_email_invalid.xml',
  'rss20/element-channel-item-guid/guid.xml',
  'rss20/data-types-email/jumbled2.xml',
  'rss20/element-channel-item-enclosure/invalid_item_enclosure_decimal_length.xml',
  'rss/must/rss10_spec_sample_noerror.xml',
  'rss/must/invalid_namespace2.xml',
];

describe.skipIf(!existsSync(path.join(CASES, 'verdicts.tsv')))('W3C Feed Validator cases (sample)', () => {
  // Read when the tests run: the describe body is collected even when the cases are absent and skipped.
  let verdicts: Map<string, boolean>;
  beforeAll(() => {
    verdicts = new Map(
      readFileSync(path.join(CASES, 'verdicts.tsv'), 'utf8').trim().split('\n').slice(1).map((row) => {
        const [file, , errors] = row.split('\t');
        return [file!, Number(errors) > 0] as const;
      }),
    );
  });

  it.each(SAMPLE)('%s: Herald reports an error exactly when W3C does', async (file) => {
    expect(verdicts.has(file)).toBe(true);
    const findings = await validateFeed(readFileSync(path.join(CASES, file)), { url: 'http://www.example.com/feed' });
    expect(findings.some((f) => f.severity === 'error')).toBe(verdicts.get(file));
  });
});
