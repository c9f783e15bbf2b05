import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where and how a data-folder file is written: its folder is created with `dirMode`, the file with `mode`. */
export interface AtomicWriteModes {
  readonly dirMode?: number;
  readonly mode?: number;
}

// Writes `file` through `write` into a temporary file beside it, renamed over the last once written (and
// removed if writing fails), so a reader (another replica included) never sees half of one; the folder is
// created when missing.
async function atomically(file: string, modes: AtomicWriteModes, write: (temporary: string) => Promise<void>): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, ...(modes.dirMode === undefined ? {} : { mode: modes.dirMode }) });
  const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await write(temporary);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await rename(temporary, file);
}

/** Writes `value` as JSON to `file`, atomically (see `atomically`). */
export async function writeJsonAtomic(file: string, value: unknown, modes: AtomicWriteModes = {}): Promise<void> {
  await atomically(file, modes, (temporary) => writeFile(temporary, JSON.stringify(value), modes.mode === undefined ? undefined : { mode: modes.mode }));
}

/**
 * Writes `lines` (each ended by a newline) to `file` atomically, as `writeJsonAtomic` does, about `chunk`
 * characters at a time with a turn of the event loop between writes: the whole file is never one string.
 */
export async function writeLinesAtomic(file: string, lines: Iterable<string>, chunk: number, modes: AtomicWriteModes = {}): Promise<void> {
  await atomically(file, modes, async (temporary) => {
    const handle = await open(temporary, 'w', modes.mode);
    try {
      let batch: string[] = [];
      let size = 0;
      for (const line of lines) {
        batch.push(line, '\n');
        size += line.length + 1;
        if (size < chunk) continue;
        await handle.writeFile(batch.join(''));
        batch = [];
        size = 0;
      }
      if (batch.length) await handle.writeFile(batch.join(''));
    } finally {
      await handle.close();
    }
  });
}
