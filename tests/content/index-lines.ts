import { expect } from 'vitest';
// The post index's file as tests read and change it: a line of JSON each, a header, the lines that define
// terms and authors (`{"term": …}`, `{"author": …}`), an entry a line (`[name, version, hash, post]`, the
// post naming its terms and authors by number) and a trailer with the count (src/content/post-index.ts).

export interface StoredEntry {
  version: string;
  hash: string;
  post: Record<string, unknown>;
}

export interface StoredIndex {
  format: number;
  key: string;
  /** The lines defining terms and authors, in their order (written here before every entry). */
  definitions: Record<string, unknown>[];
  entries: Record<string, StoredEntry>;
}

export function parseIndex(text: string): StoredIndex {
  const lines = text.split('\n');
  expect(lines.pop()).toBe('');
  const { format, key } = JSON.parse(lines.shift()!) as { format: number; key: string };
  const trailer = JSON.parse(lines.pop()!) as { entries: number };
  const definitions: Record<string, unknown>[] = [];
  const entries: Record<string, StoredEntry> = {};
  for (const line of lines) {
    const value = JSON.parse(line) as [string, string, string, Record<string, unknown>] | Record<string, unknown>;
    if (!Array.isArray(value)) {
      definitions.push(value);
      continue;
    }
    const [name, version, hash, post] = value;
    entries[name] = { version, hash, post };
  }
  expect(trailer.entries).toBe(Object.keys(entries).length);
  return { format, key, definitions, entries };
}

export function indexText(stored: StoredIndex): string {
  const entries = Object.entries(stored.entries).map(([name, { version, hash, post }]) => JSON.stringify([name, version, hash, post]));
  const definitions = stored.definitions.map((line) => JSON.stringify(line));
  return [JSON.stringify({ format: stored.format, key: stored.key }), ...definitions, ...entries, JSON.stringify({ entries: entries.length }), ''].join('\n');
}
