import { mkdir, readdir, readFile, lstat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { aliasPath } from '../address/aliases.js';
import type { UrlScheme } from '../address/url-scheme.js';
import { DOCUMENT_SPECS, POST_PAGE, type DocumentKind, type ViewSpec } from '../address/views.js';
import type { FeedStore } from '../store/feed-store.js';

/**
 * Writes every exported view (the registry's `exported`) of every feed's first page, its later pages when
 * the scheme spells them as paths (`urls.pages: path`; a static host cannot serve `?page=N`), and its
 * archive documents, the HTML index, the OPML list, each post page at its permalink (`index.html` in a
 * folder for a permalink ending in `/`) when the registry exports post pages, each alias (`urls.aliases`,
 * once per term), and the files of `staticDir` (images, icon, logo; dot-named parts and symbolic links
 * skipped; Herald's own documents win over a static file at the same path, as on the server) under `outDir`, byte for byte as the server answers them, at the paths it serves them from
 * (slugs decoded, as a static host maps URLs to files). Returns the paths written, relative to `outDir`.
 */
export async function exportSite(store: FeedStore, scheme: UrlScheme, outDir: string, staticDir?: string): Promise<string[]> {
  const exported = (spec: ViewSpec) => spec.exported;
  const documents = (Object.keys(DOCUMENT_SPECS) as DocumentKind[]).map((kind) => ({
    path: `/${DOCUMENT_SPECS[kind].file}`,
    body: () => store.document(kind).identity.body,
  }));
  const files = [
    ...(staticDir ? await staticFiles(staticDir) : []),
    ...[...store.feeds(exported), ...(scheme.settings.pages === 'path' ? store.pages(exported) : []), ...store.archives(exported)].map((feed) => ({
      path: decodeURIComponent(feed.path),
      body: () => feed.render().identity.body,
    })),
    ...documents,
    ...(POST_PAGE.exported ? store.postPages() : []).map((page) => ({
      path: decodeURIComponent(page.address.path.endsWith('/') ? `${page.address.path}index.html` : page.address.path),
      body: () => page.render().identity.body,
    })),
    ...aliasFiles(store, scheme),
  ];
  const byPath = new Map(files.map((file) => [file.path, file]));
  const root = path.resolve(outDir);
  for (const file of byPath.values()) {
    const target = path.join(root, file.path);
    if (!target.startsWith(root + path.sep)) throw new Error(`refusing to write outside ${root}: ${file.path}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, await file.body());
  }
  return [...byPath.keys()].map((file) => file.slice(1));
}

// Each alias at the path it gives for every term of its kind (the term's name, as jekyll-feed writes it)
// that it serves, with what is served there (an alias of its own is a document of its own).
function aliasFiles(store: FeedStore, scheme: UrlScheme): Array<{ path: string; body: () => Buffer }> {
  const none = new URLSearchParams();
  return scheme.aliasList.flatMap((alias) => {
    const terms = alias.placeholder === undefined ? [undefined] : [...(alias.placeholder === 'category' ? store.snapshot.categories : store.snapshot.tags).values()].map(({ term }) => term.name);
    return terms.flatMap((name) => {
      const urlPath = aliasPath(alias, name);
      const address = scheme.parseAddress(urlPath, none);
      return address ? [{ path: decodeURIComponent(urlPath), body: () => store.get(address).identity.body }] : [];
    });
  });
}

// The files under the static folder, as the server serves them (none when there is no such folder).
async function staticFiles(dir: string): Promise<Array<{ path: string; body: () => Promise<Buffer> }>> {
  let names: string[];
  try {
    names = await readdir(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files = [];
  for (const name of names.sort()) {
    if (name.split(path.sep).some((part) => part.startsWith('.'))) continue;
    const full = path.join(dir, name);
    if (!(await lstat(full)).isFile()) continue;
    files.push({ path: `/${name.split(path.sep).join('/')}`, body: () => readFile(full) });
  }
  return files;
}

