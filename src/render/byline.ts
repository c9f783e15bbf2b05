import type { Author } from '../model/post.js';

/**
 * The authors as one person, for an element that holds one (RSS 2.0 `author` and `dc:creator` as readers
 * read them, JSON Feed 1.0 `author`): the author alone, or a person named by every author's name, in
 * order, with no e-mail or URI, which would be one author's only.
 */
export function byline(authors: readonly Author[]): Author | undefined {
  if (authors.length <= 1) return authors[0];
  return { name: authors.map((who) => who.name).join(', ') };
}
