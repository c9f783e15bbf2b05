import { ruleOf } from '../xml/values.js';
import { at, type CheckContext } from '../xml/walk.js';
import { attr, child, type XmlElement } from '../xml/xml-node.js';
import { email, httpUrl, maxLength, plain, positive, rfc822, trueFalse, uri } from './kinds.js';
import { must, oneOf, type ElementSpec, type Vocabulary } from './spec.js';

/** The iTunes podcast namespace (Apple Podcasts RSS feed requirements). */
export const ITUNES_NS = 'http://www.itunes.com/dtds/podcast-1.0.dtd';

// Apple Podcasts categories and their subcategories (podcasts.apple.com, "Apple Podcasts categories", 2019 list).
const CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  Arts: ['Books', 'Design', 'Fashion & Beauty', 'Food', 'Performing Arts', 'Visual Arts'],
  Business: ['Careers', 'Entrepreneurship', 'Investing', 'Management', 'Marketing', 'Non-Profit'],
  Comedy: ['Comedy Interviews', 'Improv', 'Stand-Up'],
  Education: ['Courses', 'How To', 'Language Learning', 'Self-Improvement'],
  Fiction: ['Comedy Fiction', 'Drama', 'Science Fiction'],
  Government: [],
  History: [],
  'Health & Fitness': ['Alternative Health', 'Fitness', 'Medicine', 'Mental Health', 'Nutrition', 'Sexuality'],
  'Kids & Family': ['Education for Kids', 'Parenting', 'Pets & Animals', 'Stories for Kids'],
  Leisure: ['Animation & Manga', 'Automotive', 'Aviation', 'Crafts', 'Games', 'Hobbies', 'Home & Garden', 'Video Games'],
  Music: ['Music Commentary', 'Music History', 'Music Interviews'],
  News: ['Business News', 'Daily News', 'Entertainment News', 'News Commentary', 'Politics', 'Sports News', 'Tech News'],
  'Religion & Spirituality': ['Buddhism', 'Christianity', 'Hinduism', 'Islam', 'Judaism', 'Religion', 'Spirituality'],
  Science: ['Astronomy', 'Chemistry', 'Earth Sciences', 'Life Sciences', 'Mathematics', 'Natural Sciences', 'Nature', 'Physics', 'Social Sciences'],
  'Society & Culture': ['Documentary', 'Personal Journals', 'Philosophy', 'Places & Travel', 'Relationships'],
  Sports: ['Baseball', 'Basketball', 'Cricket', 'Fantasy Sports', 'Football', 'Golf', 'Hockey', 'Rugby', 'Running', 'Soccer', 'Swimming', 'Tennis', 'Volleyball', 'Wilderness', 'Wrestling'],
  Technology: [],
  'True Crime': [],
  'TV & Film': ['After Shows', 'Film History', 'Film Interviews', 'Film Reviews', 'TV Reviews'],
};
// Categories of the 2005 and 2012 lists that Apple has since retired: a warning, not an error.
const RETIRED: Readonly<Record<string, readonly string[]>> = {
  Arts: ['Literature'],
  'Arts & Entertainment': ['Architecture', 'Design', 'Entertainment', 'Games', 'Performing Arts', 'Photography', 'Poetry', 'Science Fiction'],
  'Audio Blogs': [], Family: [], Food: [], Politics: [], 'Public Radio': [], 'Talk Radio': [], Travel: [], 'Movies & Television': [], 'News & Politics': [],
  Business: ['Business News', 'Finance', 'Management & Marketing', 'News', 'Shopping'],
  Comedy: [],
  Education: ['Education Technology', 'Educational Technology', 'Higher Education', 'K-12', 'Language Courses', 'Training'],
  'Games & Hobbies': ['Automotive', 'Aviation', 'Hobbies', 'Other Games', 'Video Games'],
  'Government & Organizations': ['Local', 'National', 'Non-Profit', 'Regional'],
  Health: ['Alternative Health', 'Diet & Nutrition', 'Fitness', 'Fitness & Nutrition', 'Relationships', 'Self-Help', 'Sexuality'],
  International: ['Australian', 'Belgian', 'Brazilian', 'Canadian', 'Chinese', 'Dutch', 'French', 'German', 'Hebrew', 'Italian', 'Japanese', 'Norwegian', 'Polish', 'Portuguese', 'Spanish', 'Swedish'],
  'Religion & Spirituality': ['New Age', 'Other', 'Philosophy'],
  'Science & Medicine': ['Medicine', 'Natural Sciences', 'Social Sciences'],
  'Society & Culture': ['History'],
  'Sports & Recreation': ['Amateur', 'College & High School', 'Outdoor', 'Professional'],
  Technology: ['Computers', 'Developers', 'Gadgets', 'Information Technology', 'News', 'Operating Systems', 'Podcasting', 'Smart Phones', 'Software How-To', 'Tech News', 'Text/Speech'],
  Transportation: ['Automotive', 'Aviation', 'Bicycles', 'Commuting'],
};
// File types Apple Podcasts plays, by extension.
const SUPPORTED = new Set(['m4a', 'mp3', 'mov', 'mp4', 'm4v', 'pdf', 'epub']);

function checkCategoryName(element: XmlElement, context: CheckContext, current: readonly string[] | undefined, retired: readonly string[] | undefined): void {
  const text = attr(element, 'text');
  if (text === undefined || current?.includes(text)) return;
  if (retired?.includes(text)) context.report.warn(ruleOf(element, context, 'retired'), `<itunes:category> "${text}" is a retired Apple Podcasts category`, at(element));
  else context.report.error(ruleOf(element, context, 'category'), `<itunes:category> "${text}" is not an Apple Podcasts category`, at(element));
}

function checkCategory(element: XmlElement, context: CheckContext): void {
  checkCategoryName(element, context, Object.keys(CATEGORIES), Object.keys(RETIRED));
  const top = attr(element, 'text') ?? '';
  for (const sub of element.children) {
    if (sub.ns === ITUNES_NS && sub.local === 'category') checkCategoryName(sub, context, CATEGORIES[top] ?? [], RETIRED[top] ?? []);
  }
}

const limited = (max: number): ElementSpec => ({ once: true, value: [maxLength(max), plain] });
const keywords = must('keywords', 'separated by commas', (v) => !v.includes(' ') || v.includes(','), { warning: true });
const SUBCATEGORY: ElementSpec = { attrs: { text: { required: true } } };

const SHARED: Vocabulary = {
  author: limited(255),
  block: { once: true, value: must('yes-no-clean', '"yes", "no" or "clean"', (v) => /^(?:yes|no|clean)$/i.test(v), { raw: true }) },
  explicit: { once: true, value: trueFalse },
  keywords: { once: true, value: [maxLength(255), plain, keywords] },
  subtitle: limited(255),
  summary: limited(4000),
  image: { once: true, attrs: { href: { required: true, value: httpUrl } } },
};

const only = (place: 'channel' | 'item', vocabulary: Vocabulary): Vocabulary =>
  Object.fromEntries(Object.entries(vocabulary).map(([name, spec]) => [name, { ...spec, in: [place] }]));

/** The iTunes vocabulary: channel (Atom feed) and item (entry) tags. */
export const ITUNES: Vocabulary = {
  ...SHARED,
  ...only('channel', {
    owner: {
      once: true,
      children: { 'itunes:email': { once: true, value: email }, 'itunes:name': limited(255) },
      check: (e, c) => void (child(e, ITUNES_NS, 'email') || c.report.error(ruleOf(e, c, 'email-missing'), '<itunes:owner> must contain <itunes:email>', at(e))),
    },
    category: { attrs: { text: { required: true } }, children: { 'itunes:category': SUBCATEGORY }, check: checkCategory },
    pubDate: { once: true, value: rfc822 },
    'new-feed-url': { once: true, value: uri },
    type: { once: true, value: oneOf(['episodic', 'serial']) },
  }),
  ...only('item', {
    duration: { once: true, value: must('duration', 'seconds or [h:]mm:ss, such as 1:02:03', (v) => /^\d+(?::[0-5]\d(?::[0-5]\d)?)?$/.test(v)) },
    title: { once: true },
    episode: { once: true, value: positive },
    season: { once: true, value: positive },
    episodeType: { once: true, value: oneOf(['full', 'trailer', 'bonus']) },
  }),
};

/** Whether a document uses the iTunes namespace anywhere below `element`. */
function usesItunes(element: XmlElement): boolean {
  return element.ns === ITUNES_NS || element.children.some(usesItunes);
}

/**
 * The podcast-level rules of a channel (Atom feed) that uses iTunes tags: Apple needs a language,
 * a category, the explicit flag and an owner's e-mail; episodes' files must be of a type it plays.
 */
export function checkPodcastChannel(channel: XmlElement, context: CheckContext): void {
  if (!usesItunes(channel)) return;
  const warn = (problem: string, message: string) => context.report.warn(`${context.prefix}.${channel.local}.${problem}`, message, at(channel));
  const hasLanguage = channel.children.some((c) => c.local === 'language' && (c.ns === channel.ns || c.ns === 'http://purl.org/dc/elements/1.1/')) || attr(channel, 'lang', 'http://www.w3.org/XML/1998/namespace') !== undefined;
  if (!hasLanguage) warn('itunes-language.missing', 'a podcast should give its <language> (Apple Podcasts)');
  if (!child(channel, ITUNES_NS, 'category')) warn('itunes-category.missing', 'a podcast should have an <itunes:category> (Apple Podcasts)');
  if (!child(channel, ITUNES_NS, 'explicit')) warn('itunes-explicit.missing', 'a podcast should have <itunes:explicit> (Apple Podcasts)');
  if (!child(channel, ITUNES_NS, 'owner')) warn('itunes-email.missing', 'a podcast should have an <itunes:owner> with an <itunes:email> (Apple Podcasts)');
  for (const item of channel.children.filter((c) => c.local === 'item' && c.ns === channel.ns)) {
    for (const enclosure of item.children.filter((c) => c.local === 'enclosure' && c.ns === channel.ns)) {
      const extension = (attr(enclosure, 'url') ?? '').split('.').pop()!.toLowerCase();
      if (!SUPPORTED.has(extension)) context.report.warn(ruleOf(enclosure, context, 'itunes-format'), `Apple Podcasts does not play .${extension} files`, at(enclosure));
    }
  }
}
