import type { Logger } from 'pino';
import type { Herald } from './compose.js';
import { watchFolder } from './content/watch-folder.js';

/**
 * Keeps the served feeds in step with the disk: post files re-read as they change, images re-read when
 * the static folder changes, and a full rescan every `watch.rescanSeconds` as a safety net for missed
 * events. Returns a stop function. Started before the first load with `loaded` (that load's end), it
 * holds what it sees until then and hands it over at once after: the watches are in place before the
 * load lists the folder, so no file written while it reads is missed.
 */
export function startLiveUpdates(herald: Herald, log: Logger, loaded?: Promise<unknown>): () => void {
  const { watch, paths } = herald.config;
  const { publisher } = herald;
  const failed = (error: unknown) => log.error({ err: error }, 'reload failed');
  // Site mode: the whole site, recursively; a change to _config.yml, _data/ or _includes/ re-reads everything.
  const siteWide = (name: string) => /^(_config\.ya?ml|_data(\/|$)|_includes(\/|$))/.test(name);
  const apply = (change: ReadonlySet<string> | null) =>
    void (change === null || [...change].some(siteWide) ? publisher.reload() : publisher.filesChanged(change)).catch(failed);
  // What was seen before the first load ended (null: a change that names no file, read everything again).
  let held: { posts: Set<string> | null; images: boolean } | undefined = loaded && { posts: new Set(), images: false };
  let stopped = false;
  const stops: (() => void)[] = [];
  // The rescans from the first load's end: one due during it would make the start-up load twice.
  const startRescans = () => {
    if (watch.rescanSeconds <= 0) return;
    const timer = setInterval(() => void publisher.reload().catch(failed), watch.rescanSeconds * 1000);
    timer.unref();
    stops.push(() => clearInterval(timer));
  };
  void loaded?.finally(() => {
    const seen = held!;
    held = undefined;
    // Stopped before the first load ended: what was held is dropped with the watches, and no rescan starts.
    if (stopped) return;
    if (seen.posts === null || seen.posts.size) apply(seen.posts);
    if (seen.images) onImages();
    startRescans();
  });
  const onPosts = (change: ReadonlySet<string> | null) => {
    if (!held) return apply(change);
    if (change === null) held.posts = null;
    else for (const name of change) held.posts?.add(name);
  };
  const onImages = () => {
    if (held) held.images = true;
    else void publisher.imagesChanged().catch(failed);
  };
  // Folders Jekyll reads nothing from (hidden ones such as .git, the built _site, node_modules, in its
  // default exclude) get no watch, so a build or a commit writing there does not re-read the site.
  const skip = (name: string) => name.startsWith('.') || name === '_site' || name === 'node_modules';
  stops.push(
    watchFolder(paths.site ?? paths.posts, onPosts, { debounceMs: watch.debounceMs, recursive: true, skip }),
    watchFolder(paths.static, onImages, { debounceMs: watch.debounceMs, recursive: true, skip }),
  );
  if (!loaded) startRescans();
  return () => {
    stopped = true;
    stops.forEach((stop) => stop());
  };
}
