import { PostError } from '../content/front-matter.js';

/** A post whose Liquid or Markdown cannot be rendered: the reason and the line (the caller adds the file). */
export class JekyllRenderError extends PostError {
  override name = 'JekyllRenderError';
}
