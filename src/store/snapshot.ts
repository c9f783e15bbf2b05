import type { Post, Term } from '../model/post.js';

/** The posts of one category or tag, newest first. */
export interface TermPosts {
  readonly term: Term;
  readonly posts: readonly Post[];
}

/** What is visible at one instant: published posts dated up to `now`, newest first, indexed by term. */
export interface Snapshot {
  readonly posts: readonly Post[];
  readonly categories: ReadonlyMap<string, TermPosts>;
  readonly tags: ReadonlyMap<string, TermPosts>;
  /** When the next future-dated post becomes visible, if any. */
  readonly nextReveal?: Date;
}

function newestFirst(a: Post, b: Post): number {
  return b.date.getTime() - a.date.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function index(posts: readonly Post[], termsOf: (post: Post) => readonly Term[]): Map<string, TermPosts> {
  const groups = new Map<string, { term: Term; posts: Post[] }>();
  for (const post of posts) {
    for (const term of termsOf(post)) {
      const group = groups.get(term.slug);
      if (group) group.posts.push(post);
      else groups.set(term.slug, { term, posts: [post] });
    }
  }
  return groups;
}

/** Selects and indexes the posts visible at `now` (drafts and future posts left out). */
export function buildSnapshot(all: readonly Post[], now: Date): Snapshot {
  const published = all.filter((post) => post.published);
  const posts = published.filter((post) => post.date <= now).sort(newestFirst);
  const future = published.filter((post) => post.date > now).map((post) => post.date.getTime());
  return {
    posts,
    categories: index(posts, (post) => post.categories),
    tags: index(posts, (post) => post.tags),
    ...(future.length ? { nextReveal: new Date(Math.min(...future)) } : {}),
  };
}
