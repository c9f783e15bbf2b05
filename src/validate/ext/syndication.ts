import { ruleOf } from '../xml/values.js';
import { at, type CheckContext } from '../xml/walk.js';
import { attr, child, type XmlElement } from '../xml/xml-node.js';
import { asciiUri, charset, httpUrl, integer, iso8601, language, maxLength, mediaType, nonBlank, nonNegative, nss, plain, positive, rfc3339, trueFalseStrict, uint31, unsignedNumber, uri, uriReference, yesNo } from './kinds.js';
import { must, oneOf, type ElementSpec, type Vocabulary } from './spec.js';

// OpenSearch 1.1 "searchTerms": URL-encoded, so each word survives decoding and encoding again unchanged.
const urlEncoded = must('url-encoded', 'URL-encoded (OpenSearch 1.1)', (v) => v.split(/\s+/).filter(Boolean).every((word) => {
  try {
    return encodeURIComponent(decodeURIComponent(word)).toLowerCase() === word.toLowerCase();
  } catch {
    return false;
  }
}));

const FEEDSYNC_NS = 'http://feedsync.org/2007/feedsync';
const uriOnce: ElementSpec = { once: true, value: uri };
const inChannel = (spec: ElementSpec): ElementSpec => ({ ...spec, in: ['channel'] });
const inItem = (spec: ElementSpec): ElementSpec => ({ ...spec, in: ['item'] });

function say(element: XmlElement, context: CheckContext, problem: string, message: string): void {
  context.report.error(ruleOf(element, context, problem), `<${element.qname}> ${message}`, at(element));
}

// FeedBurner's flare links: IRIs in Atom; in RSS a relative reference works only against the feed's URL.
const flareLink: ElementSpec['attrs'] = {
  href: { required: true, value: (v, c) => (c.prefix === 'atom' ? uriReference(v, c) : uri(v, c) && { problem: 'relative', reason: 'is relative; RSS readers cannot resolve it', warning: true }) },
  src: { required: true, value: (v, c) => (c.prefix === 'atom' ? uriReference(v, c) : uri(v, c) && { problem: 'relative', reason: 'is relative; RSS readers cannot resolve it', warning: true }) },
};

/** FeedBurner's feed and item elements (rssnamespace.org/feedburner/ext/1.0). */
export const FEEDBURNER: Vocabulary = {
  awareness: uriOnce,
  origLink: inItem(uriOnce),
  origEnclosureLink: inItem(uriOnce),
  browserFriendly: inChannel({ once: true, value: plain }),
  emailServiceId: inChannel({ once: true }),
  feedburnerHostname: inChannel(uriOnce),
  feedFlare: inChannel({ value: plain, attrs: flareLink }),
  info: inChannel({ attrs: { uri: { required: true, value: uriReference } } }),
};

const syncIds = new WeakMap<XmlElement, Set<string>>();

function checkSync(sync: XmlElement, context: CheckContext): void {
  if (!child(sync, FEEDSYNC_NS, 'history')) say(sync, context, 'history-missing', 'must contain <sx:history> (FeedSync §3.2)');
  const feed = sync.parent?.parent;
  const id = attr(sync, 'id');
  if (!feed || !id) return;
  const ids = syncIds.get(feed) ?? new Set<string>();
  syncIds.set(feed, ids);
  if (ids.has(id)) say(sync, context, 'id-duplicate', `id "${id}" is used by another item (FeedSync §3.2)`);
  ids.add(id);
}

function checkHistory(history: XmlElement, context: CheckContext): void {
  const by = attr(history, 'by') !== undefined;
  const when = attr(history, 'when') !== undefined;
  if (!by && !when) say(history, context, 'by-and-when-missing', 'must have a by or a when attribute (FeedSync §3.3)');
  else if (by !== when) context.report.warn(ruleOf(history, context, `${by ? 'when' : 'by'}-missing`), `<sx:history> should have both by and when`, at(history));
}

function checkSharing(sharing: XmlElement, context: CheckContext): void {
  const since = attr(sharing, 'since');
  const until = attr(sharing, 'until');
  if ((since === undefined) !== (until === undefined)) say(sharing, context, `${since === undefined ? 'since' : 'until'}-missing`, 'must have since and until together (FeedSync §3.1)');
  if (since !== undefined && until !== undefined && since > until) say(sharing, context, 'since-after-until', `since ${since} is after until ${until}`);
}

const history: ElementSpec = { attrs: { by: { value: [nonBlank, nss] }, sequence: { required: true, value: uint31 }, when: { value: rfc3339 } }, check: checkHistory };

/** FeedSync (Microsoft, 2007): sharing in the channel, sync with its history in items. */
export const FEEDSYNC: Vocabulary = {
  sharing: inChannel({
    once: true,
    attrs: { since: { value: rfc3339 }, until: { value: rfc3339 }, expires: { value: rfc3339 } },
    children: { 'sx:related': { attrs: { link: { required: true, value: asciiUri }, title: { value: plain }, type: { required: true, value: oneOf(['complete', 'aggregated'], { problem: 'type' }) } } } },
    check: checkSharing,
  }),
  sync: inItem({
    once: true,
    attrs: { id: { required: true, value: [nonBlank, nss] }, updates: { required: true, value: uint31 }, deleted: { value: trueFalseStrict }, noconflicts: { value: trueFalseStrict } },
    children: { 'sx:history': history, 'sx:conflicts': { any: true } },
    check: checkSync,
  }),
};

/** Atom Threading Extensions (RFC 4685 §3, §5) and RSS 1.0's mod_threading children. */
export const THREADING: Vocabulary = {
  'in-reply-to': { attrs: { ref: { required: true, value: uri }, href: { value: uriReference }, source: { value: uriReference }, type: { value: mediaType } } },
  total: inItem({ once: true, value: nonNegative }),
  children: {
    any: true,
    check: (e, c) => {
      if (e.parent?.parent?.local !== 'RDF') c.report.error(`${c.prefix}.extension.undefined`, '<thr:children> belongs to RSS 1.0 only', at(e));
    },
  },
};

/** Feed paging and archiving (RFC 5005 §2, §4): fh:complete and fh:archive, empty, in the feed. */
export const HISTORY: Vocabulary = { complete: inChannel({ once: true }), archive: inChannel({ once: true }) };

/** Bloglines access control (fac-1.0): access:restriction in an Atom feed or an RSS channel. */
export const ACCESS: Vocabulary = {
  restriction: inChannel({ attrs: { relationship: { required: true, value: oneOf(['allow', 'deny'], { problem: 'relationship' }) } } }),
};

const cfAttrs = { element: {}, label: {}, ns: {} };
/** Microsoft's Simple List Extensions (cf:). */
export const SIMPLE_LIST: Vocabulary = {
  treatAs: inChannel({ once: true }),
  listinfo: inChannel({ children: { 'cf:sort': { attrs: { ...cfAttrs, 'data-type': {}, default: {} } }, 'cf:group': { attrs: cfAttrs } } }),
};

/** OpenSearch 1.1 response elements in a feed (opensearch.org, "OpenSearch response elements"). */
export const OPENSEARCH: Vocabulary = {
  totalResults: inChannel({ once: true, value: nonNegative }),
  startIndex: inChannel({ once: true, value: integer }),
  itemsPerPage: inChannel({ once: true, value: nonNegative }),
  Query: inChannel({
    attrs: {
      role: { required: true, value: (v) => (v.includes(':') || ['request', 'example', 'related', 'correction', 'subset', 'superset'].includes(v) ? undefined : { problem: 'role', reason: 'must be request, example, related, correction, subset or superset' }) },
      title: { value: [maxLength(256), plain] }, totalResults: { value: nonNegative }, searchTerms: { value: urlEncoded }, count: { value: nonNegative }, startIndex: { value: integer },
      startPage: { value: integer }, language: { value: language }, inputEncoding: { value: charset }, outputEncoding: { value: charset }, parameter: {},
    },
  }),
};

const robots = ['all', 'none', 'index', 'index,follow', 'index,nofollow', 'noindex', 'noindex,follow', 'noindex,nofollow', 'follow', 'follow,index', 'follow,noindex', 'nofollow', 'nofollow,index', 'nofollow,noindex'];
/** XHTML in a feed outside content: a robots meta tag in the channel, an XHTML body in an item. */
export const XHTML: Vocabulary = {
  meta: inChannel({ attrs: { name: { required: true, value: oneOf(['robots'], { caseless: true, problem: 'name' }) }, content: { required: true, value: oneOf(robots, { caseless: true, problem: 'content' }) } } }),
  div: inChannel({ any: true }),
  body: inItem({ any: true }),
};

/** The Conversations Network's podcast ratings (conversationsnetwork.org/rssNamespace-1.0). */
export const CONVERSATIONS_NETWORK: Vocabulary = Object.fromEntries(
  Object.entries({ introMilliseconds: nonNegative, image: httpUrl, ratingAverage: unsignedNumber, ratingCount: nonNegative, ratingIndividual: positive, ratingTimestamp: iso8601 })
    .map(([name, value]) => [name, inItem({ once: true, value })]),
);

/** Atom Publishing Protocol elements inside an entry (RFC 5023 §10). */
export const APP_ENTRY: Vocabulary = {
  edited: inItem({ once: true, value: rfc3339 }),
  control: inItem({ once: true, children: { 'app:draft': { once: true, value: yesNo } } }),
};
