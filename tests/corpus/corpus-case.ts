import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** limits.maxPostBytes of the corpus's Herald. */
export const CORPUS_MAX_POST_BYTES = 100_000;

/** What a reader sees of one served item (JSON Feed 1.1), as far as a case cares. */
export interface SeenItem {
  readonly id: string;
  readonly url: string;
  readonly title: string;
  readonly summary: string;
  readonly content_html: string;
  readonly image?: string;
  readonly date_published: string;
  readonly date_modified: string;
  readonly authors: ReadonlyArray<{ name: string; url?: string }>;
  readonly tags?: readonly string[];
}

/** The outcome a case expects: an item (matched against the JSON Feed item), a reported problem, or left out by design. */
export type Outcome =
  | {
      readonly item: Partial<SeenItem> & { readonly title: string };
      /** Strings the item's content_html must contain / must not contain. */
      readonly has?: readonly string[];
      readonly lacks?: readonly string[];
    }
  | { readonly problem: RegExp; readonly line?: number }
  /** Not an item and not a problem, on purpose (a draft, a dot-file): the README documents each. */
  | { readonly omitted: string };

/** One file (or folder entry) of the corpus and what Herald must make of it. */
export interface Case {
  readonly name: string;
  /** File name inside posts/ (a Buffer for a name that is not UTF-8). */
  readonly file: string | Buffer;
  /** The file's bytes; absent when `create` makes the entry. */
  readonly bytes?: string | Uint8Array;
  /** Makes an entry that is not a plain file (a folder, a link); gets the posts folder. */
  readonly create?: (postsDir: string, file: string | Buffer) => void;
  readonly expect: Outcome;
}

/** A post's text: front matter lines (or none when `frontMatter` is undefined) and a body. */
export function post(frontMatter: string | undefined, body = 'Body text.\n'): string {
  return frontMatter === undefined ? body : `---\n${frontMatter}${frontMatter.endsWith('\n') || frontMatter === '' ? '' : '\n'}---\n${body}`;
}

/** The file name of a case dated 2024-03-01 with `slug`, so that every case gets its own id. */
export const dated = (slug: string, ext = 'md') => `2024-03-01-${slug}.${ext}`;

/** Writes every case into `postsDir` (created). */
export function writeCorpus(postsDir: string, cases: readonly Case[]): void {
  mkdirSync(postsDir, { recursive: true });
  for (const entry of cases) {
    if (entry.create) entry.create(postsDir, entry.file);
    else {
      const file = typeof entry.file === 'string' ? path.join(postsDir, entry.file) : Buffer.concat([Buffer.from(`${postsDir}/`), entry.file]);
      writeFileSync(file, entry.bytes ?? '');
    }
  }
}
