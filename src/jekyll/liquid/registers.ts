import type { Context, Liquid } from 'liquidjs';
import type { JekyllRenderContext, JekyllWarning } from '../context.js';

/** Per-render state that Jekyll keeps in Liquid's registers: the post's context and what went wrong. */
export interface JekyllRegisters {
  readonly context: JekyllRenderContext;
  readonly warnings: JekyllWarning[];
  /** Files being included, innermost last, to bound nesting. */
  readonly includeStack: string[];
  /** Characters of template text parsed so far (the post and its includes). */
  templateChars: number;
}

/** The scope key under which a render's registers travel; no template can name a symbol. */
export const REGISTERS = Symbol('jekyll registers');

/** The registers of the render `ctx` belongs to. */
export function registers(ctx: Context): JekyllRegisters {
  const found = (ctx.environments as Record<symbol, JekyllRegisters | undefined>)[REGISTERS];
  if (!found) throw new Error('Liquid rendered without Jekyll registers');
  return found;
}

/** What liquidjs binds `this` to in a filter. */
export interface FilterThis {
  readonly context: Context;
  readonly liquid: Liquid;
}
