/**
 * Runs Herald's validator over the W3C Feed Validator test cases and prints, per family and overall,
 * how often Herald reports an error exactly when the W3C validator does, and how many of the W3C
 * validator's warnings Herald reports too. `--diff` lists the cases where the verdicts differ.
 *
 *   npm run conformance [-- --diff] [-- --family atom]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateFeed, type Finding } from '../src/validate/index.js';

// The test cases live in the shared folder beside the repository; FEEDVALIDATOR_TESTCASES names another copy.
const CASES = process.env.FEEDVALIDATOR_TESTCASES ?? path.resolve(import.meta.dirname, '../../shared/feedvalidator-testcases');
// The W3C verdicts were made for documents fetched from this URL.
const BASE_URL = 'http://www.example.com/feed';

// W3C warning classes and the Herald rules that report the same thing.
const WARNING_RULES: Readonly<Record<string, RegExp>> = {
  MissingSelf: /^atom\.feed\.link\.self\.missing$/,
  MissingAtomSelfLink: /^rss\.channel\.atom-link\.self\.missing$/,
  MissingTextualContent: /^atom\.entry\.summary\.recommended$/,
  MissingGuid: /^rss\.item\.guid\.missing$/,
  ContainsHTML: /undeclared-html$/,
  ContainsUndeclaredHTML: /undeclared-html$/,
  NotBlank: /\.blank$/,
  AttrNotBlank: /-blank$/,
  UnknownNamespace: /^xml\.namespace\.unknown$/,
  SecurityRisk: /unsafe-html$/,
  SecurityRiskAttr: /unsafe-html$/,
  DangerousStyleAttr: /unsafe-html$/,
  AvoidTextInput: /textInput\.avoid$/,
  SelfDoesntMatchLocation: /self-mismatch$/,
  NonCanonicalURI: /non-canonical$/,
  UnregisteredAtomLinkRel: /rel-unregistered$/,
  ProblematicalRFC822Date: /\.problematic$/,
  MissingRealName: /\.no-name$/,
  EmailFormat: /\.format$/,
  AtomLinkNotEmpty: /link\.not-empty$/,
  MissingTypeAttr: /type-missing$/,
  MissingSourceElement: /^atom\.source\..*\.missing$/,
  DuplicateEntries: /^atom\.entry\.id\.duplicate$/,
  ReservedPrefix: /reserved-prefix$/,
  RelativeSelf: /self-relative$/,
  SelfNotAtom: /self-type$/,
  UseZeroForMidnight: /midnight$/,
  AvoidNamespacePrefix: /namespace\.prefixed$/,
  UndeterminableVocabulary: /no-namespace$/,
  ObscureEncoding: /^xml\.encoding\.not-utf8$/,
};

interface Tally {
  cases: number;
  agree: number;
  w3cWarnings: number;
  matchedWarnings: number;
}

const args = process.argv.slice(2);
const showDiff = args.includes('--diff');
const onlyFamily = args.includes('--family') ? args[args.indexOf('--family') + 1] : undefined;
const tallies = new Map<string, Tally>();
const tally = (family: string) => tallies.get(family) ?? tallies.set(family, { cases: 0, agree: 0, w3cWarnings: 0, matchedWarnings: 0 }).get(family)!;

const rows = readFileSync(path.join(CASES, 'verdicts.tsv'), 'utf8').trim().split('\n').slice(1);
for (const row of rows) {
  const [file, , errors, , errorClasses, warningClasses] = row.split('\t');
  const family = file!.split('/')[0]!;
  if (onlyFamily && family !== onlyFamily) continue;
  const findings: Finding[] = await validateFeed(readFileSync(path.join(CASES, file!)), { url: BASE_URL });
  const heraldError = findings.some((f) => f.severity === 'error');
  const w3cError = Number(errors) > 0;
  const counts = [tally(family), tally('overall')];
  const warnings = (warningClasses ?? '').split(',').filter(Boolean);
  const matched = warnings.filter((name) => WARNING_RULES[name] && findings.some((f) => f.severity === 'warning' && WARNING_RULES[name]!.test(f.rule)));
  for (const t of counts) {
    t.cases++;
    if (heraldError === w3cError) t.agree++;
    t.w3cWarnings += warnings.length;
    t.matchedWarnings += matched.length;
  }
  if (showDiff && heraldError !== w3cError) {
    const ours = findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}@${f.line ?? ''}`).join(' ');
    console.log(`${w3cError ? 'MISSED ' : 'EXTRA  '} ${file}  w3c=[${errorClasses}]  herald=[${ours}]`);
  }
}

const pct = (part: number, whole: number) => (whole ? ((100 * part) / whole).toFixed(1) : '-');
console.log('family    cases  error agreement   W3C warnings also reported');
for (const [family, t] of [...tallies].sort(([a], [b]) => (a === 'overall' ? 1 : b === 'overall' ? -1 : a.localeCompare(b)))) {
  console.log(`${family.padEnd(9)} ${String(t.cases).padStart(5)}  ${`${t.agree}/${t.cases}`.padStart(9)} ${pct(t.agree, t.cases).padStart(5)}%   ${t.matchedWarnings}/${t.w3cWarnings} (${pct(t.matchedWarnings, t.w3cWarnings)}%)`);
}
