import type { MarkdownIt as Md } from 'markdown-it';
import { markdownIt, markdownItAbbr, markdownItAttrs, markdownItDeflist } from '../../content/lazy-modules.js';
import { codePlugin } from './code.js';
import type { KramdownEnv } from './env.js';
import { extensionsPlugin } from './extensions.js';
import { footnotesPlugin } from './footnotes.js';
import { headerIdsPlugin } from './header-ids.js';
import { htmlBlocksPlugin } from './html-blocks.js';
import type { KramdownOptions } from './options.js';
import { taskListsPlugin } from './task-lists.js';
import { typographyPlugin } from './typography.js';

// Markdown as Jekyll's kramdown (GFM input) renders it: markdown-it for CommonMark's core, with
// plugins for kramdown's attribute lists, footnotes, definition lists, abbreviations, extensions,
// block HTML, header ids, typography and Rouge's code markup.

function create(breaks: boolean, gfm: boolean): Md {
  const md = new (markdownIt())({ html: true, linkify: false, typographer: false, breaks, xhtmlOut: true });
  if (!gfm) md.disable(['strikethrough']);
  md.use(extensionsPlugin)
    .use(htmlBlocksPlugin)
    .use(markdownItAttrs(), { leftDelimiter: '{:', rightDelimiter: '}', allowedAttributes: [] })
    .use(footnotesPlugin)
    .use(markdownItDeflist())
    .use(markdownItAbbr())
    .use(typographyPlugin)
    .use(headerIdsPlugin)
    .use(taskListsPlugin)
    .use(codePlugin);
  // markdown-it-attrs tests its patterns at every token of every document; one with no `{:` has no
  // attribute list for it to find (an entity such as `&#123;:` is text to kramdown too).
  const attributeLists = md.core.ruler.__rules__.find((rule) => rule.name === 'curly_attributes')!.fn;
  md.core.ruler.at('curly_attributes', (state) => (state.src.includes('{:') ? attributeLists(state) : false));
  md.renderer.rules.s_open = () => '<del>';
  md.renderer.rules.s_close = () => '</del>';
  return md;
}

const instances = new Map<string, Md>();

function instance(options: KramdownOptions): Md {
  const key = `${options.hardWrap} ${options.input}`;
  let md = instances.get(key);
  if (!md) instances.set(key, (md = create(options.hardWrap, options.input === 'GFM')));
  return md;
}

/** HTML for a kramdown document, as Jekyll's kramdown converter would write it (up to white space). */
export function renderKramdown(source: string, options: KramdownOptions): string {
  const env: KramdownEnv = { options };
  return instance(options).render(source, env as unknown as Record<string, unknown>);
}
