import path from 'node:path';
import type { PostBody } from '../../src/content/post-body.js';
import { MarkdownContent } from '../../src/content/markdown.js';
import { fixtures } from '../helpers.js';

/** A POSTS_DIR-like site context whose renderer tells `rendered` of every post it is asked to render: one call per parse. */
export function recordingSite(rendered: (file: string) => void, url = 'https://example.com') {
  return {
    url,
    timezone: 'UTC',
    permalink: '/:year/:month/:day/:slug.html',
    staticDir: path.join(fixtures, 'static'),
    excerptSeparator: '\n\n',
    markdownExt: ['md'],
    authors: {},
    ids: 'permalink' as const,
    render: (body: PostBody) => {
      rendered(body.file);
      return new MarkdownContent(body);
    },
  };
}
