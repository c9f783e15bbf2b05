import { isUtf8 } from 'node:buffer';
import { PostError } from './post-error.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A post file's bytes as text, or a PostError saying what they are instead: UTF-16 text, a binary file
 * (NUL bytes, as in images and archives), or bytes that are not UTF-8. A leading byte-order mark is dropped.
 * With `end` (the end of a line), all the bytes are checked and those before `end` decoded.
 */
export function decodeText(bytes: Uint8Array, end = bytes.length): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new PostError('UTF-16 text: save the file as UTF-8');
  }
  if (bytes.includes(0)) throw new PostError('binary file, not text (it contains NUL bytes)');
  if (end < bytes.length && !isUtf8(bytes)) throw new PostError('not UTF-8 text');
  try {
    return utf8.decode(end < bytes.length ? bytes.subarray(0, end) : bytes);
  } catch {
    throw new PostError('not UTF-8 text');
  }
}
