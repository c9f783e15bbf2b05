import { Tag, type Context, type Liquid, type TagToken, type Template, type TopLevelToken } from 'liquidjs';
import type { JekyllPostRef } from '../context.js';
import { JekyllRenderError } from '../errors.js';
import { relativeUrl } from './filters-url.js';
import { registers } from './registers.js';

// Jekyll's `{% link path %}` and `{% post_url name %}` (jekyll/tags/link.rb, post_url.rb): the URL,
// with baseurl, of a file of the site or of a post, or an error naming what was not found.

/** `{% link docs/page.md %}`: the URL of a page, document, post or static file by its path. */
export class LinkTag extends Tag {
  private readonly path: Template[];

  constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
    super(token, remain, liquid);
    this.path = liquid.parse(token.args.trim());
  }

  *render(ctx: Context): Generator<unknown, string | undefined, unknown> {
    const { site } = registers(ctx).context;
    const wanted = String(yield this.liquid.renderer.renderTemplates(this.path, ctx)).trim();
    const withSlash = `/${wanted.replace(/^\/+/, '')}`;
    const found = [...site.documents, ...site.posts].find((item) => item.relativePath === wanted || item.relativePath === withSlash);
    if (!found) throw new JekyllRenderError(`could not find document '${wanted}' in tag 'link': make sure the document exists and the path is correct`);
    return relativeUrl(site.config, found.url);
  }
}

const POST_NAME = /^(.+\/)*(\d+-\d+-\d+)-(.*)$/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function sameDay(a: Date, date: string, timeZone: string): boolean {
  const [y, m, d] = date.split('-').map(Number);
  const f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(a);
  const part = (type: string) => Number(f.find((p) => p.type === type)?.value);
  return part('year') === y && part('month') === m && part('day') === d;
}

/** The post that `{% post_url name %}` names, matched as Jekyll 4 matches it, then by its old rule. */
export function findPost(name: string, posts: readonly JekyllPostRef[], timeZone: string): JekyllPostRef | undefined {
  const match = POST_NAME.exec(name.replace(/^\//, ''));
  if (!match) throw new JekyllRenderError(`could not parse name of post "${name}" in tag 'post_url': it does not contain a valid date and title`);
  const [, dir = '', date, slug] = match;
  const base = `${escapeRegExp(date!)}-${escapeRegExp(slug!)}\\.[^.]+`;
  const pattern = new RegExp(`^_posts/${escapeRegExp(dir)}${base}$|^${escapeRegExp(dir)}_posts/?${base}$`);
  return posts.find((post) => pattern.test(post.relativePath)) ??
    posts.find((post) => post.data.slug === (dir ? `${dir}${slug}` : slug) && sameDay(post.date, date!, timeZone));
}

/** `{% post_url 2024-03-05-other-post %}`: the URL of a post by its file name. */
export class PostUrlTag extends Tag {
  private readonly post: string;

  constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
    super(token, remain, liquid);
    this.post = token.args.trim();
  }

  render(ctx: Context): string | undefined {
    const { site } = registers(ctx).context;
    const post = findPost(this.post, site.posts, site.timeZone);
    if (!post) throw new JekyllRenderError(`could not find post "${this.post}" in tag 'post_url': make sure the post exists and the name is correct`);
    return relativeUrl(site.config, post.url);
  }
}
