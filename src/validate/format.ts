/** The feed formats Herald's validator knows. */
export type FeedFormat = 'rss' | 'atom' | 'json' | 'opml';

/** Options for one validation run. */
export interface ValidateOptions {
  /** The URL the document was served from; the self link must match it. */
  readonly url?: string;
  /** The Content-Type it was served with, if any. */
  readonly contentType?: string;
  /** Skip sniffing and validate as this format. */
  readonly format?: FeedFormat;
}
