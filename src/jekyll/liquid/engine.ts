import { Liquid, LiquidError } from 'liquidjs';
import type { JekyllRenderContext, JekyllWarning } from '../context.js';
import { JekyllRenderError } from '../errors.js';
import { arrayFilters } from './filters-array.js';
import { dateFilters } from './filters-date.js';
import { textFilters } from './filters-text.js';
import { urlFilters } from './filters-url.js';
import { REGISTERS, type JekyllRegisters } from './registers.js';
import { pageObject, siteObject } from './scope.js';
import { HighlightTag } from './tag-highlight.js';
import { IncludeRelativeTag, IncludeTag } from './tag-include.js';
import { LinkTag, PostUrlTag } from './tag-links.js';
import { hasLiquid } from './marks.js';
import { registerUnknownTags, UnknownTag } from './tag-unknown.js';
import { useFastTextTokens } from './text-tokens.js';

// Liquid as Jekyll 4 runs it over a post (liquidjs, with Jekyll's tags and filters): undefined
// variables and filters are empty and skipped, as Jekyll's default `liquid` settings say.

function createEngine(): Liquid {
  useFastTextTokens();
  const liquid = new Liquid({ strictFilters: false, strictVariables: false, ownPropertyOnly: true, cache: false });
  liquid.registerTag('include', IncludeTag);
  liquid.registerTag('include_relative', IncludeRelativeTag);
  liquid.registerTag('highlight', HighlightTag);
  liquid.registerTag('link', LinkTag);
  liquid.registerTag('post_url', PostUrlTag);
  // Ruby Liquid under Jekyll has no `layout` or `block`, and `render` cannot read files there.
  for (const name of ['render', 'layout', 'block']) liquid.registerTag(name, UnknownTag);
  for (const [name, filter] of Object.entries({ ...urlFilters, ...dateFilters, ...textFilters, ...arrayFilters })) {
    liquid.registerFilter(name, filter as (...args: unknown[]) => unknown);
  }
  return liquid;
}

let engine: Liquid | undefined;

/** What Liquid made of a post: its text, and what Herald rendered differently from Jekyll. */
export interface LiquidResult {
  readonly output: string;
  readonly warnings: readonly JekyllWarning[];
}

function innermost(error: unknown): { reason: string; line?: number } {
  let outer: LiquidError | undefined;
  let current: unknown = error;
  while (current instanceof LiquidError) {
    if (!current.token.file) outer = current;
    const next: unknown = current.originalError;
    if (!(next instanceof Error)) break;
    current = next;
  }
  const line = outer?.token.getPosition()[0];
  const base = current instanceof Error ? current.message : String(current);
  const reason = base.replace(/, line:\d+, col:\d+[\s\S]*$/, '').replace(/^tag "?([\w-]+)"? not found$/, "unknown tag '$1'");
  return line === undefined ? { reason } : { reason, line };
}

function fail(error: unknown): never {
  if (error instanceof JekyllRenderError) throw error;
  if (!(error instanceof LiquidError)) throw error;
  const { reason, line } = innermost(error);
  throw new JekyllRenderError(`Liquid: ${reason}`, line);
}

/** Parses a post's Liquid without running it; throws JekyllRenderError (with the line) where Jekyll's parse fails. */
export function checkLiquid(source: string): void {
  if (!hasLiquid(source)) return;
  const liquid = (engine ??= createEngine());
  try {
    registerUnknownTags(liquid, source);
    liquid.parse(source);
  } catch (error) {
    fail(error);
  }
}

/** Runs a post's Liquid as Jekyll would; throws JekyllRenderError (with the line) when Jekyll would fail. */
export function renderLiquid(source: string, context: JekyllRenderContext): LiquidResult {
  const liquid = (engine ??= createEngine());
  const { limits } = context;
  if (source.length > limits.templateChars) throw new JekyllRenderError(`the post is over ${limits.templateChars} characters of Liquid`);
  if (!hasLiquid(source)) return { output: source, warnings: [] };
  const regs: JekyllRegisters = { context, warnings: [], includeStack: [], templateChars: source.length };
  let output: string;
  try {
    registerUnknownTags(liquid, source);
    const templates = liquid.parse(source);
    const scope = { site: siteObject(context.site), page: pageObject(context), [REGISTERS]: regs };
    output = String(liquid.renderSync(templates, scope, { renderLimit: limits.renderMs, memoryLimit: limits.outputChars * 8 }));
  } catch (error) {
    fail(error);
  }
  if (output.length > limits.outputChars) throw new JekyllRenderError(`Liquid made more than ${limits.outputChars} characters of text`);
  return { output, warnings: regs.warnings };
}
