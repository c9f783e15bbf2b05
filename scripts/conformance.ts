/**
 * Runs Herald's validator over the W3C Feed Validator's test cases and prints, per family and overall,
 * how often Herald reports an error exactly when the W3C validator does, and how many of the W3C
 * validator's warnings Herald reports too.
 *
 *   npm run conformance                          the shared folder's cases (atom, rss, rss20) and verdicts
 *   npm run conformance -- --w3c /tmp/conf-fv    every family of a W3C checkout (or FEEDVALIDATOR_DIR=…),
 *                                                its verdicts made by running its own validator
 *   options: --family NAME, --diff (cases whose verdicts differ), --warnings (W3C warnings Herald missed)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateFeed, type Finding } from '../src/validate/index.js';
import { BASE_URL, checkoutCases, rootName, sharedCases, type Verdict } from './lib/w3c-cases.js';
import { formatTable } from './lib/table.js';
import { WARNING_RULES } from './lib/w3c-warnings.js';

// Documents of formats Herald does not validate (not feeds it reads or serves): KML, OpenSearch descriptions, XRDS.
const NOT_VALIDATED = new Set(['kml', 'OpenSearchDescription', 'XRDS']);

interface Tally {
  cases: number;
  skipped: number;
  agree: number;
  w3cWarnings: number;
  matchedWarnings: number;
}

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const checkout = option('--w3c') ?? process.env.FEEDVALIDATOR_DIR;
const onlyFamily = option('--family');
const set = checkout ? checkoutCases(checkout) : sharedCases();
const tallies = new Map<string, Tally>();
const tally = (family: string) => tallies.get(family) ?? tallies.set(family, { cases: 0, skipped: 0, agree: 0, w3cWarnings: 0, matchedWarnings: 0 }).get(family)!;
const missedWarnings = new Map<string, number>();

const reported = (name: string, findings: readonly Finding[]) => WARNING_RULES[name] !== undefined && findings.some((f) => f.severity === 'warning' && WARNING_RULES[name]!.test(f.rule));

async function judge(verdict: Verdict): Promise<void> {
  const body = readFileSync(path.join(set.dir, verdict.file));
  const counts = [tally(verdict.family), tally('overall')];
  if (NOT_VALIDATED.has(rootName(body) ?? '')) return counts.forEach((t) => t.skipped++);
  const findings = await validateFeed(body, { url: BASE_URL });
  const heraldError = findings.some((f) => f.severity === 'error');
  const w3cError = verdict.errors > 0;
  const matched = verdict.warningClasses.filter((name) => reported(name, findings));
  for (const name of verdict.warningClasses) if (!matched.includes(name)) missedWarnings.set(name, (missedWarnings.get(name) ?? 0) + 1);
  for (const t of counts) {
    t.cases++;
    if (heraldError === w3cError) t.agree++;
    t.w3cWarnings += verdict.warningClasses.length;
    t.matchedWarnings += matched.length;
  }
  if (args.includes('--diff') && heraldError !== w3cError) {
    const ours = findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}@${f.line ?? ''}`).join(' ');
    console.log(`${w3cError ? 'MISSED ' : 'EXTRA  '} ${verdict.file}  w3c=[${verdict.errorClasses.join(',')}]  herald=[${ours}]`);
  }
}

for (const verdict of set.verdicts) if (!onlyFamily || verdict.family === onlyFamily) await judge(verdict);

if (args.includes('--warnings')) {
  for (const [name, count] of [...missedWarnings].sort((a, b) => b[1] - a[1])) console.log(`missed warning ${name} ${count}${WARNING_RULES[name] ? '' : ' (no Herald rule mapped)'}`);
}
const pct = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '-');
const order = ([a]: [string, Tally], [b]: [string, Tally]) => (a === 'overall' ? 1 : b === 'overall' ? -1 : a.localeCompare(b));
const rows = [...tallies].sort(order).map(([family, t]) => [
  family,
  String(t.cases + t.skipped),
  t.skipped ? `${t.cases} (${t.skipped} not feeds)` : String(t.cases),
  `${t.agree}/${t.cases}`,
  pct(t.agree, t.cases),
  `${t.matchedWarnings}/${t.w3cWarnings}`,
  pct(t.matchedWarnings, t.w3cWarnings),
]);
console.log(`verdicts: ${set.source}`);
console.log(formatTable(['family', 'cases', 'validated', 'same error verdict', '', 'W3C warnings also reported', ''], rows));
