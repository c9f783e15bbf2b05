import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../helpers.js';

const main = path.join(repoRoot, 'dist/main.js');

/** A server process started by `start`. */
export interface Started {
  child: ChildProcess;
  port: number;
  exit: Promise<number | null>;
  output: () => string;
}

/** Starts the built server on a free loopback port and resolves once it logs that it listens. */
export function start(env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, [main], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', VALIDATION_ENABLED: 'false', WATCH_ENABLED: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const line = output.split('\n').find((l) => l.includes('"herald listening"'));
      if (line) resolve({ child, port: JSON.parse(line).port, exit, output: () => output });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    void exit.then((code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}


/** Resolves once the server's output holds `text`; rejects after `timeoutMs` or when it exits first. */
export async function outputHas(server: Started, text: string, timeoutMs = 20_000): Promise<void> {
  let exited = false;
  void server.exit.then(() => (exited = true));
  const until = Date.now() + timeoutMs;
  while (!server.output().includes(text)) {
    if (exited || Date.now() > until) throw new Error(`no ${text} in the output:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Stops a started server with SIGTERM and waits for it to exit. */
export async function stop(server: Started): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exit;
}

/** A new temporary folder holding `static/big.bin`, `bytes` long: a response far larger than the socket buffers. */
export async function folderWithBigFile(prefix: string, bytes: number): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await mkdir(path.join(dir, 'static'));
  await writeFile(path.join(dir, 'static/big.bin'), Buffer.alloc(bytes, 0x61));
  return dir;
}
