import { Tag, TypeGuards, type Context, type Liquid, type TagToken, type TopLevelToken } from 'liquidjs';
import { registers } from './registers.js';

// A tag no Herald code knows comes from a Jekyll plugin (`{% youtube %}`, `{% gist %}`, `{% avatar %}`).
// Jekyll without that plugin stops the whole build; Herald renders the tag as nothing, keeps the rest
// of the post, and reports the tag (file and line) as a warning. A block `{% x %}…{% endx %}` goes whole.

/** A tag from a plugin Herald does not have: renders nothing and records a warning. */
export class UnknownTag extends Tag {
  constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
    super(token, remain, liquid);
    const end = `end${token.name}`;
    const closing = remain.findIndex((next) => TypeGuards.isTagToken(next) && next.name === end);
    if (closing >= 0) remain.splice(0, closing + 1);
  }

  render(ctx: Context): string {
    const [line] = this.token.getPosition();
    registers(ctx).warnings.push({
      line,
      reason: `Liquid tag '${this.token.name}' comes from a Jekyll plugin Herald does not have: rendered as nothing`,
    });
    return '';
  }
}

const TAG_NAME = /\{%-?\s*([A-Za-z_][\w-]*)/g;
const NEVER_UNKNOWN = /^(?:end\w*|else|elsif|when|break|continue)$/;

/** Registers UnknownTag for every tag name `source` uses that `liquid` lacks (not parts of other tags). */
export function registerUnknownTags(liquid: Liquid, source: string): void {
  for (const [, name] of source.matchAll(TAG_NAME)) {
    if (!Object.prototype.hasOwnProperty.call(liquid.tags, name!) && !NEVER_UNKNOWN.test(name!)) liquid.registerTag(name!, UnknownTag);
  }
}
