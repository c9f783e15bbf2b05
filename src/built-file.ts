/**
 * The URL of a file of the build, `relative` to dist/: this module is dist/built-file.js when built, or
 * part of dist/main.js when bundled (both in dist/), or src/built-file.ts under vitest or tsx, whose
 * worker threads still run the built JavaScript (`npm test` and `npm start` build first).
 */
export function builtFile(relative: string): URL {
  return new URL(import.meta.url.endsWith('.ts') ? `../dist/${relative}` : `./${relative}`, import.meta.url);
}
