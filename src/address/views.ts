import type { View } from '../model/feed.js';

/** What Herald knows of one view of a feed: where it lives, how it is served and who reads it. */
export interface ViewSpec {
  /** File name under a feed's folder (`/feed.xml`, `/tags/<slug>/feed.xml`); `urls.files` overrides it. */
  readonly file: string;
  /** Media type without parameters: link `type` attributes, OPML, autodiscovery. */
  readonly mediaType: string;
  /** The Content-Type header it is served with. */
  readonly contentType: string;
  /** The one name the view is shown with, on every page and in every link title. */
  readonly label: string;
  /** A feed format readers subscribe to: announced for autodiscovery, listed in OPML, a WebSub topic. */
  readonly subscribable: boolean;
  /** Written by `herald build`, beside the other views of the same page. */
  readonly exported: boolean;
  /** Checked by the scheduled self-validation. */
  readonly validated: boolean;
}

/**
 * The registry of views: one entry per view, read by the URL scheme, the store, the index, OPML, the
 * static export, self-validation, WebSub and the metrics labels. The renderer of each view is
 * `RENDERERS[view]` (src/render/render.ts), typed by the same `View` union so neither can miss one;
 * it is kept there because renderers read the labels here.
 */
export const VIEW_SPECS: Readonly<Record<View, ViewSpec>> = {
  rss: {
    file: 'feed.xml',
    mediaType: 'application/rss+xml',
    contentType: 'application/rss+xml; charset=utf-8',
    label: 'RSS',
    subscribable: true,
    exported: true,
    validated: true,
  },
  atom: {
    file: 'atom.xml',
    mediaType: 'application/atom+xml',
    contentType: 'application/atom+xml; charset=utf-8',
    label: 'Atom',
    subscribable: true,
    exported: true,
    validated: true,
  },
  json: {
    file: 'feed.json',
    mediaType: 'application/feed+json',
    contentType: 'application/feed+json; charset=utf-8',
    label: 'JSON Feed',
    subscribable: true,
    exported: true,
    validated: true,
  },
  html: {
    file: 'feed.html',
    mediaType: 'text/html',
    contentType: 'text/html; charset=utf-8',
    label: 'Web page',
    subscribable: false,
    exported: true,
    validated: false,
  },
};

/** The documents that are not a view of one feed: the HTML index and the OPML list of every feed. */
export type DocumentKind = 'index' | 'opml';

/** What Herald knows of the index and OPML documents: their paths (the first is the one linked to) and types. */
export interface DocumentSpec {
  readonly paths: readonly string[];
  readonly contentType: string;
  /** File name in the static export. */
  readonly file: string;
}

/** What Herald knows of a post's page at its permalink: how it is served, labelled and exported. */
export interface PostPageSpec {
  readonly contentType: string;
  /** The metrics route label of every post page (never the permalink itself). */
  readonly route: string;
  /** Written by `herald build` at the permalink's path (`…/index.html` for a path ending in `/`). */
  readonly exported: boolean;
}

/** The registry entry of post pages. */
export const POST_PAGE: PostPageSpec = Object.freeze({ contentType: 'text/html; charset=utf-8', route: '/:post', exported: true });

/** The registry of site documents. */
export const DOCUMENT_SPECS: Readonly<Record<DocumentKind, DocumentSpec>> = {
  index: { paths: ['/', '/index.html'], contentType: 'text/html; charset=utf-8', file: 'index.html' },
  opml: { paths: ['/feeds.opml'], contentType: 'text/x-opml; charset=utf-8', file: 'feeds.opml' },
};
