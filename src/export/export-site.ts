import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FeedStore } from '../store/feed-store.js';

/**
 * Writes every feed's first page and archive documents, the HTML index and the OPML list under `outDir`, byte for byte as the
 * server answers them, at the paths it serves them from (slugs decoded, as a static host maps URLs to
 * files). Returns the paths written, relative to `outDir`.
 */
export async function exportSite(store: FeedStore, outDir: string): Promise<string[]> {
  const files = [
    ...store.renderAll().map(({ path: feedPath, rendered }) => ({ path: decodeURIComponent(feedPath), body: rendered.identity.body })),
    ...store.archives().map(({ path: feedPath, render }) => ({ path: decodeURIComponent(feedPath), body: render().identity.body })),
    { path: '/index.html', body: store.document('index').identity.body },
    { path: '/feeds.opml', body: store.document('opml').identity.body },
  ];
  const root = path.resolve(outDir);
  for (const file of files) {
    const target = path.join(root, file.path);
    if (!target.startsWith(root + path.sep)) throw new Error(`refusing to write outside ${root}: ${file.path}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.body);
  }
  return files.map((file) => file.path.slice(1));
}
