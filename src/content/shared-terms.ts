import type { Author, Post, Term } from '../model/post.js';

/**
 * One object for each distinct category, tag and author among a library's posts. Each post parsed (in a
 * worker, its objects cloned) or restored from the index comes with objects of its own for them, where a
 * site has few distinct ones: at 100,000 posts of two categories, four tags and an author each, that is
 * 700,000 objects and their strings held for nothing (README, Large archives). The objects are read-only (the
 * model's types).
 */
export class SharedTerms {
  readonly #terms = new Map<string, Term>();
  readonly #authors = new Map<string, Author>();

  /** The fields of a post to share, in place in an object being made (no copy of the post). */
  fields(post: Pick<Post, 'categories' | 'tags' | 'authors'>): Pick<Post, 'categories' | 'tags'> & { authors?: readonly Author[] } {
    return { categories: this.#termList(post.categories), tags: this.#termList(post.tags), ...(post.authors ? { authors: this.#authorList(post.authors) } : {}) };
  }

  /** The one object for `term` (`term` itself when it is the first). */
  term(term: Term): Term {
    const key = `${term.name}\u0000${term.slug}`;
    let kept = this.#terms.get(key);
    if (!kept) this.#terms.set(key, (kept = term));
    return kept;
  }

  /** The one object for `author` (`author` itself when it is the first). */
  author(author: Author): Author {
    const key = `${author.name}\u0000${author.email ?? '\u0001'}\u0000${author.uri ?? '\u0001'}`;
    let kept = this.#authors.get(key);
    if (!kept) this.#authors.set(key, (kept = author));
    return kept;
  }

  #termList(list: readonly Term[]): readonly Term[] {
    return sameOrShared(list, (term) => this.term(term));
  }

  #authorList(list: readonly Author[]): readonly Author[] {
    return sameOrShared(list, (author) => this.author(author));
  }
}

// `list` when each of its items is the one `share` keeps, else a list of those.
function sameOrShared<T>(list: readonly T[], share: (item: T) => T): readonly T[] {
  let same = true;
  const shared = list.map((item) => {
    const kept = share(item);
    same &&= kept === item;
    return kept;
  });
  return same ? list : shared;
}
