/** Atom 1.0 (RFC 4287 §2). */
export const ATOM_NS = 'http://www.w3.org/2005/Atom';
/** XHTML, for Atom xhtml text constructs (RFC 4287 §3.1.1.3). */
export const XHTML_NS = 'http://www.w3.org/1999/xhtml';
/** RDF, the root of RSS 1.0. */
export const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
/** RSS 1.0's own namespace. */
export const RSS1_NS = 'http://purl.org/rss/1.0/';

// Extension vocabularies feeds commonly use, by their usual prefix.
const KNOWN: Readonly<Record<string, string>> = {
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/rss/1.0/modules/slash/': 'slash',
  'http://purl.org/rss/1.0/modules/syndication/': 'sy',
  'http://purl.org/rss/1.0/modules/taxonomy/': 'taxo',
  'http://purl.org/rss/1.0/modules/annotate/': 'annotate',
  'http://purl.org/rss/1.0/modules/aggregation/': 'ag',
  'http://purl.org/rss/1.0/modules/event/': 'ev',
  'http://purl.org/rss/1.0/modules/link/': 'l',
  'http://purl.org/rss/1.0/modules/image/': 'image',
  'http://purl.org/rss/1.0/modules/reference/': 'ref',
  'http://purl.org/rss/1.0/modules/richequiv/': 'reqv',
  'http://purl.org/rss/1.0/modules/search/': 'search',
  'http://purl.org/rss/1.0/modules/servicestatus/': 'ss',
  'http://purl.org/rss/1.0/modules/subscription/': 'sub',
  'http://purl.org/rss/1.0/modules/threading/': 'thr',
  'http://purl.org/rss/1.0/modules/email/': 'email',
  'http://purl.org/rss/1.0/modules/company': 'company',
  'http://purl.org/rss/1.0/modules/wiki/': 'wiki',
  'http://purl.org/rss/1.0/modules/rss091#': 'rss091',
  'http://purl.org/syndication/thread/1.0': 'thr',
  'http://purl.org/syndication/history/1.0': 'fh',
  'http://wellformedweb.org/CommentAPI/': 'wfw',
  'http://webns.net/mvcb/': 'admin',
  'http://backend.userland.com/blogChannelModule': 'blogChannel',
  'http://backend.userland.com/creativeCommonsRssModule': 'creativeCommons',
  'http://web.resource.org/cc/': 'cc',
  'http://madskills.com/public/xml/rss/module/trackback/': 'trackback',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://search.yahoo.com/mrss/': 'media',
  'http://www.georss.org/georss': 'georss',
  'http://www.opengis.net/gml': 'gml',
  'http://www.w3.org/2003/01/geo/wgs84_pos#': 'geo',
  'http://geourl.org/rss/module/': 'geourl',
  'http://postneo.com/icbm': 'icbm',
  'http://xmlns.com/foaf/0.1/': 'foaf',
  'http://rssnamespace.org/feedburner/ext/1.0': 'feedburner',
  'http://www.microsoft.com/schemas/rss/core/2005': 'cf',
  'http://my.theinfo.org/changed/1.0/rss/': 'cp',
  'http://www.w3.org/2007/app': 'app',
  'http://a9.com/-/spec/opensearch/1.1/': 'opensearch',
  'http://a9.com/-/spec/opensearchrss/1.0/': 'opensearch10',
  'http://www.w3.org/2000/01/rdf-schema#': 'rdfs',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://purl.org/rss/1.0/': 'rss1',
  'http://my.netscape.com/rdf/simple/0.9/': 'rss090',
  'http://purl.org/net/rss1.1#': 'rss11',
  'http://www.w3.org/2005/Atom': 'atom',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://www.w3.org/XML/1998/namespace': 'xml',
  'http://www.w3.org/2000/svg': 'svg',
  'http://www.w3.org/1998/Math/MathML': 'mathml',
  'http://base.google.com/ns/1.0': 'g',
  'http://www.bloglines.com/about/specs/fac-1.0': 'access',
  'urn:atom-extension:indexing': 'indexing',
  'http://conversationsnetwork.org/rssNamespace-1.0/': 'conversationsNetwork',
  'http://media.tangent.org/rss/1.0/': 'audio',
  'http://hacks.benhammersley.com/rss/streaming/': 'str',
  'http://feedsync.org/2007/feedsync': 'sx',
  'http://www.usemod.com/cgi-bin/mb.pl?ModWiki': 'wiki',
  'http://schemas.xmlsoap.org/soap/envelope/': 'soap',
  'http://openid.net/xmlns/1.0': 'openid',
  'http://www.opml.org/spec2': 'opml',
  'http://www.w3.org/1999/xlink': 'xlink',
  'https://podcastindex.org/namespace/1.0': 'podcast',
};

// Match a namespace despite a missing trailing slash or hash, or different case.
function loose(uri: string): string {
  return uri.toLowerCase().replace(/[^a-z0-9]+$/, '');
}

const LOOSE = new Map(Object.entries(KNOWN).map(([uri, prefix]) => [loose(uri), prefix]));

/** The usual prefix of a known extension namespace, matched loosely; undefined when unknown. */
export function knownPrefix(uri: string): string | undefined {
  return KNOWN[uri] ?? LOOSE.get(loose(uri));
}

/** The URI a known prefix usually stands for. */
export function usualUri(prefix: string): string | undefined {
  return Object.entries(KNOWN).find(([, p]) => p === prefix)?.[0];
}
