import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** A child process started by a script, with its recent output and a stop that always finishes. */
export interface Child {
  readonly pid: number;
  /** performance.now() just before spawn. */
  readonly spawnedAt: number;
  readonly process: ChildProcess;
  /** The last ~256 KB of stdout and stderr. */
  output(): string;
  /** True once the process has exited. */
  readonly exited: () => boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

const OUTPUT_LIMIT = 256 * 1024;
const running = new Set<ChildProcess>();

// Whatever happens to the script, no child outlives it: each is killed by its own PID.
process.once('exit', () => {
  for (const child of running) if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping children\n`);
    process.exit(130);
  });
}

/** Spawns `command` with piped output kept in a bounded buffer; the child is killed when the script exits. */
export function startChild(command: string, args: readonly string[], options: SpawnOptions): Child {
  const spawnedAt = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  if (child.pid === undefined) throw new Error(`could not start ${command} ${args.join(' ')}`);
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT / 2);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let done = false;
  const exit = once(child, 'exit').then(() => {
    done = true;
    running.delete(child);
  });
  const pid = child.pid;
  return {
    pid,
    spawnedAt,
    process: child,
    output: () => output,
    exited: () => done,
    stop: async (graceMs = 5000) => {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        await exit;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Runs `body` and then stops every child it registered, whatever happened. */
export async function withChildren<T>(body: (track: (child: Child) => Child) => Promise<T>): Promise<T> {
  const children: Child[] = [];
  try {
    return await body((child) => {
      children.push(child);
      return child;
    });
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}
