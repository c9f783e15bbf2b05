import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Image } from '../model/post.js';

const BY_EXTENSION: Readonly<Record<string, string>> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
};

/** MIME type from a file's first bytes (magic numbers), or undefined when not a known image format. */
export function sniffImageType(head: Uint8Array): string | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (ascii(1, 4) === 'PNG' && head[0] === 0x89) return 'image/png';
  if (ascii(0, 4) === 'GIF8') return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(4, 8) === 'ftyp' && /^avi[fs]$/.test(ascii(8, 12))) return 'image/avif';
  if (/<svg[\s>]/.test(new TextDecoder().decode(head))) return 'image/svg+xml';
  return undefined;
}

// The site URL parsed, for the last site URL asked: a load resolves every post's image against one.
let lastSite: { readonly siteUrl: string; readonly url: URL } | undefined;

function siteUrlOf(siteUrl: string): URL {
  if (lastSite?.siteUrl !== siteUrl) lastSite = { siteUrl, url: new URL(`${siteUrl}/`) };
  return lastSite.url;
}

/** The file in the static folder that serves `url`, if it lies under the site URL and inside the folder. */
function localFile(url: URL, siteUrl: string, staticDir: string): string | undefined {
  const site = siteUrlOf(siteUrl);
  if (url.origin !== site.origin || !url.pathname.startsWith(site.pathname)) return undefined;
  return fileBelow(url.pathname.slice(site.pathname.length), staticDir);
}

// The file in the static folder at `below` (a URL path below the site's, percent-encoded), if it lies inside the folder.
function fileBelow(below: string, staticDir: string): string | undefined {
  let relative: string;
  try {
    relative = decodeURIComponent(below);
  } catch {
    return undefined;
  }
  const file = path.resolve(staticDir, relative);
  return file.startsWith(staticDir + path.sep) ? file : undefined;
}

/**
 * The names in the static folder's folders, each folder listed once when first asked: for a load that
 * resolves the images of many posts, where most name files the folder does not have (a listing per folder
 * rather than a failed look-up per post). A file added after its folder was listed is not seen: a listing
 * lasts one load.
 */
export class StaticListing {
  readonly #folders = new Map<string, ReadonlySet<string>>();

  /** Whether the folder of `file` had an entry of its name when first listed. */
  has(file: string): boolean {
    const folder = path.dirname(file);
    let names = this.#folders.get(folder);
    if (!names) {
      try {
        names = new Set(readdirSync(folder));
      } catch {
        names = new Set();
      }
      this.#folders.set(folder, names);
    }
    return names.has(path.basename(file));
  }
}

function inspect(file: string, listing: StaticListing | undefined): { length: number; mimeType?: string } | undefined {
  if (listing && !listing.has(file)) return undefined;
  try {
    // Without an exception for a missing file: most posts name images the static folder does not have.
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) return undefined;
    const fd = openSync(file, 'r');
    try {
      const head = new Uint8Array(256);
      const read = readSync(fd, head, 0, head.length, 0);
      return { length: stat.size, mimeType: sniffImageType(head.subarray(0, read)) };
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/**
 * An Image from a front-matter path: absolute URLs stay, root and relative paths resolve against the
 * site URL (Jekyll's convention). A file found in the static folder gives the real type and length.
 */
export function resolveImage(src: string, alt: string | undefined, siteUrl: string, staticDir: string, listing?: StaticListing): Image {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(src) ? src : `${siteUrl}/${src.replace(/^\/+/, '')}`);
  } catch {
    throw new Error('is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`must be an http(s) URL or a path, not ${url.protocol}`);
  return imageAt(url.href, url.pathname, localFile(url, siteUrl, staticDir), alt, listing);
}

/** Whether two resolutions of one image found the same file (type and length): what a look again can change. */
export function sameFile(a: Image, b: Image): boolean {
  return a.length === b.length && a.mimeType === b.mimeType;
}

/**
 * An image resolveImage made, looked at again in the static folder (its file may have come, gone or
 * changed since): what resolveImage gives for its URL, without parsing again a URL under the site's own
 * (a restart restores 100,000 posts' images).
 */
export function resolveAgain(image: Image, siteUrl: string, staticDir: string, listing?: StaticListing): Image {
  const site = siteUrlOf(siteUrl);
  const { url: href, alt } = image;
  // A URL resolveImage made is in its parsed form: under the site's own, and without a query or fragment,
  // the rest of it is the path below the site's path.
  if (!href.startsWith(site.href) || href.includes('?') || href.includes('#')) return resolveImage(href, alt, siteUrl, staticDir, listing);
  const below = href.slice(site.href.length);
  return imageAt(href, site.pathname + below, fileBelow(below, staticDir), alt, listing);
}

// The image at a parsed URL (its href and path) served from `file` of the static folder, if any.
function imageAt(href: string, pathname: string, file: string | undefined, alt: string | undefined, listing: StaticListing | undefined): Image {
  const found = file ? inspect(file, listing) : undefined;
  const mimeType = found?.mimeType ?? BY_EXTENSION[path.extname(pathname).toLowerCase()];
  return {
    url: href,
    ...(alt ? { alt } : {}),
    ...(mimeType ? { mimeType } : {}),
    ...(found ? { length: found.length } : {}),
  };
}
