import { htmlparser2 } from './lazy-modules.js';
import { escapeHtml } from './escape-html.js';

// The sanitiser removes every embed (a reader must not run a third party's player). So that no reader
// loses what the embed showed, each one is first replaced by a link to its source, named for its
// provider, with the provider's thumbnail where it has a known one. Only the embed's own bytes are
// rewritten: the rest of the body is copied as written, and the sanitiser still cleans everything.

type EmbedTag = 'iframe' | 'video' | 'audio' | 'embed' | 'object';
const EMBED_TAGS: ReadonlySet<string> = new Set<EmbedTag>(['iframe', 'video', 'audio', 'embed', 'object']);
const MAY_HOLD_EMBED = /<(?:iframe|video|audio|embed|object)\b/i;
/** Parents where a replacement is a paragraph of its own; elsewhere (inside a p, a span…) it is an inline link. */
const FLOW_PARENTS = new Set([
  'article', 'aside', 'blockquote', 'body', 'dd', 'details', 'div', 'figure', 'footer', 'header', 'li', 'main',
  'nav', 'section', 'td', 'th', 'center',
]);
const YOUTUBE_HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com', 'youtube-nocookie.com', 'www.youtube-nocookie.com']);
const YOUTUBE_PATH = /^\/(?:embed|v)\/([A-Za-z0-9_-]{11})$/;
/** Hosts with a provider name of their own; any other host is named as it is. */
const PROVIDERS: Readonly<Record<string, readonly [name: string, kind?: 'Video' | 'Audio']>> = {
  'player.vimeo.com': ['Vimeo', 'Video'], 'www.dailymotion.com': ['Dailymotion', 'Video'],
  'player.twitch.tv': ['Twitch', 'Video'], 'w.soundcloud.com': ['SoundCloud', 'Audio'],
  'open.spotify.com': ['Spotify', 'Audio'], 'codepen.io': ['CodePen'],
};

/** What a removed embed becomes: where the link goes, its text, and a thumbnail when one is known. */
export interface EmbedLink {
  readonly href: string;
  readonly text: string;
  readonly thumbnail?: { readonly src: string; readonly alt: string };
}

/** An absolute http(s) URL for `value` against `base`, or undefined (javascript:, data: and the like never). */
function httpUrl(value: string | undefined, base: string): URL | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The link a removed embed leaves: to the embed's own URL (a page of its own in a browser), named for its provider. */
export function embedLink(tag: EmbedTag, source: URL, title: string | undefined, poster: URL | undefined): EmbedLink {
  const host = source.hostname.toLowerCase();
  const named = (label: string): EmbedLink => {
    const text = title ?? label;
    return poster ? { href: source.href, text, thumbnail: { src: poster.href, alt: label } } : { href: source.href, text };
  };
  if (YOUTUBE_HOSTS.has(host)) {
    const id = YOUTUBE_PATH.exec(source.pathname)?.[1];
    if (!id) return named('Video on YouTube');
    return { href: source.href, text: title ?? 'Video on YouTube', thumbnail: { src: `https://i.ytimg.com/vi/${id}/hqdefault.jpg`, alt: 'Video on YouTube' } };
  }
  const [provider, providerKind] = PROVIDERS[host] ?? [];
  const kind = tag === 'video' ? 'Video' : tag === 'audio' ? 'Audio' : providerKind;
  if (!kind) return named(`Embedded content from ${provider ?? host}`);
  return named(provider ? `${kind} on ${provider}` : `${kind} from ${host}`);
}

/** The HTML for `link`: a paragraph, an inline link, or (inside another link) its text alone. */
function linkHtml(link: EmbedLink, context: 'block' | 'inline' | 'in-link'): string {
  const text = escapeHtml(link.text);
  if (context === 'in-link') return text;
  const image = link.thumbnail
    ? `<img src="${escapeHtml(link.thumbnail.src)}" alt="${escapeHtml(link.thumbnail.alt)}"><br>`
    : '';
  const anchor = `<a href="${escapeHtml(link.href)}">${image}${text}</a>`;
  return context === 'block' ? `<p>${anchor}</p>` : anchor;
}

interface OpenEmbed {
  readonly tag: EmbedTag;
  readonly start: number;
  readonly context: 'block' | 'inline' | 'in-link';
  readonly attribs: Readonly<Record<string, string>>;
  depth: number;
  /** The first http(s) source inside it (<source src>, <embed src>, <param name="movie" value>). */
  inner?: URL;
}

/**
 * `html` with each iframe, video, audio, embed and object replaced by a link to its source (see
 * `embedLink`); an embed with no http(s) source is left for the sanitiser to remove. The same string
 * when there is none. One pass of htmlparser2, as the sanitiser parses it, and one copy of the input.
 */
export function linkEmbeds(html: string, base: string): string {
  if (!MAY_HOLD_EMBED.test(html)) return html;
  const parts: string[] = [];
  let copied = 0;
  const open: string[] = [];
  let links = 0;
  let embed: OpenEmbed | undefined;
  let ending = false;

  const finish = (end: number) => {
    const current = embed!;
    embed = undefined;
    const { tag, attribs } = current;
    const own = tag === 'object' ? attribs.data : attribs.src;
    const source = httpUrl(own, base) ?? current.inner;
    if (!source) return;
    const title = attribs.title?.replace(/\s+/g, ' ').trim() || undefined;
    const poster = tag === 'video' ? httpUrl(attribs.poster, base) : undefined;
    parts.push(html.slice(copied, current.start), linkHtml(embedLink(tag, source, title, poster), current.context));
    copied = Math.max(end, current.start);
  };

  const parser = new (htmlparser2().Parser)({
    onopentag(name, attribs) {
      if (embed) {
        embed.depth++;
        const inner = name === 'source' || name === 'embed' ? attribs.src
          : name === 'param' && /^(movie|src)$/i.test(attribs.name ?? '') ? attribs.value : undefined;
        embed.inner ??= httpUrl(inner, base);
        return;
      }
      if (EMBED_TAGS.has(name)) {
        const parent = open[open.length - 1];
        const context = links > 0 ? 'in-link' : parent === undefined || FLOW_PARENTS.has(parent) ? 'block' : 'inline';
        embed = { tag: name as EmbedTag, start: parser.startIndex, context, attribs, depth: 1 };
        if (name === 'embed') finish(parser.endIndex + 1);
        return;
      }
      open.push(name);
      if (name === 'a') links++;
    },
    onclosetag(name, isImplied) {
      if (embed) {
        if (--embed.depth > 0) return;
        const end = ending ? html.length : isImplied ? parser.startIndex : parser.endIndex + 1;
        finish(end > embed.start ? end : parser.endIndex + 1);
        return;
      }
      if (name === 'embed') return;
      if (open.pop() === 'a') links--;
    },
  }, { decodeEntities: true });
  parser.write(html);
  ending = true;
  parser.end();
  if (parts.length === 0) return html;
  parts.push(html.slice(copied));
  return parts.join('');
}
