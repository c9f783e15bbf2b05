import type { Logger } from 'pino';
import type { Herald } from './compose.js';
import { watchFolder } from './content/watch-folder.js';

/**
 * Keeps the served feeds in step with the disk: post files re-read as they change, images re-read when
 * the static folder changes, and a full rescan every `watch.rescanSeconds` as a safety net for missed
 * events. Returns a stop function.
 */
export function startLiveUpdates(herald: Herald, log: Logger): () => void {
  const { watch, paths } = herald.config;
  const { publisher } = herald;
  const failed = (error: unknown) => log.error({ err: error }, 'reload failed');
  // Site mode: the whole site, recursively; a change to _config.yml, _data/ or _includes/ re-reads everything.
  const siteWide = (name: string) => /^(_config\.ya?ml|_data(\/|$)|_includes(\/|$))/.test(name);
  const onPosts = (change: ReadonlySet<string> | null) =>
    void (change === null || [...change].some(siteWide) ? publisher.reload() : publisher.filesChanged(change)).catch(failed);
  // Folders Jekyll reads nothing from (hidden ones such as .git, the built _site, node_modules, in its
  // default exclude) get no watch, so a build or a commit writing there does not re-read the site.
  const skip = (name: string) => name.startsWith('.') || name === '_site' || name === 'node_modules';
  const stops = [
    watchFolder(paths.site ?? paths.posts, onPosts, { debounceMs: watch.debounceMs, recursive: true, skip }),
    watchFolder(paths.static, () => void publisher.imagesChanged().catch(failed), { debounceMs: watch.debounceMs, recursive: true, skip }),
  ];
  if (watch.rescanSeconds > 0) {
    const timer = setInterval(() => void publisher.reload().catch(failed), watch.rescanSeconds * 1000);
    timer.unref();
    stops.push(() => clearInterval(timer));
  }
  return () => stops.forEach((stop) => stop());
}
