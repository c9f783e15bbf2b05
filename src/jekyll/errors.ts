import { PostError } from '../content/post-error.js';

/** A post whose Liquid or Markdown cannot be rendered: the reason and the line (the caller adds the file). */
export class JekyllRenderError extends PostError {
  override name = 'JekyllRenderError';
}
