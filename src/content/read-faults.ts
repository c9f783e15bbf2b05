import type { BigIntStats } from 'node:fs';

// Failed system calls that pass on their own (POSIX errno): out of file descriptors in the process or on
// the system, a busy file, a call to make again. A read that meets one is tried again, not rejected at once.
const TRANSIENT: Readonly<Record<string, string>> = {
  EMFILE: 'too many open files in Herald',
  ENFILE: 'too many open files on the system',
  EBUSY: 'the file is busy',
  EAGAIN: 'the read would block',
};

/** Tries of a read that meets a transient error, the first included, before the file is rejected for now. */
export const READ_TRIES = 4;

/** Settle checks of a file that keeps changing before it is rejected for now (each `settleMs` apart). */
export const SETTLE_ROUNDS = 20;

/** What a transient error code means, or undefined when the code is not a transient one. */
export function transientReason(code: string | undefined): string | undefined {
  return code === undefined ? undefined : TRANSIENT[code];
}

/** The pause before try `attempt + 1` of a read that met a transient error: 20, 80, 320 ms. */
export function readBackoffMs(attempt: number): number {
  return 20 * 4 ** (attempt - 1);
}

/** When a file rejected for the `times`-th time in a row for a passing reason is read again: 1 s, doubling to 60 s. */
export function retryAfterMs(times: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, times - 1));
}

/** A file's identity as last read: inode, size, modification and change times (nanoseconds). */
export function fileVersion(stat: Pick<BigIntStats, 'ino' | 'size' | 'mtimeNs' | 'ctimeNs'>): string {
  return `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}

/** Whether the file was modified or changed less than `ms` before `nowMs`: it may still be being written. */
export function changedWithin(stat: Pick<BigIntStats, 'mtimeNs' | 'ctimeNs'>, nowMs: number, ms: number): boolean {
  const changed = stat.mtimeNs > stat.ctimeNs ? stat.mtimeNs : stat.ctimeNs;
  return nowMs - Number(changed / 1_000_000n) < ms;
}

/**
 * How long after `nowMs` a file last changed at its modification or change time has stayed unchanged for
 * `ms`: what is left of the settle pause, at least 1 ms, at most `ms` (a time ahead of the clock waits it whole).
 */
export function settleRemainingMs(stat: Pick<BigIntStats, 'mtimeNs' | 'ctimeNs'>, nowMs: number, ms: number): number {
  const changed = stat.mtimeNs > stat.ctimeNs ? stat.mtimeNs : stat.ctimeNs;
  const age = nowMs - Number(changed / 1_000_000n);
  return age < 0 ? ms : Math.min(ms, Math.max(1, Math.ceil(ms - age)));
}
