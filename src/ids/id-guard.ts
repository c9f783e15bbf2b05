import path from 'node:path';
import type { Logger } from 'pino';
import type { Post } from '../model/post.js';
import type { Finding } from '../validate/finding.js';
import { publishedIdsFile, readPublishedIds, writePublishedIds } from './published-ids.js';

/** How many re-issued posts `/status` and the self-validation warning name; the count covers them all. */
export const LISTED = 20;

/** A published post whose item id would change: its file, the id readers have, the id it would get. */
export interface ReissuedId {
  readonly file: string;
  readonly published: string;
  readonly now: string;
}

/** What `/status` says of the id guard: off without a data folder, else what it keeps and what changed. */
export type IdGuardStatus =
  | { readonly guard: 'off'; readonly reason: string }
  | { readonly guard: 'on'; readonly file: string; readonly published: number; readonly reissued: number; readonly posts: readonly ReissuedId[] };

export const GUARD_OFF: IdGuardStatus = { guard: 'off', reason: 'no data folder (paths.data / DATA_DIR): published ids are not kept' };

// A file's name without folder or extension: what stays when a post is moved or renamed .markdown → .md.
const stem = (file: string) => path.basename(file, path.extname(file));

/**
 * Keeps the item ids Herald has published in `<data>/ids/published.json` and compares each new set of
 * visible posts with them: a post (by file, or by file name when it moved) whose id differs is re-issued.
 * New posts are added to the file; removed posts stay in it and raise nothing.
 */
export class IdGuard {
  /** The published ids, read from the file when first needed (13 MB at 100,000 posts). */
  private knownIds: ReadonlyMap<string, string> | undefined;
  private reissued: readonly ReissuedId[] = [];
  private warned = new Set<string>();
  private saving: Promise<void> = Promise.resolve();
  private current: IdGuardStatus | undefined;
  private holding = false;
  /** The posts of the last check put off by `hold`. */
  private held: readonly Post[] | undefined;

  constructor(
    readonly file: string,
    private readonly log: Logger,
  ) {}

  private get known(): ReadonlyMap<string, string> {
    return (this.knownIds ??= readPublishedIds(this.file));
  }

  private set known(ids: ReadonlyMap<string, string>) {
    this.knownIds = ids;
  }

  /**
   * Puts checks off until the returned function is called, the last one's posts kept: a start-up serves
   * its first feed before the file is read and compared. Whoever asks for the verdict meanwhile (`status`,
   * `finding`, `flush`) has the check made first.
   */
  hold(): () => void {
    this.holding = true;
    return () => {
      this.holding = false;
      this.settle();
    };
  }

  private settle(): void {
    const posts = this.held;
    this.held = undefined;
    if (posts) this.compare(posts);
  }

  /** The guard of a data folder. */
  static inDataDir(dataDir: string, log: Logger): IdGuard {
    return new IdGuard(publishedIdsFile(dataDir), log);
  }

  /** Compares `posts` (the visible ones) with the published ids, records the new ones and warns once of re-issued ids. */
  check(posts: readonly Post[]): void {
    if (this.holding) this.held = posts;
    else this.compare(posts);
  }

  private compare(posts: readonly Post[]): void {
    // Most posts are known by their file: the files that went are looked through only when one is not.
    const moved = posts.every((post) => this.known.has(post.file)) ? undefined : this.gone(posts);
    const reissued: ReissuedId[] = [];
    const added = new Map<string, string>();
    for (const post of posts) {
      const candidates = this.known.has(post.file) ? undefined : moved?.get(stem(post.file));
      const published = this.known.get(post.file) ?? (candidates?.length === 1 ? this.known.get(candidates[0]!) : undefined);
      if (published === undefined || published !== post.id) {
        if (published === undefined) added.set(post.file, post.id);
        else reissued.push({ file: post.file, published, now: post.id });
      } else if (!this.known.has(post.file)) added.set(post.file, post.id);
    }
    this.reissued = reissued;
    this.current = undefined;
    this.warnOnce(reissued);
    if (added.size) this.save(added);
  }

  // The known files no post has now, by their stem: where a post that moved or was renamed may have been.
  private gone(posts: readonly Post[]): Map<string, string[]> {
    const current = new Set(posts.map((post) => post.file));
    const moved = new Map<string, string[]>();
    for (const key of this.known.keys()) if (!current.has(key)) moved.set(stem(key), [...(moved.get(stem(key)) ?? []), key]);
    return moved;
  }

  /** Resolves when every write asked for so far has finished (or failed, which is logged). */
  flush(): Promise<void> {
    this.settle();
    return this.saving;
  }

  /** What the guard found at the last check: one object until the next check or save. */
  get status(): IdGuardStatus {
    this.settle();
    return (this.current ??= { guard: 'on', file: this.file, published: this.known.size, reissued: this.reissued.length, posts: this.reissued.slice(0, LISTED) });
  }

  /** The self-validation warning of re-issued ids, when there are any. */
  finding(): Finding | undefined {
    this.settle();
    if (!this.reissued.length) return undefined;
    return { severity: 'warning', rule: 'herald.ids.reissued', message: reissuedMessage(this.reissued) };
  }

  private warnOnce(reissued: readonly ReissuedId[]): void {
    const fresh = reissued.filter((entry) => !this.warned.has(`${entry.file} ${entry.now}`));
    this.warned = new Set(reissued.map((entry) => `${entry.file} ${entry.now}`));
    if (fresh.length) this.log.warn({ file: this.file, reissued: reissued.length, posts: reissued.slice(0, 5) }, reissuedMessage(reissued));
  }

  private save(added: ReadonlyMap<string, string>): void {
    this.known = new Map([...added, ...this.known]);
    this.current = undefined;
    this.saving = this.saving
      .then(() => writePublishedIds(this.file, added))
      .then(() => {
        this.known = new Map([...this.known, ...readPublishedIds(this.file)]);
        this.current = undefined;
      })
      .catch((error: unknown) => this.log.error({ file: this.file, err: error }, 'could not save the published ids'));
  }
}

/** One sentence naming how many published ids would change and the first few, old → new. */
export function reissuedMessage(reissued: readonly ReissuedId[]): string {
  const named = reissued.slice(0, 3).map((entry) => `${entry.file} (${entry.published} → ${entry.now})`);
  const more = reissued.length > named.length ? `, and ${reissued.length - named.length} more` : '';
  return `${reissued.length} published post id(s) would change, so readers would show them again as new: ${named.join(', ')}${more}; pin feeds.idBase, set the posts' id, or delete the entries from the published ids file to accept the new ids`;
}
