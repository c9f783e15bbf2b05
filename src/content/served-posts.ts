import type { Post, PostProblem } from '../model/post.js';
import type { PostDelta } from '../store/patch-snapshot.js';
import { firstNotBefore } from './sorted-search.js';

/** What one file holds as last read: its post (served or not) and its problem. */
export interface FileEntry {
  readonly post?: Post;
  readonly problem?: PostProblem;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The posts served from the files' entries and the problems reported, kept up to date file by file: a
 * change costs a binary search and a copy per file changed, not a pass over every file. Served are the
 * posts in file-name order, less those whose id an earlier file name already has (each reported).
 */
export class ServedPosts {
  // Served posts, by file name.
  private readonly posts: Post[] = [];
  // The file names holding a post of each id, in order (the first serves it), and each holder's post.
  private readonly holders = new Map<string, string[]>();
  private readonly postOf = new Map<string, Post>();
  private readonly problems = new Map<string, PostProblem>();
  private readonly duplicates = new Map<string, { readonly id: string; readonly problem: PostProblem }>();
  private listed: PostProblem[] | undefined;

  /** The state of `entries` (every file listed, none left out by a limit). */
  constructor(entries: ReadonlyMap<string, FileEntry>) {
    // One pass in name order: a file's name comes after those already holding its id, and the first holder serves it.
    for (const name of [...entries.keys()].sort(byName)) {
      const { post, problem } = entries.get(name) ?? {};
      if (problem) this.problems.set(name, problem);
      if (!post) continue;
      this.postOf.set(name, post);
      const names = this.holders.get(post.id);
      if (names) names.push(name);
      else {
        this.holders.set(post.id, [name]);
        this.posts.push(post);
      }
    }
    // Only an id held twice has anything to report (nothing is reported yet).
    for (const [id, names] of this.holders) if (names.length > 1) this.reportDuplicates(id);
  }

  /** The served posts, in file-name order (a copy). */
  served(): Post[] {
    return this.posts.slice();
  }

  /** The problems: each file's in file-name order, then the duplicate ids in file-name order. */
  reported(): readonly PostProblem[] {
    if (this.listed) return this.listed;
    const duplicates = new Map([...this.duplicates].map(([name, { problem }]) => [name, problem]));
    return (this.listed = [...sortedValues(this.problems), ...sortedValues(duplicates)]);
  }

  /** Applies the files' new entries (undefined: the file is gone); returns the served posts that left and came. */
  apply(changes: ReadonlyArray<readonly [name: string, before: FileEntry | undefined, after: FileEntry | undefined]>): PostDelta {
    const owners = new Map<string, Post | undefined>();
    for (const [, before, after] of changes) {
      for (const post of [before?.post, after?.post]) if (post && !owners.has(post.id)) owners.set(post.id, this.owner(post.id));
    }
    for (const [name, before, after] of changes) this.set(name, before, after);
    const removed: Post[] = [];
    const added: Post[] = [];
    for (const [id, was] of owners) {
      const now = this.owner(id);
      if (now !== was) {
        if (was) removed.push(was) && this.posts.splice(searchPosts(this.posts, was.file), 1);
        if (now) added.push(now) && this.posts.splice(searchPosts(this.posts, now.file), 0, now);
      }
      this.reportDuplicates(id);
    }
    return { removed, added };
  }

  private owner(id: string): Post | undefined {
    const first = this.holders.get(id)?.[0];
    return first === undefined ? undefined : this.postOf.get(first);
  }

  private set(name: string, before: FileEntry | undefined, after: FileEntry | undefined): void {
    if (before?.post) {
      const names = this.holders.get(before.post.id) ?? [];
      const at = names.indexOf(name);
      if (at >= 0) names.splice(at, 1);
      if (!names.length) this.holders.delete(before.post.id);
      this.postOf.delete(name);
    }
    if (after?.post) {
      const names = this.holders.get(after.post.id) ?? [];
      names.splice(searchNames(names, name), 0, name);
      this.holders.set(after.post.id, names);
      this.postOf.set(name, after.post);
    }
    if (after?.problem) this.problems.set(name, after.problem);
    else this.problems.delete(name);
    this.listed = undefined;
  }

  // Two posts with one id would give duplicate guids: every holder after the first is reported.
  private reportDuplicates(id: string): void {
    const names = this.holders.get(id) ?? [];
    for (const [name, duplicate] of this.duplicates) if (duplicate.id === id && !names.includes(name)) this.duplicates.delete(name);
    names.forEach((name, index) => {
      if (index === 0) this.duplicates.delete(name);
      else this.duplicates.set(name, { id, problem: { file: name, reason: `has the same id (${id}) as ${names[0]}; set a distinct id, slug or date` } });
    });
    this.listed = undefined;
  }
}

function sortedValues(problems: ReadonlyMap<string, PostProblem>): PostProblem[] {
  return [...problems.keys()].sort(byName).map((name) => problems.get(name)!);
}

function searchNames(names: readonly string[], name: string): number {
  return firstNotBefore(names, (other) => other < name);
}

function searchPosts(posts: readonly Post[], file: string): number {
  return firstNotBefore(posts, (post) => post.file < file);
}
