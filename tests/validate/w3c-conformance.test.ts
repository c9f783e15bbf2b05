import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFeed } from '../../src/validate/index.js';
import { BASE_URL, sharedCases } from '../../scripts/lib/w3c-cases.js';

// The shared folder's W3C Feed Validator cases (atom, rss, rss20), all of them, as `npm run conformance` runs
// them. The folder is required: without it this fails rather than skips.
describe('the W3C Feed Validator cases in the shared folder', () => {
  it('get the same "has an error" verdict from Herald as from the W3C validator in 99% of each family', async () => {
    const { dir, verdicts } = sharedCases();
    const agree = new Map<string, [number, number]>();
    for (const verdict of verdicts) {
      const findings = await validateFeed(readFileSync(path.join(dir, verdict.file)), { url: BASE_URL });
      const [same, all] = agree.get(verdict.family) ?? [0, 0];
      agree.set(verdict.family, [same + Number(findings.some((f) => f.severity === 'error') === verdict.errors > 0), all + 1]);
    }
    expect([...agree.keys()].sort()).toEqual(['atom', 'rss', 'rss20']);
    for (const [family, [same, all]] of agree) expect({ family, share: same / all >= 0.99 }).toEqual({ family, share: true });
  });
});
