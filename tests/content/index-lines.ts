import { expect } from 'vitest';
// The post index's file as tests read and change it: a line of JSON each, a header, an entry a line
// (`[name, version, hash, post]`) and a trailer with the count (src/content/post-index.ts).

export interface StoredEntry {
  version: string;
  hash: string;
  post: Record<string, unknown>;
}

export interface StoredIndex {
  format: number;
  key: string;
  entries: Record<string, StoredEntry>;
}

export function parseIndex(text: string): StoredIndex {
  const lines = text.split('\n');
  expect(lines.pop()).toBe('');
  const { format, key } = JSON.parse(lines.shift()!) as { format: number; key: string };
  const trailer = JSON.parse(lines.pop()!) as { entries: number };
  expect(trailer.entries).toBe(lines.length);
  const entries: Record<string, StoredEntry> = {};
  for (const line of lines) {
    const [name, version, hash, post] = JSON.parse(line) as [string, string, string, Record<string, unknown>];
    entries[name] = { version, hash, post };
  }
  return { format, key, entries };
}

export function indexText(stored: StoredIndex): string {
  const entries = Object.entries(stored.entries).map(([name, { version, hash, post }]) => JSON.stringify([name, version, hash, post]));
  return [JSON.stringify({ format: stored.format, key: stored.key }), ...entries, JSON.stringify({ entries: entries.length }), ''].join('\n');
}
