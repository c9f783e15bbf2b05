/**
 * What kind of client a User-Agent names. Hosted readers fetch once for many people and say how many
 * in their User-Agent; every other kind but browsers and bots is one subscriber per client.
 */
export type ReaderKind = 'hosted' | 'self-hosted' | 'app' | 'library' | 'chat' | 'other' | 'browser' | 'bot';

/** One row of the table of known readers. */
export interface ReaderFamily {
  /** Stable id: the Prometheus label, the key in /stats and in saved state. */
  readonly id: string;
  readonly name: string;
  readonly kind: ReaderKind;
  /** Position in READERS, for arrays indexed by family. */
  readonly index: number;
  /** Whether its clients count as subscribers (every kind but browsers and bots). */
  readonly counted: boolean;
}

interface Row {
  readonly id: string;
  readonly name: string;
  readonly kind: ReaderKind;
  /** Tested in table order against the User-Agent; the first match wins. */
  readonly pattern: RegExp;
}

// Order matters: readers whose User-Agent also says "Mozilla" or "bot" come before browsers and bots.
// Tokens are those the readers document for their fetchers (e.g. feedly.com/fetcher.html) or send as
// their product name; the subscriber counts are read by one rule for all (see classify-reader.ts).
const ROWS: readonly Row[] = [
  { id: 'feedly', name: 'Feedly', kind: 'hosted', pattern: /feedly/i },
  { id: 'inoreader', name: 'Inoreader', kind: 'hosted', pattern: /inoreader/i },
  { id: 'feedbin', name: 'Feedbin', kind: 'hosted', pattern: /feedbin/i },
  { id: 'newsblur', name: 'NewsBlur', kind: 'hosted', pattern: /newsblur/i },
  { id: 'theoldreader', name: 'The Old Reader', kind: 'hosted', pattern: /theoldreader|the old reader/i },
  { id: 'bazqux', name: 'BazQux', kind: 'hosted', pattern: /bazqux/i },
  { id: 'dreamwidth', name: 'Dreamwidth', kind: 'hosted', pattern: /dreamwidth/i },
  { id: 'livejournal', name: 'LiveJournal', kind: 'hosted', pattern: /livejournal/i },
  { id: 'netvibes', name: 'Netvibes', kind: 'hosted', pattern: /netvibes/i },
  { id: 'feedspot', name: 'Feedspot', kind: 'hosted', pattern: /feedspot/i },
  { id: 'superfeedr', name: 'Superfeedr', kind: 'hosted', pattern: /superfeedr/i },
  { id: 'feedsubs', name: 'Feedsubs', kind: 'hosted', pattern: /feedsubs/i },
  { id: 'miniflux', name: 'Miniflux', kind: 'self-hosted', pattern: /miniflux/i },
  { id: 'freshrss', name: 'FreshRSS', kind: 'self-hosted', pattern: /freshrss/i },
  { id: 'ttrss', name: 'Tiny Tiny RSS', kind: 'self-hosted', pattern: /tiny tiny rss|tt-rss/i },
  { id: 'commafeed', name: 'CommaFeed', kind: 'self-hosted', pattern: /commafeed/i },
  { id: 'nextcloud-news', name: 'Nextcloud News', kind: 'self-hosted', pattern: /nextcloud-news/i },
  { id: 'netnewswire', name: 'NetNewsWire', kind: 'app', pattern: /netnewswire/i },
  { id: 'reeder', name: 'Reeder', kind: 'app', pattern: /reeder/i },
  { id: 'feeder', name: 'Feeder', kind: 'app', pattern: /\bfeeder\/|spacecowboys/i },
  { id: 'newsboat', name: 'Newsboat', kind: 'app', pattern: /newsboat|newsbeuter/i },
  { id: 'thunderbird', name: 'Thunderbird', kind: 'app', pattern: /thunderbird/i },
  { id: 'liferea', name: 'Liferea', kind: 'app', pattern: /liferea/i },
  { id: 'akregator', name: 'Akregator', kind: 'app', pattern: /akregator/i },
  { id: 'quiterss', name: 'QuiteRSS', kind: 'app', pattern: /quiterss/i },
  { id: 'newsflash', name: 'NewsFlash', kind: 'app', pattern: /newsflash/i },
  { id: 'fluent-reader', name: 'Fluent Reader', kind: 'app', pattern: /fluent[ -]?reader/i },
  { id: 'vienna', name: 'Vienna', kind: 'app', pattern: /^vienna\//i },
  { id: 'rss2email', name: 'rss2email', kind: 'library', pattern: /rss2email/i },
  { id: 'feedparser', name: 'feedparser-based', kind: 'library', pattern: /feedparser/i },
  { id: 'simplepie', name: 'SimplePie / WordPress', kind: 'library', pattern: /simplepie|wordpress/i },
  { id: 'slack', name: 'Slack', kind: 'chat', pattern: /slack/i },
  { id: 'discord', name: 'Discord', kind: 'chat', pattern: /discord|monitorss/i },
  { id: 'bot', name: 'Bots and crawlers', kind: 'bot', pattern: /bot\b|bot\/|crawl|spider|slurp|facebookexternalhit|ia_archiver|headless|lighthouse|^$/i },
  { id: 'browser', name: 'Web browsers', kind: 'browser', pattern: /^mozilla\/5\.0 .*(gecko|applewebkit).*(firefox|chrome|safari|edg|opr)\/|^opera\//i },
];

/** The catch-all family: a client no row names (scripts, HTTP libraries, unknown readers). */
const OTHER: Row = { id: 'other', name: 'Other', kind: 'other', pattern: /(?:)/ };

/** Every family, in table order, "other" last. */
export const READERS: readonly ReaderFamily[] = [...ROWS, OTHER].map((row, index) =>
  Object.freeze({ id: row.id, name: row.name, kind: row.kind, index, counted: row.kind !== 'browser' && row.kind !== 'bot' }),
);

/** The family of a User-Agent by table order ("other" when no row matches; a missing one is a bot's). */
export function familyOf(userAgent: string): ReaderFamily {
  for (let i = 0; i < ROWS.length; i++) if (ROWS[i]!.pattern.test(userAgent)) return READERS[i]!;
  return READERS[ROWS.length]!;
}

/** The family with `id`, or undefined (saved state from a newer table). */
export function readerById(id: string): ReaderFamily | undefined {
  return BY_ID.get(id);
}

const BY_ID = new Map(READERS.map((family) => [family.id, family]));
