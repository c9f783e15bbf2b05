import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { aliasPath } from '../address/aliases.js';
import type { UrlScheme } from '../address/url-scheme.js';
import { DOCUMENT_SPECS, POST_PAGE, type DocumentKind, type ViewSpec } from '../address/views.js';
import type { FeedStore } from '../store/feed-store.js';
import { resolvesInside } from '../http/static-files.js';

/** A file of the export that could not be written: which one (relative to the export) and why. */
export class ExportError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`cannot write ${file}: ${reason}`);
  }
}

/** How the export writes a file; tests replace it to fail a write. */
export type WriteFile = (target: string, body: Buffer) => Promise<void>;

/**
 * Writes every exported view (the registry's `exported`) of every feed's first page, its later pages when
 * the scheme spells them as paths (`urls.pages: path`; a static host cannot serve `?page=N`), and its
 * archive documents, the HTML index, the OPML list, each post page at its permalink (`index.html` in a
 * folder for a permalink ending in `/`) when the registry exports post pages, each alias (`urls.aliases`,
 * once per term), and the files of `staticDir` that the server serves (images, icon, logo; no dot-named
 * part, symbolic links only when they resolve inside the folder, a link to a folder above itself not
 * followed; Herald's own documents win over a static file at the same path, as on the server) under
 * `outDir`, byte for byte as the server answers them, at the paths it serves them from (slugs decoded, as
 * a static host maps URLs to files). Returns the paths written, relative to `outDir`.
 * Everything is written into a temporary folder beside `outDir` that then replaces it whole (renames), so a
 * failed export leaves the previous one as it was and no temporary folder behind; the failure is an
 * `ExportError` naming the file.
 */
export async function exportSite(store: FeedStore, scheme: UrlScheme, outDir: string, staticDir?: string, write: WriteFile = writeFile): Promise<string[]> {
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
  const out = path.resolve(outDir);
  await mkdir(path.dirname(out), { recursive: true });
  // Beside `out`, so the swap is a rename within one file system; made by mkdir (the umask's mode, as a
  // new export folder always had) rather than mkdtemp, whose 0700 a web server of another user cannot read.
  const temp = path.join(path.dirname(out), `.${path.basename(out)}.new-${randomBytes(6).toString('hex')}`);
  await mkdir(temp);
  try {
    for (const file of byPath.values()) {
      const target = path.join(temp, file.path);
      if (!target.startsWith(temp + path.sep)) throw new ExportError(file.path.slice(1), `outside ${out}`);
      try {
        await mkdir(path.dirname(target), { recursive: true });
        await write(target, await file.body());
      } catch (error) {
        throw new ExportError(file.path.slice(1), (error as Error).message);
      }
    }
    await swapIn(temp, out);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  return [...byPath.keys()].map((file) => file.slice(1));
}

// Puts `temp` in the place of `out`: the old export is moved aside first (a folder cannot be renamed over
// one that has files) and removed once the new one is in place, or moved back if that fails. Between the
// two renames `out` is missing for an instant: Node has no atomic exchange of two folders.
async function swapIn(temp: string, out: string): Promise<void> {
  const existing = await stat(out).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new ExportError(path.basename(out), 'exists and is not a folder');
  if (!existing) return rename(temp, out);
  await chmod(temp, existing.mode & 0o7777);
  const old = `${temp}.old`;
  // A mount point (a container volume, say) cannot be renamed: export to a folder inside it instead.
  await rename(out, old).catch((error: Error) => {
    throw new ExportError(path.basename(out), `cannot move the old export aside (a mount point cannot be replaced; export into a folder inside it): ${error.message}`);
  });
  try {
    await rename(temp, out);
  } catch (error) {
    await rename(old, out);
    throw new ExportError(path.basename(out), `cannot swap in the new export: ${(error as Error).message}`);
  }
  // The new export is in place; an old copy that cannot be removed is only litter beside it.
  await rm(old, { recursive: true, force: true }).catch(() => {});
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

// The files under the static folder that the server serves, at the URL paths it serves them from: no
// dot-named part in the path, and a symbolic link only when it resolves inside the folder. A linked folder
// is walked under each path that reaches it, except inside itself: a cycle (a link to a folder above it)
// would give endless paths, and is not followed. None when there is no such folder.
async function staticFiles(dir: string): Promise<Array<{ path: string; body: () => Promise<Buffer> }>> {
  const files: Array<{ path: string; body: () => Promise<Buffer> }> = [];
  const walk = async (urlPath: string, above: ReadonlySet<string>): Promise<void> => {
    const folder = path.join(dir, urlPath);
    const real = await realpath(folder);
    if (above.has(real)) return;
    const within = new Set(above).add(real);
    for (const name of (await readdir(folder)).sort()) {
      if (name.startsWith('.')) continue;
      const childPath = `${urlPath}/${name}`;
      if (!(await resolvesInside(dir, childPath.split('/').map(encodeURIComponent).join('/')))) continue;
      const found = await stat(path.join(dir, childPath));
      if (found.isDirectory()) await walk(childPath, within);
      else if (found.isFile()) files.push({ path: childPath, body: () => readFile(path.join(dir, childPath)) });
    }
  };
  try {
    await realpath(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  await walk('', new Set());
  return files;
}

