import type { Feed, Format } from '../model/feed.js';
import { renderAtom } from './render-atom.js';
import { renderJson } from './render-json.js';
import { renderRss } from './render-rss.js';

/** The renderer of each format; every one is pure: `(feed) => text`. */
export const RENDERERS: Readonly<Record<Format, (feed: Feed) => string>> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJson,
};
