// A bare node:http server answering one feed's bytes and headers from memory (identity, gzip, 304):
// the ceiling Herald's feed path is compared with. Started by bench.ts as a child process.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

/** One encoding of the feed, as Herald answered it. */
export interface BareVariant {
  readonly etag: string;
  readonly headers200: Record<string, string>;
  readonly headers304: Record<string, string>;
  /** base64 */
  readonly body: string;
}

/** What the bench hands the bare server: Herald's two answers for /feed.xml. */
export interface BareData {
  readonly identity: BareVariant;
  readonly gzip: BareVariant;
}

function matches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function main(): void {
  const file = process.argv[2];
  if (!file || !process.send) throw new Error('usage: started by bench.ts with a data file and an IPC channel');
  const data = JSON.parse(readFileSync(file, 'utf8')) as BareData;
  const variants = [data.identity, data.gzip].map((variant) => ({ ...variant, bytes: Buffer.from(variant.body, 'base64') }));
  const [identity, gzip] = variants as [(typeof variants)[0], (typeof variants)[0]];
  const server = createServer((req, res) => {
    const variant = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') ? gzip : identity;
    const inm = req.headers['if-none-match'];
    if (inm !== undefined && matches(inm, variant.etag)) {
      res.writeHead(304, variant.headers304).end();
      return;
    }
    res.writeHead(200, variant.headers200).end(req.method === 'HEAD' ? undefined : variant.bytes);
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)).closeAllConnections());
  process.on('disconnect', () => process.exit(0));
}

main();
