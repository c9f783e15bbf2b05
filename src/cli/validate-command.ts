import { readFile } from 'node:fs/promises';
import { validateFeed, type Finding } from '../validate/index.js';
import { UsageError, type CliIo, type Command } from './usage-error.js';

const HELP = `usage: herald validate [--json] <url-or-file>...

Validates RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents, fetched from http(s) URLs or read from files.
Prints one line per finding (file:line severity rule message), or with --json a JSON array.
Exit status: 0 no errors (warnings allowed), 1 at least one error, 2 usage error.`;

/** One validated input: where it came from and what was found. */
interface Result {
  readonly target: string;
  readonly findings: Finding[];
}

const ACCEPT = 'application/atom+xml, application/rss+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8';

async function check(target: string): Promise<Result> {
  if (/^https?:\/\//i.test(target)) {
    let response: Response;
    try {
      response = await fetch(target, { headers: { accept: ACCEPT }, redirect: 'follow' });
    } catch (err) {
      return { target, findings: [{ severity: 'error', rule: 'input.fetch-failed', message: `cannot fetch: ${err instanceof Error ? err.message : String(err)}` }] };
    }
    if (!response.ok) return { target, findings: [{ severity: 'error', rule: 'input.http-status', message: `the server answered ${response.status} ${response.statusText}` }] };
    const body = Buffer.from(await response.arrayBuffer());
    const contentType = response.headers.get('content-type') ?? undefined;
    return { target, findings: await validateFeed(body, { url: response.url || target, ...(contentType ? { contentType } : {}) }) };
  }
  let body: Buffer;
  try {
    body = await readFile(target);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : err instanceof Error ? err.message : String(err);
    return { target, findings: [{ severity: 'error', rule: 'input.unreadable', message: `cannot read: ${reason}` }] };
  }
  return { target, findings: await validateFeed(body) };
}

function humanLine(target: string, finding: Finding): string {
  const place = finding.line !== undefined ? `${target}:${finding.line}` : finding.path ? `${target}:${finding.path}` : target;
  return `${place} ${finding.severity} ${finding.rule} ${finding.message}`;
}

function parseArgs(args: readonly string[]): { json: boolean; help: boolean; targets: string[] } {
  const options = { json: false, help: false, targets: [] as string[] };
  for (const arg of args) {
    if (arg === '--json') options.json = true;
    else if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg} for validate`);
    else options.targets.push(arg);
  }
  if (!options.help && options.targets.length === 0) throw new UsageError('validate needs at least one URL or file');
  return options;
}

/** `herald validate`: validates feeds from URLs or files; exit status 1 when any has an error. */
export const validateCommand: Command = {
  summary: 'validate RSS, Atom and JSON feeds from URLs or files',
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const options = parseArgs(args);
    if (options.help) {
      io.out(HELP);
      return 0;
    }
    const results: Result[] = [];
    for (const target of options.targets) results.push(await check(target));
    const all = results.flatMap((result) => result.findings);
    const errors = all.filter((finding) => finding.severity === 'error').length;
    if (options.json) io.out(JSON.stringify(results, null, 2));
    else {
      for (const { target, findings } of results) for (const finding of findings) io.out(humanLine(target, finding));
      io.out(`${results.length} feed${results.length === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}, ${all.length - errors} warning${all.length - errors === 1 ? '' : 's'}`);
    }
    return errors > 0 ? 1 : 0;
  },
};
