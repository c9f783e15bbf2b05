import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { ROOT } from './herald.js';

/** One line naming the machine, Node and the commit measured, printed above every result table. */
export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const memory = `${Math.round(os.totalmem() / 2 ** 30)} GiB`;
  let commit = 'unknown commit';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  return `${model}, ${cpus.length} cores, ${memory} RAM, ${os.type()} ${os.release()}, Node ${process.version}, Herald ${commit}`;
}

/** The 1, 5 and 15 minute load averages: other work on the machine makes every figure here noisier. */
export function loadAverage(): string {
  return `load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} on ${os.cpus().length} cores`;
}
