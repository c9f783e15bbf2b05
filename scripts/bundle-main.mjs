// Bundles the server's entry (dist/main.js, with everything it imports, Herald's and its dependencies'
// code) into one file in place, after tsc: Node 20 takes about 390 ms to resolve, read and link the
// ~400 module files one by one, and about 190 ms to load the one bundle (`npm run bench`, start-up).
// The worker threads, the CLI and the libraries loaded on first use (src/content/lazy-modules.ts) stay
// separate files in dist/ and node_modules/.
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/main.js'],
  outfile: 'dist/main.js',
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // CommonJS dependencies call require(): in an ES module it is made from the bundle's own URL.
  banner: { js: "import { createRequire as __heraldCreateRequire } from 'node:module';\nconst require = __heraldCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
