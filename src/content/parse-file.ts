import { createHash } from 'node:crypto';
import type * as nodeFs from 'node:fs';
import { decodeText } from './decode-text.js';
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
export type ReadFs = Pick<typeof nodeFs, 'readFileSync' | 'statSync'>;

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

/** Reads one post file, hashes its bytes and parses them (unless skipped); never throws. */
export function parseFile(job: ParseJob, site: SiteContext, fs: ReadFs): ParseOutcome {
  let hash: string | undefined;
  try {
    const bytes = fs.readFileSync(job.path);
    if (job.settle) {
      const after = fileVersion(fs.statSync(job.path, { bigint: true }));
      if (after !== job.version) return { unsettled: after };
    }
    if (bytes.length > job.maxBytes) throw new PostError(`larger than ${job.maxBytes} bytes (limits.maxPostBytes)`);
    hash = createHash('sha1').update(bytes).digest('hex');
    if (job.skip.includes(hash)) return { hash };
    return { hash, parsed: readPost(job.location, decodeText(bytes), site, job.source) };
  } catch (error) {
    return { ...(hash === undefined ? {} : { hash }), failure: failureOf(error) };
  }
}
