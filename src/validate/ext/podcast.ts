import { language, maxLength, mediaType, nonNegative, positive, rfc3339, rfc822, unsignedNumber, uri } from './kinds.js';
import { must, oneOf, type ElementSpec, type Vocabulary } from './spec.js';

/** The Podcasting 2.0 namespace (podcastindex.org/namespace/1.0, github.com/Podcastindex-org/podcast-namespace). */
export const PODCAST_NS = 'https://podcastindex.org/namespace/1.0';

const inChannel = (spec: ElementSpec): ElementSpec => ({ ...spec, in: ['channel'] });
const inItem = (spec: ElementSpec): ElementSpec => ({ ...spec, in: ['item'] });
const short = maxLength(128);
const yesNo = oneOf(['yes', 'no']);
const url = { required: true, value: uri };
const number = unsignedNumber;
// A UUIDv5 (RFC 4122), as podcast:guid must be.
const guid = must('guid', 'a version 5 UUID such as 917393e3-1b1e-5cef-ace4-edaa54e1f810', (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(v));
const MEDIUMS = ['podcast', 'music', 'video', 'film', 'audiobook', 'newsletter', 'blog', 'publisher', 'course'];
const medium = oneOf([...MEDIUMS, ...MEDIUMS.map((m) => `${m}L`), 'mixed'], { problem: 'medium' });

const person: ElementSpec = { value: short, attrs: { role: {}, group: {}, img: { value: uri }, href: { value: uri } } };
const location: ElementSpec = { once: true, value: short, attrs: { geo: {}, osm: {}, rel: { value: oneOf(['subject', 'creator'], { problem: 'rel' }) } } };
const remoteItem: ElementSpec = { attrs: { feedGuid: { required: true, value: guid }, feedUrl: { value: uri }, itemGuid: {}, medium: { value: medium }, title: {} } };
const value: ElementSpec = {
  attrs: { type: { required: true }, method: { required: true }, suggested: {} },
  children: {
    'podcast:valueRecipient': { attrs: { name: {}, customKey: {}, customValue: {}, type: { required: true }, address: { required: true }, split: { required: true, value: nonNegative }, fee: { value: oneOf(['true', 'false'], { problem: 'fee' }) } } },
    'podcast:valueTimeSplit': { any: true, attrs: { startTime: { required: true, value: number }, duration: { required: true, value: number }, remoteStartTime: { value: number }, remotePercentage: { value: nonNegative } } },
  },
};
const source: ElementSpec = { attrs: { uri: url, contentType: { value: mediaType } } };
const integrity: ElementSpec = { attrs: { type: { required: true, value: oneOf(['sri', 'pgp-signature'], { problem: 'type' }) }, value: { required: true } } };

/** The Podcasting 2.0 vocabulary: each tag, where it goes, and its required attributes. */
export const PODCAST: Vocabulary = {
  locked: inChannel({ once: true, value: yesNo, attrs: { owner: {} } }),
  funding: inChannel({ value: short, attrs: { url } }),
  guid: inChannel({ once: true, value: guid }),
  medium: inChannel({ once: true, value: medium }),
  trailer: inChannel({ value: short, attrs: { pubdate: { required: true, value: rfc822 }, url, length: { value: nonNegative }, type: { value: mediaType }, season: { value: positive } } }),
  license: { once: true, value: short, attrs: { url: { value: uri } } },
  block: inChannel({ value: yesNo, attrs: { id: {} } }),
  txt: { value: maxLength(4000), attrs: { purpose: { value: short } } },
  podping: inChannel({ once: true, attrs: { usesPodping: { value: oneOf(['true', 'false'], { problem: 'boolean' }) } } }),
  updateFrequency: inChannel({ once: true, value: short, attrs: { complete: { value: oneOf(['true', 'false'], { problem: 'boolean' }) }, dtstart: { value: rfc3339 }, rrule: {} } }),
  podroll: inChannel({ once: true, children: { 'podcast:remoteItem': remoteItem } }),
  remoteItem,
  publisher: inChannel({ once: true, children: { 'podcast:remoteItem': remoteItem } }),
  person,
  location,
  images: { once: true, attrs: { srcset: { required: true } } },
  value,
  liveItem: inChannel({ any: true, attrs: { status: { required: true, value: oneOf(['pending', 'live', 'ended'], { problem: 'status' }) }, start: { required: true, value: rfc3339 }, end: { value: rfc3339 } } }),
  contentLink: { value: short, attrs: { href: url } },
  chat: { attrs: { server: { required: true }, protocol: { required: true }, accountId: {}, space: {} } },
  transcript: inItem({ attrs: { url, type: { required: true, value: mediaType }, language: { value: language }, rel: { value: oneOf(['captions'], { problem: 'rel' }) } } }),
  chapters: inItem({ once: true, attrs: { url, type: { required: true, value: mediaType } } }),
  soundbite: inItem({ value: short, attrs: { startTime: { required: true, value: number }, duration: { required: true, value: number } } }),
  season: inItem({ once: true, value: positive, attrs: { name: { value: short } } }),
  episode: inItem({ once: true, value: must('number', 'a number such as 3 or 3.5', (v) => /^\d+(?:\.\d+)?$/.test(v)), attrs: { display: { value: maxLength(32) } } }),
  socialInteract: inItem({ attrs: { protocol: { required: true }, uri: url, accountId: {}, accountUrl: { value: uri }, priority: { value: nonNegative } } }),
  alternateEnclosure: inItem({
    attrs: { type: { required: true, value: mediaType }, length: { value: nonNegative }, bitrate: { value: number }, height: { value: positive }, lang: { value: language }, title: { value: maxLength(32) }, rel: {}, codecs: {}, default: { value: oneOf(['true', 'false'], { problem: 'boolean' }) } },
    children: { 'podcast:source': source, 'podcast:integrity': integrity },
  }),
};
