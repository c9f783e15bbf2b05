import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeJsonAtomic } from '../data/atomic-json.js';
import { StatsState, type StatsStateJson } from './stats-state.js';

/** A stats file that could not be read, named for the log. */
export interface FolderProblem {
  readonly file: string;
  readonly reason: string;
}

/** The instance id as a file name: letters, digits, `.`, `_`, `-`. */
export function instanceFile(instance: string): string {
  return `${instance.replace(/[^A-Za-z0-9._-]/g, '_')}.json`;
}

/**
 * The stats folder: one `<instance>.json` per Herald instance (its counts, sketches and times; never an
 * address), written whole and renamed into place, and a `keys/` folder (see fileKeys). Replicas that
 * share the folder read each other's files and merge them.
 */
export class StatsFolder {
  readonly keysDir: string;
  private readonly own: string;

  constructor(
    readonly dir: string,
    readonly instance: string,
  ) {
    this.keysDir = path.join(dir, 'keys');
    this.own = instanceFile(instance);
  }

  /** Writes `state` as this instance's file. */
  async save(state: StatsState): Promise<void> {
    await writeJsonAtomic(path.join(this.dir, this.own), state, { dirMode: 0o700, mode: 0o600 });
  }

  /** This instance's saved state (undefined when there is none) and every other instance's, with the files that could not be read. */
  async load(): Promise<{ own?: StatsState; peers: StatsState[]; problems: FolderProblem[] }> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { peers: [], problems: [] };
      throw error;
    }
    const peers: StatsState[] = [];
    const problems: FolderProblem[] = [];
    let own: StatsState | undefined;
    for (const name of names.filter((name) => name.endsWith('.json') && !name.startsWith('.'))) {
      const file = path.join(this.dir, name);
      try {
        const state = StatsState.fromJSON(JSON.parse(await readFile(file, 'utf8')) as StatsStateJson);
        if (name === this.own) own = state;
        else peers.push(state);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // renamed away meanwhile
        problems.push({ file, reason: (error as Error).message });
      }
    }
    return { ...(own ? { own } : {}), peers, problems };
  }

  /** Deletes another instance's file (one that has not been written for longer than the window). */
  async forget(instance: string): Promise<void> {
    await rm(path.join(this.dir, instanceFile(instance)), { force: true });
  }
}
