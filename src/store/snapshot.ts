import type { TermKind } from '../address/address.js';
import { slugify } from '../content/slug.js';
import type { Author, Post, Term } from '../model/post.js';
import { newestUpdate } from '../feed/build-feed.js';
import { smallest } from '../extremes.js';
import { firstNotBefore } from '../content/sorted-search.js';

/** The posts of one category, tag or author, newest first, and the newest updated date among them. */
export interface TermPosts {
  readonly term: Term;
  readonly posts: readonly Post[];
  readonly updated: Date;
}

/** What is visible at one instant: published posts dated up to `now`, newest first, indexed by term. */
export interface Snapshot {
  readonly posts: readonly Post[];
  /** The newest updated date among `posts` (the site feed's `updated`; the epoch for none). */
  readonly updated: Date;
  readonly categories: ReadonlyMap<string, TermPosts>;
  readonly tags: ReadonlyMap<string, TermPosts>;
  /** Everyone credited for a post (a post without an author counts for the site's), by the slug of the name. */
  readonly authors: ReadonlyMap<string, TermPosts>;
  /** When the next future-dated post becomes visible, if any. */
  readonly nextReveal?: Date;
  /**
   * Every document's Last-Modified (RFC 9110 §8.8.2): the newest of the files' modification times and of
   * the visible posts' dates and `last_modified_at`, never later than `now` (§8.8.2.1). A function of the
   * files and the posts they hold, so replicas on the same files agree.
   */
  readonly modified: Date;
}

/** The order of a snapshot's posts: newest first, then by id (unique among served posts). */
export function newestFirst(a: Post, b: Post): number {
  return b.date.getTime() - a.date.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The first `count` of the posts `keep` keeps, in newestFirst order: one pass that keeps the newest so far,
 * not a sort of them all (a guess at a feed's first page among 100,000 posts).
 */
export function newestOf(posts: Iterable<Post>, count: number, keep: (post: Post) => boolean): Post[] {
  const found: Post[] = [];
  if (count < 1) return found;
  for (const post of posts) {
    if (found.length === count && newestFirst(post, found[count - 1]!) >= 0) continue;
    if (!keep(post)) continue;
    found.splice(firstNotBefore(found, (other) => newestFirst(other, post) < 0), 0, post);
    if (found.length > count) found.pop();
  }
  return found;
}

/** The terms a post is indexed under, of one kind. */
export type TermsOf = (post: Post) => readonly Term[];

// A term index in the order of each term's newest post (then of the terms within it), as one pass over
// the posts newest first makes it.
function index(posts: readonly Post[], termsOf: TermsOf): Map<string, TermPosts> {
  const groups = new Map<string, { term: Term; posts: Post[]; updated: Date }>();
  for (const post of posts) {
    for (const term of termsOf(post)) {
      const group = groups.get(term.slug);
      if (group) group.posts.push(post);
      else groups.set(term.slug, { term, posts: [post], updated: EPOCH });
    }
  }
  for (const group of groups.values()) group.updated = newestUpdate(group.posts);
  return groups;
}

const EPOCH = new Date(0);

/** The index of one term kind: categories, tags or authors. */
export function termIndex(snapshot: Snapshot, kind: TermKind): ReadonlyMap<string, TermPosts> {
  return kind === 'category' ? snapshot.categories : kind === 'tag' ? snapshot.tags : snapshot.authors;
}

// Each author's term, made once: a load's posts share their author objects, and a snapshot of 100,000
// posts slugged each post's author again (null: an unnamed author, who has no feed).
const termOfAuthor = new WeakMap<Author, Term | null>();

function authorTerm(who: Author): Term | null {
  let term = termOfAuthor.get(who);
  if (term === undefined) termOfAuthor.set(who, (term = who.name.trim() ? { name: who.name, slug: slugify(who.name) } : null));
  return term;
}

// An author as a term: the name, and the slug of the name (an unnamed author has no feed).
export function authorTerms(post: Post, siteAuthor: Author | undefined): Term[] {
  const terms: Term[] = [];
  for (const who of post.authors ?? (siteAuthor ? [siteAuthor] : [])) {
    const term = authorTerm(who);
    if (term) terms.push(term);
  }
  return terms;
}

/**
 * Selects and indexes the posts visible at `now` (drafts left out, and future posts unless `showFuture`:
 * Jekyll's `future: true`); a post without
 * an author is indexed under `siteAuthor`, as the feeds credit it. `filesModified` is the newest
 * modification time of the files the posts were read from (LoadResult.modified).
 */
export function buildSnapshot(all: readonly Post[], now: Date, siteAuthor?: Author, filesModified = new Date(0), showFuture = false): Snapshot {
  const published = all.filter((post) => post.published);
  const nowTime = now.getTime();
  const posts = (showFuture ? published : published.filter((post) => post.date.getTime() <= nowTime)).sort(newestFirst);
  const future = showFuture ? [] : published.filter((post) => post.date.getTime() > nowTime).map((post) => post.date.getTime());
  const updated = newestUpdate(posts);
  const newest = Math.max(filesModified.getTime(), updated.getTime());
  return {
    modified: new Date(Math.min(newest, now.getTime())),
    posts,
    updated,
    categories: index(posts, (post) => post.categories),
    tags: index(posts, (post) => post.tags),
    authors: index(posts, (post) => authorTerms(post, siteAuthor)),
    ...(future.length ? { nextReveal: new Date(smallest(future)) } : {}),
  };
}
