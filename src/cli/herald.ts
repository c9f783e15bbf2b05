#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError, type CliIo, type Command } from './usage-error.js';

// Each subcommand lives in its own file and is loaded only when asked for.
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  validate: async () => (await import('./validate-command.js')).validateCommand,
  build: async () => (await import('./build-command.js')).buildCommand,
};

async function usage(): Promise<string> {
  const lines = await Promise.all(Object.entries(COMMANDS).map(async ([name, load]) => `  ${name.padEnd(10)} ${(await load()).summary}`));
  return ['usage: herald <command> [arguments]', '', 'commands:', ...lines, '', 'herald <command> --help describes a command.'].join('\n');
}

/** Runs the herald command line and returns the exit status: 0 fine, 1 problems found, 2 usage error. */
export async function main(args: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(await usage());
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  try {
    if (!load) throw new UsageError(`unknown command "${name}"`);
    return await (await load()).run(rest, io);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`herald: ${err.message}\n\n${await usage()}`);
    return 2;
  }
}

const invokedDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const io: CliIo = { out: (text) => process.stdout.write(`${text}\n`), err: (text) => process.stderr.write(`${text}\n`) };
  main(process.argv.slice(2), io).then(
    (status) => (process.exitCode = status),
    (err: unknown) => {
      io.err(`herald: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    },
  );
}
