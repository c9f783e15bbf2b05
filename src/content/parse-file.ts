import { createHash } from 'node:crypto';
import type * as nodeFs from 'node:fs';
import { decodeText } from './decode-text.js';
import { closesFrontMatter, opensFrontMatter } from './front-matter.js';
import { hasLiquid } from '../jekyll/liquid/marks.js';
import { readPost, type ParsedPost, type PostLocation, type SiteContext } from './parse-post.js';
import { PostError } from './post-error.js';
import { fileVersion } from './read-faults.js';

/** One post file to read and parse, as the library hands it to this thread or a parse worker. */
export interface ParseJob {
  /** The absolute path to read. */
  readonly path: string;
  readonly location: PostLocation;
  /** The file's identity when it was looked at; with `settle`, a read under another identity is unsettled. */
  readonly version: string;
  /** Its size then, in bytes: what the read asks for (and one byte more, to see the end). */
  readonly size: number;
  readonly settle: boolean;
  readonly maxBytes: number;
  /** Hashes whose bytes are not parsed (the last good parse's, a body that failed): the caller decides. */
  readonly skip: readonly string[];
  /**
   * Whether the caller keeps the body (source, summary and page): false when it reads the file again to
   * render it and lists the post as a restored one, so a parse worker sends the post without it (see withoutSource).
   */
  readonly source: boolean;
}

/** An error met reading or parsing, as a worker can send it: a PostError's reason and line, or a system call's code. */
export interface ParseFailure {
  readonly message: string;
  readonly line?: number;
  readonly post: boolean;
  readonly code?: string;
}

/**
 * What a read came to: the file changed while it was read (`unsettled`, its new identity), or its
 * hash with the post, nothing (a hash in `skip`) or the error; an error before the hash has none.
 */
export interface ParseOutcome {
  readonly unsettled?: string;
  readonly hash?: string;
  readonly parsed?: ParsedPost;
  readonly failure?: ParseFailure;
}

/** The file-system calls a read makes. */
export type ReadFs = Pick<typeof nodeFs, 'openSync' | 'readSync' | 'fstatSync' | 'closeSync'>;

// A thread reads its files into one buffer, grown as a file needs (kept up to SCRATCH_KEPT): the bytes are
// hashed and decoded, never kept, so a file costs no allocation of its own and no garbage. At 100,000
// posts that was 670 MB of buffers made and dropped, and a read by path (readFileSync: open, fstat, read,
// close) then a stat by path to see the file did not change; now open, read, fstat and close.
const SCRATCH_KEPT = 1024 * 1024;
let scratch = Buffer.allocUnsafeSlow(64 * 1024);

/** A file's bytes (a view of this thread's buffer, valid until the next read) and, with `settle`, its identity after the read. */
interface FileBytes {
  readonly bytes: Buffer;
  readonly after?: string;
}

// Reads up to `maxBytes` + 1 bytes. A regular file's read comes back short only at its end, so asking
// for a byte more than the size it was looked at with finds that end in one call.
function readBytes(job: ParseJob, fs: ReadFs): FileBytes {
  const fd = fs.openSync(job.path, 'r');
  try {
    let buffer = scratch;
    let length = 0;
    let want = Math.min(job.size, job.maxBytes) + 1;
    for (;;) {
      if (buffer.length < length + want) {
        const grown = Buffer.allocUnsafeSlow(Math.max(length + want, buffer.length * 2));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
        if (grown.length <= SCRATCH_KEPT) scratch = grown;
      }
      const read = fs.readSync(fd, buffer, length, want, null);
      length += read;
      if (read < want || length > job.maxBytes) break;
      // It grew since it was looked at: the rest is read in growing steps.
      want = Math.min(Math.max(length, 16 * 1024), job.maxBytes + 1 - length);
    }
    const bytes = buffer.subarray(0, length);
    return job.settle ? { bytes, after: fileVersion(fs.fstatSync(fd, { bigint: true })) } : { bytes };
  } finally {
    fs.closeSync(fd);
  }
}

/** The error a failure stands for, to be handled as if it had been thrown here. */
export function failureError(failure: ParseFailure): Error {
  if (failure.post) return new PostError(failure.message, failure.line);
  return Object.assign(new Error(failure.message), failure.code === undefined ? {} : { code: failure.code });
}

function failureOf(error: unknown): ParseFailure {
  if (error instanceof PostError) return { message: error.message, post: true, ...(error.line === undefined ? {} : { line: error.line }) };
  const code = (error as NodeJS.ErrnoException).code;
  return { message: (error as Error).message, post: false, ...(typeof code === 'string' ? { code } : {}) };
}

/**
 * The outcome without its body's source, summary and page: what a parse worker sends back for a job whose
 * caller does not keep them (it reads the file again to render the body, and lists the post as one
 * restored from the index). At 100,000 posts of 6.7 kB that is 670 MB less to copy from one heap to
 * another, and as much less garbage on the main thread.
 */
export function withoutSource(outcome: ParseOutcome): ParseOutcome {
  const parsed = outcome.parsed;
  if (!parsed) return outcome;
  const body = { ...parsed.body, source: '', summary: { kind: 'none' as const }, page: {} };
  return { ...outcome, parsed: { ...parsed, body } };
}

const CLOSING_DASHES = Buffer.from('\n---');
const CLOSING_DOTS = Buffer.from('\n...');

// The line of `bytes` that starts at `from`, without its line break, one character a byte: enough for
// front-matter.ts's rules, which look for ASCII only (a line with other bytes is no delimiter either way).
function lineAt(bytes: Buffer, from: number): string {
  const end = bytes.indexOf(0x0a, from);
  return bytes.toString('latin1', from, end < 0 ? bytes.length : end);
}

/**
 * Where the text a parse reads ends: the whole file, or for a post whose body is not kept (`source`
 * false: it is read again to render) and has no Liquid to check, the end of its front matter's closing
 * line (front-matter.ts's rules, tried on the lines that start with `---` or `...`): the rest is checked
 * (UTF-8, no NUL) but not decoded. Most of a post is its body (6.7 of 7 kB in the generated ones), and
 * decoding it was 6-7 % of a parse. A line ending in a lone CR (a line break once read) may close the
 * front matter sooner, still within these bytes.
 */
function textEnd(bytes: Buffer, source: boolean): number {
  const whole = bytes.length;
  if (source || hasLiquid(bytes)) return whole;
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (!opensFrontMatter(lineAt(bytes, start))) return whole;
  for (let from = start; ; ) {
    const dashes = bytes.indexOf(CLOSING_DASHES, from);
    const dots = bytes.indexOf(CLOSING_DOTS, from);
    const at = dashes < 0 ? dots : dots < 0 ? dashes : Math.min(dashes, dots);
    if (at < 0) return whole;
    const line = lineAt(bytes, at + 1);
    if (closesFrontMatter(line)) return at + 1 + line.length;
    from = at + 1;
  }
}

/** Reads one post file, hashes its bytes and parses them (unless skipped); never throws. */
export function parseFile(job: ParseJob, site: SiteContext, fs: ReadFs): ParseOutcome {
  let hash: string | undefined;
  try {
    const { bytes, after } = readBytes(job, fs);
    if (after !== undefined && after !== job.version) return { unsettled: after };
    if (bytes.length > job.maxBytes) throw new PostError(`larger than ${job.maxBytes} bytes (limits.maxPostBytes)`);
    hash = createHash('sha1').update(bytes).digest('hex');
    if (job.skip.includes(hash)) return { hash };
    return { hash, parsed: readPost(job.location, decodeText(bytes, textEnd(bytes, job.source)), site, job.source) };
  } catch (error) {
    return { ...(hash === undefined ? {} : { hash }), failure: failureOf(error) };
  }
}
