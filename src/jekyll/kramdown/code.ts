import type { MarkdownIt } from 'markdown-it';
import { codeBlockHtml, codeSpanHtml } from '../highlight/code-html.js';
import { documentOptions } from './env.js';

/** markdown-it plugin: code blocks and spans in the markup kramdown writes with Jekyll's Rouge. */
export function codePlugin(md: MarkdownIt): void {
  md.renderer.rules.fence = (tokens, index, _options, env) => {
    const token = tokens[index]!;
    const options = documentOptions(env);
    const lang = token.info.trim().split(/\s+/)[0]?.replace(/\?.*$/, '') || undefined;
    return codeBlockHtml(token.content, lang, options.syntaxHighlighter, options.defaultLang);
  };
  md.renderer.rules.code_block = (tokens, index, _options, env) => {
    const options = documentOptions(env);
    return codeBlockHtml(tokens[index]!.content, undefined, options.syntaxHighlighter, options.defaultLang);
  };
  md.renderer.rules.code_inline = (tokens, index, _options, env) => {
    const options = documentOptions(env);
    return codeSpanHtml(tokens[index]!.content, options.syntaxHighlighter, options.defaultLang);
  };
}
