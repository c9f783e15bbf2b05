import { validateFeed, type Finding } from '../validate/index.js';
import { UsageError, type CliIo, type Command } from './usage-error.js';
import { formatBytes, readInput, type InputLimits } from './validate-input.js';

const DEFAULT_LIMITS: InputLimits = { timeoutMs: 30_000, maxBytes: 16 * 2 ** 20 };

const HELP = `usage: herald validate [--json] [--timeout SECONDS] [--max-bytes SIZE] <url-or-file>...

Validates RSS 2.0 (and 0.9x, 1.0), Atom 1.0, JSON Feed 1.1, OPML 1.0/2.0 and Atom Publishing Protocol
documents, fetched from http(s) URLs or read from files; the format is told from the document itself.
Prints one line per finding (file:line severity rule message), or with --json a JSON array.
  --timeout SECONDS   give up on an input not read completely within this time (default ${DEFAULT_LIMITS.timeoutMs / 1000})
  --max-bytes SIZE    stop reading an input larger than this, e.g. 500000, 512K, 16M, 1G (default ${formatBytes(DEFAULT_LIMITS.maxBytes)})
An input over a limit is an error (input.timeout, input.too-large); at most SIZE bytes of it are held.
Exit status: 0 no errors (warnings allowed), 1 at least one error, 2 usage error.`;

/** One validated input: where it came from and what was found. */
interface Result {
  readonly target: string;
  readonly findings: Finding[];
}

async function check(target: string, limits: InputLimits): Promise<Result> {
  const input = await readInput(target, limits);
  if (!input.ok) return { target, findings: [input.finding] };
  const options = { ...(input.url ? { url: input.url } : {}), ...(input.contentType ? { contentType: input.contentType } : {}) };
  return { target, findings: await validateFeed(input.body, options) };
}

function humanLine(target: string, finding: Finding): string {
  const place = finding.line !== undefined ? `${target}:${finding.line}` : finding.path ? `${target}:${finding.path}` : target;
  return `${place} ${finding.severity} ${finding.rule} ${finding.message}`;
}

const SIZE = /^(\d+)([kmg]?)$/i;
const SCALE: Readonly<Record<string, number>> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 };

function limitValue(name: string, value: string | undefined): number {
  const size = name === '--max-bytes' ? SIZE.exec(value ?? '') : null;
  const number = size ? Number(size[1]) * SCALE[size[2]!.toLowerCase()]! : Number(value);
  if (value === undefined || !Number.isFinite(number) || number <= 0 || (name === '--timeout' && !/^\d+(\.\d+)?$/.test(value))) {
    throw new UsageError(`${name} needs a positive ${name === '--timeout' ? 'number of seconds' : 'size such as 500000, 512K or 16M'}, not ${value === undefined ? 'nothing' : `"${value}"`}`);
  }
  return name === '--timeout' ? number * 1000 : number;
}

interface Options {
  json: boolean;
  help: boolean;
  targets: string[];
  limits: InputLimits;
}

function parseArgs(args: readonly string[]): Options {
  const options: Options = { json: false, help: false, targets: [], limits: DEFAULT_LIMITS };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') options.json = true;
    else if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--timeout') options.limits = { ...options.limits, timeoutMs: limitValue(arg, args[++i]) };
    else if (arg === '--max-bytes') options.limits = { ...options.limits, maxBytes: limitValue(arg, args[++i]) };
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg} for validate`);
    else options.targets.push(arg);
  }
  if (!options.help && options.targets.length === 0) throw new UsageError('validate needs at least one URL or file');
  return options;
}

/** `herald validate`: validates feeds from URLs or files; exit status 1 when any has an error. */
export const validateCommand: Command = {
  summary: 'validate RSS, Atom, JSON Feed and OPML documents from URLs or files',
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const options = parseArgs(args);
    if (options.help) {
      io.out(HELP);
      return 0;
    }
    const results: Result[] = [];
    for (const target of options.targets) results.push(await check(target, options.limits));
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
