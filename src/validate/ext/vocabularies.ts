import { DC, DCTERMS } from './dublin-core.js';
import { GEO, GEORSS, LAT_LONG } from './geo.js';
import { GOOGLE_BASE } from './google-base.js';
import { ITUNES } from './itunes.js';
import { MEDIA } from './media-rss.js';
import { PODCAST } from './podcast.js';
import { ADMIN, AGGREGATION, ANNOTATE, BLOG_CHANNEL, CHANGED_PAGE, CONTENT, CREATIVE_COMMONS, EVENT, SLASH, SYNDICATION, TRACKBACK, WFW, WIKI } from './rss-modules.js';
import type { Vocabulary } from './spec.js';
import { ACCESS, APP_ENTRY, CONVERSATIONS_NETWORK, FEEDBURNER, FEEDSYNC, HISTORY, OPENSEARCH, SIMPLE_LIST, THREADING, XHTML } from './syndication.js';

/**
 * The extension vocabularies checked element by element, by the usual prefix of their namespace
 * (xml/namespaces.ts). Namespaces known but not listed here (RDF, FOAF, taxonomy, …) are not checked.
 */
export const VOCABULARIES: Readonly<Record<string, Vocabulary>> = {
  dc: DC,
  dcterms: DCTERMS,
  content: CONTENT,
  slash: SLASH,
  wfw: WFW,
  sy: SYNDICATION,
  admin: ADMIN,
  blogChannel: BLOG_CHANNEL,
  creativeCommons: CREATIVE_COMMONS,
  trackback: TRACKBACK,
  ev: EVENT,
  ag: AGGREGATION,
  annotate: ANNOTATE,
  cp: CHANGED_PAGE,
  wiki: WIKI,
  media: MEDIA,
  itunes: ITUNES,
  podcast: PODCAST,
  geo: GEO,
  geourl: LAT_LONG,
  icbm: LAT_LONG,
  georss: GEORSS,
  gml: {},
  g: GOOGLE_BASE,
  feedburner: FEEDBURNER,
  sx: FEEDSYNC,
  thr: THREADING,
  fh: HISTORY,
  access: ACCESS,
  cf: SIMPLE_LIST,
  opensearch: OPENSEARCH,
  opensearch10: OPENSEARCH,
  xhtml: XHTML,
  conversationsNetwork: CONVERSATIONS_NETWORK,
  app: { ...APP_ENTRY, collection: { in: ['channel', 'item'], attrs: { href: {} }, any: true } },
};
