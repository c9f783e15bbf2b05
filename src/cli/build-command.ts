import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { createHerald } from '../compose.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { exportSite } from '../export/export-site.js';

export const BUILD_USAGE = 'usage: herald build --out DIR   (config from config/herald.yml and the environment, as for the server)';

/** `herald build --out DIR`: the static export. Returns the exit status (0 done, 1 failed, 2 usage or config). */
export async function buildCommand(args: readonly string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  let outDir: string | undefined;
  try {
    outDir = parseArgs({ args: [...args], options: { out: { type: 'string', short: 'o' } }, strict: true }).values.out;
  } catch (error) {
    err.write(`herald build: ${(error as Error).message}\n${BUILD_USAGE}\n`);
    return 2;
  }
  if (!outDir) {
    err.write(`herald build: --out is required\n${BUILD_USAGE}\n`);
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    err.write(`herald build: bad configuration\n${error.message}\n`);
    return 2;
  }
  const herald = createHerald(config, pino({ level: 'silent' }));
  await herald.publisher.reload();
  const { problems, folderProblem } = herald.publisher.contentStatus;
  if (folderProblem) {
    err.write(`herald build: ${folderProblem}\n`);
    return 1;
  }
  for (const problem of problems) err.write(`warning: ${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.reason}\n`);
  const written = await exportSite(herald.store, outDir);
  herald.publisher.stop();
  out.write(`herald build: wrote ${written.length} files to ${outDir} (${herald.store.snapshot.posts.length} posts, ${problems.length} rejected)\n`);
  return 0;
}
