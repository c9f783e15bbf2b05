import { Tag, TypeGuards, type Context, type Liquid, type TagToken, type Template, type TopLevelToken } from 'liquidjs';
import { JekyllRenderError } from '../errors.js';
import { highlightTagHtml, type HighlightTagOptions } from '../highlight/code-html.js';

// Jekyll's `{% highlight lang [linenos] %}…{% endhighlight %}` (jekyll/tags/highlight.rb): the body is
// Liquid, rendered first, then written in the markup Jekyll and Rouge write.

const SYNTAX = /^([a-zA-Z0-9.+#_-]+)((\s+\w+(=(\w+|"([0-9]+\s)*[0-9]+"))?)*)$/;
const OPTION = /(?:\w="[^"]*"|\w=\w|\w)+/g;

function parseOptions(text: string): HighlightTagOptions {
  const options = new Map<string, string | true>();
  for (const [option] of text.matchAll(OPTION)) {
    const [key, value] = option.split('=');
    options.set(key!, value ?? true);
  }
  const start = Number(options.get('linenostart') ?? options.get('start_line') ?? 1);
  return { linenos: options.has('linenos'), startLine: Number.isInteger(start) ? start : 1 };
}

/** The `highlight` block tag. */
export class HighlightTag extends Tag {
  private readonly lang: string;
  private readonly options: HighlightTagOptions;
  private readonly templates: Template[] = [];

  constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid, parser: { parseToken(token: TopLevelToken, remain: TopLevelToken[]): Template }) {
    super(token, remain, liquid);
    const markup = SYNTAX.exec(token.args.trim());
    if (!markup) throw new JekyllRenderError(`syntax error in tag 'highlight' while parsing ${JSON.stringify(token.args.trim())}: valid syntax is highlight <lang> [linenos]`);
    this.lang = markup[1]!.toLowerCase();
    this.options = parseOptions(markup[2] ?? '');
    while (remain.length) {
      const next = remain.shift()!;
      if (TypeGuards.isTagToken(next) && next.name === 'endhighlight') return;
      this.templates.push(parser.parseToken(next, remain));
    }
    throw new JekyllRenderError(`tag 'highlight' was never closed: end it with {% endhighlight %}`);
  }

  *render(ctx: Context): Generator<unknown, string, unknown> {
    const code = String(yield this.liquid.renderer.renderTemplates(this.templates, ctx));
    return highlightTagHtml(code, this.lang, this.options);
  }
}
