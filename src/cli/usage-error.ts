/** A command line the CLI cannot act on; the dispatcher prints the message and exits with status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What a subcommand writes to and how it finishes: it returns the process exit status. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** A subcommand: its one-line summary and how it runs with its own arguments. */
export interface Command {
  readonly summary: string;
  readonly run: (args: readonly string[], io: CliIo) => Promise<number>;
}
