import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where and how a data-folder file is written: its folder is created with `dirMode`, the file with `mode`. */
export interface AtomicWriteModes {
  readonly dirMode?: number;
  readonly mode?: number;
}

/**
 * Writes `value` as JSON to `file` through a temporary file beside it renamed over the last, so a reader
 * (another replica included) never sees half of one; the folder is created when missing.
 */
export async function writeJsonAtomic(file: string, value: unknown, modes: AtomicWriteModes = {}): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, ...(modes.dirMode === undefined ? {} : { mode: modes.dirMode }) });
  const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  await writeFile(temporary, JSON.stringify(value), modes.mode === undefined ? undefined : { mode: modes.mode });
  await rename(temporary, file);
}
