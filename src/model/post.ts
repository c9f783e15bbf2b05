/** A person credited for a post or a feed (RSS author/dc:creator, Atom author, JSON Feed authors). */
export interface Author {
  readonly name: string;
  readonly email?: string;
  readonly uri?: string;
}

/** A category or tag: the name as the publisher wrote it and the URL-safe slug of its feeds. */
export interface Term {
  readonly name: string;
  readonly slug: string;
}

/** A post's lead image, with absolute URL and what is known of the file. */
export interface Image {
  readonly url: string;
  readonly alt?: string;
  /** Absent when neither the file nor its extension tells. */
  readonly mimeType?: string;
  /** Byte length, known only when the file lies in the static folder. */
  readonly length?: number;
}

/** A post's body as feeds show it. */
export interface PostContent {
  /** Sanitised HTML with absolute URLs, free of characters XML 1.0 forbids. */
  readonly html: string;
  /** Plain text by jekyll-feed's rule (description, else excerpt); '' when the post has none. */
  readonly summary: string;
}

/** One post as read from posts/: everything the feeds need, nothing of its Markdown. */
export interface Post {
  /** File name relative to the posts folder, for reports. */
  readonly file: string;
  readonly slug: string;
  /** Absolute IRI, stable across edits of the text. */
  readonly id: string;
  /** Absolute permalink of the post on the site. */
  readonly url: string;
  readonly title: string;
  readonly date: Date;
  /** `last_modified_at` from front matter, when given. */
  readonly modified?: Date;
  readonly published: boolean;
  /** Absent means the site's default author (decided in the build step). Every author of `authors: […]`. */
  readonly authors?: readonly Author[];
  /** jekyll-feed's excerpt_only: the item carries its summary and no content. */
  readonly excerptOnly?: boolean;
  /** The post's language (front matter `lang`); absent: the site's. */
  readonly language?: string;
  readonly categories: readonly Term[];
  readonly tags: readonly Term[];
  /** The body, rendered on first use: a feed page needs only its own items' HTML. */
  readonly content: PostContent;
  readonly image?: Image;
}

/** A post file that could not be read, as reported to operators. */
export interface PostProblem {
  readonly file: string;
  readonly line?: number;
  readonly reason: string;
}
