import { PostError } from './post-error.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A post file's bytes as text, or a PostError saying what they are instead: UTF-16 text, a binary file
 * (NUL bytes, as in images and archives), or bytes that are not UTF-8. A leading byte-order mark is dropped.
 */
export function decodeText(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new PostError('UTF-16 text: save the file as UTF-8');
  }
  if (bytes.includes(0)) throw new PostError('binary file, not text (it contains NUL bytes)');
  try {
    return utf8.decode(bytes);
  } catch {
    throw new PostError('not UTF-8 text');
  }
}
