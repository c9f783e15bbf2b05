import { JEKYLL_KRAMDOWN, type KramdownOptions } from './options.js';

/** What one kramdown document carries through markdown-it's rules (markdown-it's `env`). */
export interface KramdownEnv {
  /** The options in force: the site's, changed by the document's `{::options /}`. */
  options: KramdownOptions;
  /** How deep Markdown nests inside `markdown="1"` HTML; bounded. */
  htmlDepth?: number;
}

/** The options in force for the document being rendered. */
export function documentOptions(env: unknown): KramdownOptions {
  return (env as Partial<KramdownEnv> | undefined)?.options ?? JEKYLL_KRAMDOWN;
}

/** Replaces options for the rest of the document, as `{::options key="value" /}` does. */
export function setDocumentOptions(env: unknown, options: KramdownOptions): void {
  (env as KramdownEnv).options = options;
}
