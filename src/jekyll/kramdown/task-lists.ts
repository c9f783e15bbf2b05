import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { documentOptions } from './env.js';

// GFM task lists as kramdown-parser-gfm writes them (`parse_list`): a checkbox in place of `[ ]` or
// `[x]`; once an item of a list is a task, it and every later item get `task-list-item`.

const UNCHECKED = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" />';
const CHECKED = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" checked="checked" />';

function checkbox(inline: Token): boolean {
  const first = inline.children?.[0];
  if (!first || first.type !== 'text') return false;
  const match = /^\s*\[( |x)\]\s+/i.exec(first.content);
  if (!match) return false;
  first.content = first.content.slice(match[0].length);
  const box = new (first.constructor as typeof Token)('html_inline', '', 0);
  box.content = match[1] === ' ' ? UNCHECKED : CHECKED;
  inline.children!.unshift(box);
  return true;
}

function markList(tokens: Token[], open: number): void {
  let isTaskList = false;
  const level = tokens[open]!.level;
  for (let index = open + 1; index < tokens.length && tokens[index]!.level > level; index++) {
    const item = tokens[index]!;
    if (item.type !== 'list_item_open' || item.level !== level + 1) continue;
    const paragraph = tokens[index + 1];
    if (paragraph?.type === 'paragraph_open' && checkbox(tokens[index + 2]!)) isTaskList = true;
    if (isTaskList) item.attrJoin('class', 'task-list-item');
  }
  if (isTaskList) tokens[open]!.attrJoin('class', 'task-list');
}

/** markdown-it plugin: GFM task lists (GFM input only). */
export function taskListsPlugin(md: MarkdownIt): void {
  md.core.ruler.after('inline', 'kramdown_task_lists', (state) => {
    if (documentOptions(state.env).input !== 'GFM') return;
    state.tokens.forEach((token, index) => {
      if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') markList(state.tokens, index);
    });
  });
}
