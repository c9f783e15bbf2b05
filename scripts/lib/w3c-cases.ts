import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What the W3C Feed Validator says of one of its test cases. */
export interface Verdict {
  /** Path under the testcases folder, e.g. `atom/1.1/brief-noerror.xml`. */
  readonly file: string;
  /** The first folder of the path: `atom`, `ext`, `opml`, … */
  readonly family: string;
  readonly errors: number;
  readonly errorClasses: readonly string[];
  /** Distinct W3C warning classes reported. */
  readonly warningClasses: readonly string[];
}

/** A set of test cases with the W3C validator's verdict on each. */
export interface CaseSet {
  /** The folder the case paths are relative to. */
  readonly dir: string;
  readonly verdicts: readonly Verdict[];
  /** Where the verdicts came from, for the output. */
  readonly source: string;
}

const REPO = path.resolve(import.meta.dirname, '../..');
/** The W3C verdicts in the shared folder were made for documents fetched from this URL. */
export const BASE_URL = 'http://www.example.com/feed';

/** The shared folder of W3C test cases: FEEDVALIDATOR_TESTCASES, else `shared/feedvalidator-testcases` beside the repository or a folder above it. */
export function sharedCasesDir(): string {
  if (process.env.FEEDVALIDATOR_TESTCASES) return process.env.FEEDVALIDATOR_TESTCASES;
  for (let dir = path.dirname(REPO); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'feedvalidator-testcases');
    if (existsSync(candidate) || dir === path.dirname(dir)) return candidate;
  }
}

function parseVerdicts(tsv: string): Verdict[] {
  const list = (cell: string | undefined) => (cell ?? '').split(',').filter(Boolean);
  return tsv.trim().split('\n').slice(1).map((row) => {
    const [file, , errors, , errorClasses, warningClasses] = row.split('\t');
    return { file: file!, family: file!.split('/')[0]!, errors: Number(errors), errorClasses: list(errorClasses), warningClasses: [...new Set(list(warningClasses))] };
  });
}

/** The shared folder's cases (atom, rss, rss20) and the verdicts recorded in its verdicts.tsv. */
export function sharedCases(dir = sharedCasesDir()): CaseSet {
  return { dir, verdicts: parseVerdicts(readFileSync(path.join(dir, 'verdicts.tsv'), 'utf8')), source: `${dir}/verdicts.tsv` };
}

/**
 * Every test case of a W3C Feed Validator checkout (github:w3c/feedvalidator), with verdicts made by
 * running that checkout's validator on each (scripts/w3c-verdicts.py, Debian's python3 or CONFORMANCE_PYTHON).
 */
export function checkoutCases(checkout: string): CaseSet {
  if (!existsSync(path.join(checkout, 'src', 'feedvalidator')) || !existsSync(path.join(checkout, 'testcases'))) {
    throw new Error(`${checkout} is not a W3C Feed Validator checkout (no src/feedvalidator and testcases/)`);
  }
  const python = process.env.CONFORMANCE_PYTHON ?? '/usr/bin/python3';
  const tsv = execFileSync(python, [path.join(REPO, 'scripts', 'w3c-verdicts.py'), checkout], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  return { dir: path.join(checkout, 'testcases'), verdicts: parseVerdicts(tsv), source: `the W3C validator in ${checkout}` };
}

/** The root element's local name of an XML document (after the prolog), for telling formats apart. */
export function rootName(body: Buffer): string | undefined {
  const text = body.subarray(0, 8192).toString('latin1').replace(/<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>/g, '');
  return /<(?:[\w.-]+:)?([\w.-]+)/.exec(text)?.[1];
}
