import type { Feed, View } from '../model/feed.js';
import { renderAtom } from './render-atom.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderRss } from './render-rss.js';

/** The renderer of each view; every one is pure: `(feed) => text`. */
export const RENDERERS: Readonly<Record<View, (feed: Feed) => string>> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJson,
  html: renderHtml,
};
