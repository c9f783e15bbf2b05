import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { createHerald } from '../compose.js';
import type { Config } from '../config/config.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { ExportError, exportSite } from '../export/export-site.js';
import { UsageError, type CliIo, type Command } from './usage-error.js';

const HELP = `usage: herald build --out DIR

Writes every feed (site, categories, tags, authors; RSS, Atom, JSON Feed and its HTML page), its pages
and archives, the HTML index, feeds.opml, every post page, the configured aliases and the static folder
to DIR, byte-identical to what the server serves with urls.pages: path (pages after the first at
.../page/N/<file>, which a static host can serve). Configuration comes from config/herald.yml (or HERALD_CONFIG)
and the environment, as for the server. DIR is replaced whole: the files are written into a temporary
folder beside it that is then renamed into its place, so a failed build leaves DIR as it was (DIR cannot
be a mount point). Sends no WebSub pings. Exit status: 0 written, 1 the posts folder could not be read or
a file could not be written (named in the message), 2 usage or configuration error.`;

// A static host serves files by path and ignores a query: pages after the first get paths of their own.
function staticHost(config: Config): Config {
  return Object.freeze({ ...config, urls: Object.freeze({ ...config.urls, pages: 'path' as const }) });
}

/** `herald build --out DIR`: the static export for hosts without Node. */
export const buildCommand: Command = {
  summary: 'write every feed, the index and the OPML list to a folder (static export)',
  async run(args: readonly string[], io: CliIo): Promise<number> {
    let values;
    try {
      values = parseArgs({ args: [...args], options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } }, strict: true }).values;
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    if (!values.out) throw new UsageError('build needs --out DIR');
    let config;
    try {
      config = staticHost(loadConfig());
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.err(`herald build: bad configuration\n${error.message}`);
      return 2;
    }
    const herald = createHerald(config, pino({ level: 'silent' }));
    await herald.publisher.reload();
    // With a data folder, the index of this load is written now (a server writes it a little later).
    await herald.publisher.flushIndex();
    herald.publisher.stop();
    const { problems, folderProblem } = herald.publisher.contentStatus;
    if (folderProblem) {
      io.err(`herald build: ${folderProblem}`);
      return 1;
    }
    for (const problem of problems) io.err(`warning: ${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.reason}`);
    let written;
    try {
      written = await exportSite(herald.store, herald.scheme, values.out, config.paths.static);
    } catch (error) {
      if (!(error instanceof ExportError)) throw error;
      io.err(`herald build: ${error.message}; ${values.out} was left as it was`);
      return 1;
    }
    io.out(`herald build: wrote ${written.length} files to ${values.out} (${herald.store.snapshot.posts.length} posts, ${problems.length} rejected)`);
    return 0;
  },
};
