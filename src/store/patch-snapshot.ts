import type { TermKind } from '../address/address.js';
import type { Author, Post } from '../model/post.js';
import { authorTerms, newestFirst, termIndex, type Snapshot, type TermPosts, type TermsOf } from './snapshot.js';
import { firstNotBefore } from '../content/sorted-search.js';
import { isUpdatedLater, updatedOf } from '../feed/build-feed.js';

/** The served posts that left and came in between two reads (an edited post is in both, old and new). */
export interface PostDelta {
  readonly removed: readonly Post[];
  readonly added: readonly Post[];
}

/** What a snapshot is patched with: the same arguments buildSnapshot takes, the posts as a delta. */
export interface PatchInputs {
  readonly delta: PostDelta;
  readonly now: Date;
  readonly siteAuthor: Author | undefined;
  readonly filesModified: Date;
  readonly showFuture: boolean;
  /** The future posts' dates of `previous` (ms, ascending): what patchSnapshot returned with it. */
  readonly future: readonly number[];
}

/**
 * `previous` with the delta applied: the same snapshot buildSnapshot makes of the posts after the change,
 * at the cost of the posts changed (binary searches and copies of the lists they are in), not of every
 * post. Undefined when it cannot be patched (a future post became visible since `previous`, or a removed
 * post is not where `previous` has it): build it whole then. Returns the future dates with it.
 */
export function patchSnapshot(previous: Snapshot, inputs: PatchInputs): { snapshot: Snapshot; future: number[] } | undefined {
  const { delta, now, showFuture } = inputs;
  if (previous.nextReveal && previous.nextReveal <= now) return undefined;
  const visible = (post: Post) => post.published && (showFuture || post.date.getTime() <= now.getTime());
  const removed = delta.removed.filter(visible);
  const added = delta.added.filter(visible);
  const posts = previous.posts.slice();
  for (const post of removed) if (!remove(posts, post)) return undefined;
  for (const post of added) insert(posts, post);
  const future = inputs.future.slice();
  for (const post of delta.removed) if (post.published && !visible(post) && !removeNumber(future, post.date.getTime())) return undefined;
  for (const post of delta.added) if (post.published && !visible(post)) insertNumber(future, post.date.getTime());
  const updated = patchedNewest(previous.posts, posts, removed, added);
  const terms = (kind: TermKind, termsOf: TermsOf) => patchIndex(termIndex(previous, kind), termsOf, removed, added);
  const categories = terms('category', (post) => post.categories);
  const tags = terms('tag', (post) => post.tags);
  const authors = terms('author', (post) => authorTerms(post, inputs.siteAuthor));
  if (!categories || !tags || !authors) return undefined;
  const newest = Math.max(inputs.filesModified.getTime(), updated.getTime());
  const snapshot: Snapshot = {
    modified: new Date(Math.min(newest, now.getTime())),
    posts,
    updated,
    categories,
    tags,
    authors,
    ...(future.length ? { nextReveal: new Date(future[0]!) } : {}),
  };
  return { snapshot, future };
}

/** The future posts' dates (ms, ascending) of a list of posts, as `patchSnapshot` keeps them. */
export function futureDates(all: readonly Post[], now: Date, showFuture: boolean): number[] {
  if (showFuture) return [];
  return all.filter((post) => post.published && post.date > now).map((post) => post.date.getTime()).sort((a, b) => a - b);
}

// The index with the groups of the changed posts' terms made again; the order is that of each term's
// newest post (then of the terms within it), as buildSnapshot's one pass makes it.
function patchIndex(previous: ReadonlyMap<string, TermPosts>, termsOf: TermsOf, removed: readonly Post[], added: readonly Post[]): Map<string, TermPosts> | undefined {
  const changes = new Map<string, { posts: Post[]; removed: Post[]; added: Post[] }>();
  const change = (slug: string) => {
    let found = changes.get(slug);
    if (!found) changes.set(slug, (found = { posts: previous.get(slug)?.posts.slice() ?? [], removed: [], added: [] }));
    return found;
  };
  // A post naming one term twice (two authors of one name) is in its group twice, as in buildSnapshot.
  for (const post of removed) {
    for (const slug of new Set(termsOf(post).map((term) => term.slug))) {
      const { posts, removed: out } = change(slug);
      if (!remove(posts, post)) return undefined;
      out.push(post);
    }
  }
  for (const post of added) {
    for (const term of termsOf(post)) {
      const { posts, added: into } = change(term.slug);
      insert(posts, post);
      into.push(post);
    }
  }
  if (!changes.size) return new Map(previous);
  const order = [...previous.keys()].filter((slug) => !changes.has(slug));
  const index = new Map<string, TermPosts>(order.map((slug) => [slug, previous.get(slug)!]));
  for (const [slug, { posts, removed: out, added: into }] of changes) {
    if (!posts.length) continue;
    const before = previous.get(slug);
    const term = termsOf(posts[0]!).find((candidate) => candidate.slug === slug)!;
    index.set(slug, { term, posts, updated: patchedNewest(before?.posts ?? [], posts, out, into) });
  }
  const headOf = (slug: string) => index.get(slug)!.posts[0]!;
  const placeOf = (slug: string) => termsOf(headOf(slug)).findIndex((term) => term.slug === slug);
  const comesBefore = (a: string, b: string) => (newestFirst(headOf(a), headOf(b)) || placeOf(a) - placeOf(b)) < 0;
  for (const slug of changes.keys()) {
    if (!changes.get(slug)!.posts.length) continue;
    order.splice(firstNotBefore(order, (other) => comesBefore(other, slug)), 0, slug);
  }
  return new Map(order.map((slug) => [slug, index.get(slug)!]));
}

// The posts of a list whose `last_modified_at` is after their date, newest update first: with the
// list's first date, what its newest update is. Made once per list, then patched with it.
const laterUpdates = new WeakMap<readonly Post[], Post[]>();

function updatedLater(posts: readonly Post[]): Post[] {
  let later = laterUpdates.get(posts);
  if (!later) laterUpdates.set(posts, (later = posts.filter(isUpdatedLater).sort(newestUpdateFirst)));
  return later;
}

function newestUpdateFirst(a: Post, b: Post): number {
  return updatedOf(b).getTime() - updatedOf(a).getTime() || newestFirst(a, b);
}

// The newest updated date of `posts` (the epoch for none), which were `before` until `removed` left and
// `added` came: the first post's date or the newest later update, whichever is newer.
function patchedNewest(before: readonly Post[], posts: readonly Post[], removed: readonly Post[], added: readonly Post[]): Date {
  const later = updatedLater(before).slice();
  for (const post of removed) {
    if (!isUpdatedLater(post)) continue;
    const at = searchBy(later, post, newestUpdateFirst);
    while (later[at] === post) later.splice(at, 1);
  }
  for (const post of added) if (isUpdatedLater(post)) later.splice(searchBy(later, post, newestUpdateFirst), 0, post);
  laterUpdates.set(posts, later);
  const first = posts[0]?.date ?? EPOCH;
  const newest = later[0] && updatedOf(later[0]);
  return newest && newest > first ? newest : first;
}

const EPOCH = new Date(0);

// The first position whose post does not come before `post` in newestFirst order.
function position(posts: readonly Post[], post: Post): number {
  return searchBy(posts, post, newestFirst);
}

function searchBy(posts: readonly Post[], post: Post, order: (a: Post, b: Post) => number): number {
  return firstNotBefore(posts, (other) => order(other, post) < 0);
}

function insert(posts: Post[], post: Post): void {
  posts.splice(position(posts, post), 0, post);
}

// Removes `post` (every time it is there, as a post may name one term twice); false when it is not there.
function remove(posts: Post[], post: Post): boolean {
  const at = position(posts, post);
  let end = at;
  while (posts[end] === post) end++;
  if (end === at) return false;
  posts.splice(at, end - at);
  return true;
}

function insertNumber(values: number[], value: number): void {
  values.splice(firstNotBefore(values, (other) => other < value), 0, value);
}

function removeNumber(values: number[], value: number): boolean {
  const at = values.indexOf(value);
  if (at < 0) return false;
  values.splice(at, 1);
  return true;
}
