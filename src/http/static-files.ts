import { realpath } from 'node:fs/promises';
import path from 'node:path';
import express, { type RequestHandler } from 'express';

/**
 * What a static file may do when opened on Herald's origin: show itself, its images, styles, fonts and
 * media, and nothing else. No script runs (`default-src 'none'`, `sandbox`), in HTML and SVG alike
 * (CSP Level 3 §6.1, §6.3.2).
 */
export const STATIC_CSP =
  "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self'; media-src 'self'; sandbox; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * True when `urlPath` names something whose real path (symbolic links resolved) lies inside the static
 * folder's real path and has no dot-named part there: the rule for what the server serves, which the
 * static export follows too.
 */
export async function resolvesInside(root: string, urlPath: string): Promise<boolean> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return false;
  }
  if (decoded.includes('\0')) return false;
  try {
    const [realRoot, real] = await Promise.all([realpath(root), realpath(path.join(root, decoded))]);
    const inside = path.relative(realRoot, real);
    return inside !== '' && !inside.startsWith('..') && !path.isAbsolute(inside) && !inside.split(path.sep).some((part) => part.startsWith('.'));
  } catch {
    return false;
  }
}

/**
 * Serves files from the static folder, only when their real path is inside it (a symbolic link leading
 * out of it is a 404), with `nosniff` and STATIC_CSP on every file sent. Anything else goes to `next`.
 */
export function staticFiles(root: string, maxAgeSeconds: number): RequestHandler {
  const serve = express.static(root, {
    dotfiles: 'ignore',
    index: false,
    redirect: false,
    maxAge: maxAgeSeconds * 1000,
    setHeaders: (res) => {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', STATIC_CSP);
    },
  });
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    resolvesInside(root, req.path).then((inside) => (inside ? serve(req, res, next) : next()), next);
  };
}
