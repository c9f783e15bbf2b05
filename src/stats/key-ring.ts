import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SipHash } from './siphash.js';

/** Where keys are kept between restarts and shared between replicas. */
export interface KeyStore {
  /** The key of `epoch`: the stored one, or `fresh` stored now (when two replicas race, the first stored wins). */
  keyOf(epoch: number, fresh: Uint8Array): Uint8Array;
  /** Deletes the keys of epochs before `epoch`. */
  forgetBefore(epoch: number): void;
}

/** The keys held in memory only: each process has its own, gone on exit. */
export const memoryKeys: KeyStore = { keyOf: (_epoch, fresh) => fresh, forgetBefore: () => {} };

/**
 * Keys as files `<dir>/<epoch>.key` (hex, mode 0600), created exclusively so replicas sharing the folder
 * agree on one key per epoch. Read synchronously: it happens once per epoch per process.
 */
export function fileKeys(dir: string): KeyStore {
  const file = (epoch: number) => path.join(dir, `${epoch}.key`);
  return {
    keyOf(epoch, fresh) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      try {
        writeFileSync(file(epoch), Buffer.from(fresh).toString('hex'), { flag: 'wx', mode: 0o600 });
        return fresh;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const key = Buffer.from(readFileSync(file(epoch), 'utf8').trim(), 'hex');
        if (key.length !== 16) throw new Error(`${file(epoch)} does not hold a 16-byte key`);
        return key;
      }
    },
    forgetBefore(epoch) {
      let names: string[] = [];
      try {
        names = readdirSync(dir);
      } catch {
        return;
      }
      for (const name of names) {
        const match = /^(\d+)\.key$/.exec(name);
        if (match && Number(match[1]) < epoch) rmSync(path.join(dir, name), { force: true });
      }
    },
  };
}

/**
 * One SipHash key per epoch, made at random when first needed and dropped once its epoch is over, so
 * a client's hash cannot be linked to it for longer than a key lives (13 days at most).
 */
export class KeyRing {
  private readonly hashers = new Map<number, SipHash>();

  constructor(
    private readonly store: KeyStore = memoryKeys,
    private readonly random: (bytes: number) => Uint8Array = randomBytes,
  ) {}

  /** The hasher of `epoch`. */
  hasher(epoch: number): SipHash {
    let hasher = this.hashers.get(epoch);
    if (!hasher) this.hashers.set(epoch, (hasher = new SipHash(this.store.keyOf(epoch, this.random(16)))));
    return hasher;
  }

  /** Drops (and deletes from the store) the keys of epochs before `epoch`. */
  forgetBefore(epoch: number): void {
    for (const known of this.hashers.keys()) if (known < epoch) this.hashers.delete(known);
    this.store.forgetBefore(epoch);
  }
}
