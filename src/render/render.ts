import type { Feed, View } from '../model/feed.js';
import { atomParts, renderAtom } from './render-atom.js';
import { htmlParts, renderHtml } from './render-html.js';
import { jsonParts, renderJson } from './render-json.js';
import { renderRss, rssParts } from './render-rss.js';
import { renderInSlices, type DocumentParts, type Slicing } from './sliced.js';

/** The renderer of each view; every one is pure: `(feed) => text`. */
export const RENDERERS: Readonly<Record<View, (feed: Feed) => string>> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJson,
  html: renderHtml,
};

/** Each view's renderer in parts (head, each item, tail): joined, the bytes of `RENDERERS[view]`. */
export const PARTS: Readonly<Record<View, (feed: Feed) => DocumentParts>> = {
  rss: rssParts,
  atom: atomParts,
  json: jsonParts,
  html: htmlParts,
};

/** The text of `RENDERERS[view](feed)`, rendered a slice of items per turn of the event loop (see `renderInSlices`). */
export function renderViewInSlices(view: View, feed: Feed, slicing?: Slicing): Promise<string> {
  return renderInSlices(PARTS[view](feed), feed.items, slicing);
}
