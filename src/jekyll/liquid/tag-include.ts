import fs from 'node:fs';
import path from 'node:path';
import { Tag, Value, type Context, type Emitter, type Liquid, type TagToken, type Template, type TopLevelToken } from 'liquidjs';
import { JekyllRenderError } from '../errors.js';
import { registers, type JekyllRegisters } from './registers.js';
import { registerUnknownTags } from './tag-unknown.js';

// Jekyll's `{% include file.html key="value" key=variable %}` and `{% include_relative … %}`
// (jekyll/tags/include.rb): parameters under `include`, file names checked as Jekyll checks them, and
// files read only inside `_includes/` (or the site folder), never through a link that leads out.

const PARAM = /([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.-]+))/g;
const FULL_PARAMS = /^\s*(?:([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.-]+))(?=\s|$)\s*)*$/;
const VARIABLE = /^(?<variable>[^{]*(\{\{\s*[\w\-.]+\s*(\|.*)?\}\}[^\s{}]*)+)(?<params>.*)$/s;
const VALID_NAME = /^[\w/.\-()+~#@]+$/;
const INVALID_SEQUENCE = /[./]{2,}/;

type Param = readonly [string, { literal: string } | { variable: Value }];

function parseParams(markup: string, liquid: Liquid): Param[] {
  if (!FULL_PARAMS.test(markup)) throw new JekyllRenderError(`invalid syntax for include tag: ${markup.trim()} (expected key="value" pairs)`);
  return [...markup.matchAll(PARAM)].map(([, key, double, single, variable]) => {
    if (double !== undefined) return [key!, { literal: double.replace(/\\"/g, '"') }] as const;
    if (single !== undefined) return [key!, { literal: single.replace(/\\'/g, "'") }] as const;
    return [key!, { variable: new Value(variable!, liquid) }] as const;
  });
}

function inside(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The real path of `name` in `dir`, if it is a file there and does not lead outside `root`. */
function locate(dir: string, name: string, root: string): string | undefined {
  try {
    const real = fs.realpathSync(path.join(dir, name));
    return inside(real, fs.realpathSync(root)) && fs.statSync(real).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

function readTemplate(file: string, regs: JekyllRegisters, liquid: Liquid): Template[] {
  const limit = regs.context.limits.templateChars;
  const size = fs.statSync(file).size;
  if (regs.templateChars + size > limit) throw new JekyllRenderError(`includes exceed ${limit} characters of templates`);
  const text = fs.readFileSync(file, 'utf8');
  regs.templateChars += text.length;
  registerUnknownTags(liquid, text);
  return liquid.parse(text, file);
}

abstract class IncludeBase extends Tag {
  private readonly file: string | Template[];
  private readonly params: Param[] | undefined;

  constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
    super(token, remain, liquid);
    const markup = token.args.trim();
    const variable = VARIABLE.exec(markup);
    const [file, params] = variable ? [variable.groups!.variable!.trim(), variable.groups!.params!.trim()] : splitFirst(markup);
    this.file = variable ? liquid.parse(file) : file;
    this.params = params ? parseParams(params, liquid) : undefined;
  }

  protected abstract folder(regs: JekyllRegisters): { dir: string; root: string } | undefined;

  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    const regs = registers(ctx);
    const name = typeof this.file === 'string' ? this.file : String(yield this.liquid.renderer.renderTemplates(this.file, ctx));
    if (INVALID_SEQUENCE.test(name) || !VALID_NAME.test(name)) {
      throw new JekyllRenderError(`invalid file name for ${this.name} tag: ${JSON.stringify(name)}`);
    }
    const where = this.folder(regs);
    const file = where && locate(where.dir, name, where.root);
    if (!where || !file) throw new JekyllRenderError(`could not locate the included file '${name}'${where ? '' : ': this site has no such folder'}`);
    if (regs.includeStack.length >= regs.context.limits.includeDepth) {
      throw new JekyllRenderError(`includes nest deeper than ${regs.context.limits.includeDepth} (${[...regs.includeStack, name].join(' → ')})`);
    }
    const templates = readTemplate(file, regs, this.liquid);
    const scope: Record<string, unknown> = {};
    if (this.params) {
      const include: Record<string, unknown> = {};
      for (const [key, value] of this.params) include[key] = 'literal' in value ? value.literal : yield value.variable.value(ctx);
      scope.include = include;
    }
    ctx.push(scope);
    regs.includeStack.push(name);
    try {
      yield this.liquid.renderer.renderTemplates(templates, ctx, emitter);
    } finally {
      regs.includeStack.pop();
      ctx.pop();
    }
  }
}

function splitFirst(markup: string): [string, string | undefined] {
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(markup);
  return match ? [match[1]!, match[2]] : [markup, undefined];
}

/** `{% include %}`: a file from the site's `_includes/`. */
export class IncludeTag extends IncludeBase {
  protected folder(regs: JekyllRegisters) {
    const dir = regs.context.includesDir;
    return dir === undefined ? undefined : { dir, root: dir };
  }
}

/** `{% include_relative %}`: a file beside the post, inside the site folder. */
export class IncludeRelativeTag extends IncludeBase {
  protected folder(regs: JekyllRegisters) {
    const root = regs.context.siteDir;
    return root === undefined ? undefined : { dir: path.dirname(path.join(root, regs.context.pagePath)), root };
  }
}
