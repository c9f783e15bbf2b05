import type { JekyllRenderContext, JekyllWarning } from './context.js';
import { JekyllRenderError } from './errors.js';
import { renderKramdown } from './kramdown/markdown.js';
import { renderLiquid } from './liquid/engine.js';

/** A post body as Jekyll would write it, and what Herald could not render as Jekyll does. */
export interface JekyllBody {
  readonly html: string;
  readonly warnings: readonly JekyllWarning[];
}

/**
 * Renders a post body as Jekyll 4 does: Liquid first (with the site, the page, includes and Jekyll's
 * tags and filters), then Markdown as kramdown with GFM input. Bounded in time and size by
 * `context.limits`; throws JekyllRenderError, with the line, where Jekyll would stop the build.
 */
export function renderJekyllBody(source: string, context: JekyllRenderContext): JekyllBody {
  const { output, warnings } = renderLiquid(source, context);
  const html = renderKramdown(output, context.kramdown);
  if (html.length > context.limits.outputChars) throw new JekyllRenderError(`the post's HTML is over ${context.limits.outputChars} characters`);
  return { html, warnings };
}
