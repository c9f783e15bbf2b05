import { ruleOf } from '../xml/values.js';
import { at, type CheckContext } from '../xml/walk.js';
import { attr, childrenNamed, type XmlElement } from '../xml/xml-node.js';
import { DC, DCTERMS } from './dublin-core.js';
import { country, language, mediaType, nonNegative, plain, positive, trueFalse, unsignedNumber, uri } from './kinds.js';
import { must, oneOf, type ElementSpec, type Value, type Vocabulary } from './spec.js';

/** The Media RSS namespace (Media RSS 1.5.1, rssboard.org/media-rss). */
export const MEDIA_NS = 'http://search.yahoo.com/mrss/';

// RFC 2326 §3.6 normal play time: now, seconds, or h:mm:ss, each with an optional fraction.
const npt = must('npt', 'a play time such as 12.5, 0:01:30 or now (RFC 2326 §3.6)', (v) => /^(?:now|\d+(?:\.\d*)?|\d+:[0-5]\d:[0-5]\d(?:\.\d*)?)$/.test(v));
const textType = oneOf(['plain', 'html'], { problem: 'type' });

// The EBU role codes Media RSS names for media:credit in the default scheme urn:ebu.
const EBU_ROLES = new Set([
  'actor', 'adaptor', 'anchor person', 'animal trainer', 'animator', 'announcer', 'armourer', 'art director', 'artist', 'artist/performer',
  'assistant camera', 'assistant chief lighting technician', 'assistant director', 'assistant producer', 'assistant visual editor', 'author',
  'broadcast assistant', 'broadcast journalist', 'camera operator', 'carpenter', 'casting', 'causeur', 'chief lighting technician', 'choir',
  'choreographer', 'clapper loader', 'commentary or commentator', 'commissioning broadcaster', 'composer', 'computer programmer', 'conductor',
  'consultant', 'continuity checker', 'correspondent', 'costume designer', 'dancer', 'dialogue coach', 'director', 'director of photography',
  'distribution company', 'draughtsman', 'dresser', 'dubber', 'editor', 'editor/producer', 'ensemble', 'executive producer', 'expert',
  'fight director', 'floor manager', 'focus puller', 'foley artist', 'foley editor', 'foley mixer', 'graphic assistant', 'graphic designer',
  'greensman', 'grip', 'hairdresser', 'illustrator', 'interviewed guest', 'interviewer', 'key character', 'key grip', 'key talents', 'leadman',
  'librettist', 'lighting director', 'lighting technician', 'location manager', 'lyricist', 'make up artist', 'manufacturer', 'matte artist',
  'music arranger', 'music group', 'musician', 'news reader', 'orchestra', 'participant', 'performer', 'photographer', 'post', 'producer',
  'production assistant', 'production company', 'production department', 'production manager', 'production secretary',
  'programme production researcher', 'programme proposal', 'property manager', 'publishing company', 'puppeteer', 'pyrotechnician', 'reporter',
  'rigger', 'runner', 'scenario', 'scenic operative', 'script supervisor', 'second assistant camera', 'second assistant director',
  'second unit director', 'set designer', 'set dresser', 'sign language', 'singer', 'sound designer', 'sound mixer', 'sound recordist',
  'special effects', 'stunts', 'subtitles', 'technical director', 'term', 'translation', 'transportation manager', 'treatment',
  'treatment proposal', 'treatment/programme proposal', 'vision mixer', 'visual editor', 'visual effects', 'wardrobe', 'witness',
]);

const RATINGS: Readonly<Record<string, readonly string[]>> = {
  'urn:simple': ['adult', 'nonadult'],
  'urn:mpaa': ['g', 'm', 'nc-17', 'pg', 'pg-13', 'r', 'x'],
  'urn:v-chip': ['14+', '18+', 'c', 'c8', 'g', 'pg', 'tv-14', 'tv-g', 'tv-ma', 'tv-pg', 'tv-y', 'tv-y7', 'tv-y7-fv'],
};
// ICRA labels: r (code code ...), each code a category with a level.
const ICRA_CODE = '(?:[nsvlocx]z [01]|(?:n[a-c]|s[a-f]|v[a-j]|l[a-c]|o[a-h]|c[a-b]|x[a-e]) 1)';
const ICRA = new RegExp(`^r \\(${ICRA_CODE}(?: ${ICRA_CODE})*\\)$`);

function say(element: XmlElement, context: CheckContext, problem: string, message: string): void {
  context.report.error(ruleOf(element, context, problem), `<${element.qname}> ${message}`, at(element));
}

function checkCredit(element: XmlElement, context: CheckContext): void {
  const role = attr(element, 'role');
  const scheme = attr(element, 'scheme') ?? 'urn:ebu';
  if (role && ((scheme === 'urn:ebu' && !EBU_ROLES.has(role)) || role !== role.toLowerCase())) {
    say(element, context, 'role', `role "${role}" is not ${scheme === 'urn:ebu' ? 'an EBU role code (lower case) as urn:ebu needs' : 'in lower case'}`);
  }
}

function checkHash(element: XmlElement, context: CheckContext): void {
  const value = element.text.trim();
  const length = attr(element, 'algo') === 'sha-1' ? 40 : 32;
  if (!/^[0-9A-Za-z]+$/.test(value) || value.length !== length) say(element, context, 'hash', `"${value}" is not a ${length}-character hexadecimal digest`);
}

function checkRating(element: XmlElement, context: CheckContext): void {
  const scheme = attr(element, 'scheme') ?? 'urn:simple';
  const value = element.text.trim();
  const allowed = RATINGS[scheme];
  if (allowed ? !allowed.includes(value) : scheme === 'urn:icra' && !ICRA.test(value)) say(element, context, 'rating', `"${value}" is not a rating of the ${scheme} scheme`);
}

function checkRestriction(element: XmlElement, context: CheckContext): void {
  const type = attr(element, 'type');
  const value = element.text.trim();
  if (type === undefined && value && !['all', 'none'].includes(value)) say(element, context, 'restriction', `"${value}" must be all or none when there is no type`);
  if (type === 'country') {
    for (const code of value.split(/\s+/).filter(Boolean)) if (country(code, context)) say(element, context, 'country', `"${code}" is not an ISO 3166 country code`);
  }
  const problem = type === 'uri' ? uri(value, context) : undefined;
  if (problem) say(element, context, problem.problem, `"${value}" ${problem.reason}`);
}

const schemeUri: Value = (value, context) => uri(value, context);

/** The elements Media RSS allows at channel, item, media:group and media:content level (§5 "Optional Elements"). */
const OPTIONAL: Vocabulary = {
  adult: { once: true, value: trueFalse, check: (e, c) => c.report.warn(ruleOf(e, c, 'deprecated'), '<media:adult> is deprecated; use <media:rating>', at(e)) },
  category: { value: plain, attrs: { label: { value: plain }, scheme: { value: schemeUri } } },
  copyright: { once: true, value: plain, attrs: { url: { value: uri } } },
  credit: { attrs: { role: {}, scheme: { value: schemeUri } }, check: checkCredit },
  description: { once: true, attrs: { type: { value: textType } } },
  keywords: {},
  hash: { attrs: { algo: { value: oneOf(['md5', 'sha-1'], { problem: 'hash' }) } }, check: checkHash },
  player: { attrs: { url: { required: true, value: uri }, height: { value: positive }, width: { value: positive } } },
  rating: { attrs: { scheme: { value: (v, c) => (RATINGS[v] || v === 'urn:icra' ? undefined : schemeUri(v, c)) } }, check: checkRating },
  restriction: { attrs: { relationship: { required: true, value: oneOf(['allow', 'deny'], { problem: 'relationship' }) }, type: { value: oneOf(['country', 'uri'], { problem: 'type' }) } }, check: checkRestriction },
  text: { attrs: { type: { value: textType }, lang: { value: language }, start: { value: npt }, end: { value: npt } } },
  title: { once: true, attrs: { type: { value: textType } } },
  thumbnail: { attrs: { url: { required: true, value: uri }, height: { value: positive }, width: { value: positive }, time: { value: npt } } },
};

const prefixed = (prefix: string, vocabulary: Vocabulary) => Object.fromEntries(Object.entries(vocabulary).map(([name, spec]) => [`${prefix}:${name}`, spec]));
const number = unsignedNumber;

/** media:content (§2): one media object; its attributes and the optional elements. */
const CONTENT: ElementSpec = {
  attrs: {
    url: { value: uri }, fileSize: { value: positive }, type: { value: mediaType }, medium: { value: oneOf(['image', 'audio', 'video', 'document', 'executable'], { problem: 'medium' }) },
    isDefault: { value: trueFalse }, expression: { value: oneOf(['sample', 'full', 'nonstop'], { problem: 'expression' }) }, bitrate: { value: number }, framerate: { value: number },
    samplingrate: { value: number }, channels: { value: nonNegative }, duration: { value: number }, height: { value: positive }, width: { value: positive }, lang: { value: language },
  },
  children: { ...prefixed('media', OPTIONAL), ...prefixed('dc', DC), ...prefixed('dcterms', DCTERMS) },
};

function checkGroup(group: XmlElement, context: CheckContext): void {
  if (childrenNamed(group, MEDIA_NS, 'content').length < 2) say(group, context, 'alternatives', 'holds fewer than two <media:content>; a group is for alternatives of one object (§1)');
}

/** The Media RSS vocabulary: content and group in items, the optional elements in channels and items. */
export const MEDIA: Vocabulary = {
  ...Object.fromEntries(Object.entries(OPTIONAL).map(([name, spec]) => [name, { ...spec, in: ['channel', 'item'] }])),
  content: { ...CONTENT, in: ['item'] },
  group: { in: ['item'], children: { 'media:content': CONTENT, ...prefixed('media', OPTIONAL) }, check: checkGroup },
};
