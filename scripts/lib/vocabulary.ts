// Word pools for generated posts. Invented for Herald's benchmarks; only the shape of the text matters.

export const CATEGORIES = [
  'News', 'Engineering', 'Field Reports', 'Security', 'Releases', 'Culture', 'Science', 'Climate',
  'Policy', 'Opinion', 'How-To', 'Data', 'Open Source', 'Interviews', 'Travel', 'Hardware',
  'Économie', 'Städte',
] as const;

const TAG_WORDS = [
  'rss', 'atom', 'json', 'node', 'typescript', 'privacy', 'caching', 'http', 'compression', 'markdown',
  'yaml', 'search', 'energy', 'transport', 'housing', 'elections', 'health', 'water', 'farming', 'space',
  'ocean', 'rail', 'bikes', 'batteries', 'solar', 'wind', 'courts', 'schools', 'libraries', 'museums',
  'music', 'film', 'books', 'games', 'chess', 'football', 'cricket', 'tennis', 'weather', 'storms',
  'wildlife', 'forests', 'rivers', 'bridges', 'ports', 'airports', 'budgets', 'taxes', 'trade', 'jobs',
];
const TAG_QUALIFIERS = ['local', 'open', 'urban', 'rural', 'public', 'digital', 'green', 'night', 'small', 'global'];

/** ~150 tag names: single words first (used most), then two-word tags (the long tail). */
export const TAGS: readonly string[] = [
  ...TAG_WORDS,
  ...TAG_QUALIFIERS.flatMap((qualifier, i) => TAG_WORDS.slice(i * 5, i * 5 + 10).map((word) => `${qualifier}-${word}`)),
];

export const AUTHORS = [
  'Ada Okafor', 'Bram de Vries', 'Chiara Rossi', 'Dmitri Volkov', 'Esi Mensah', 'Farah Haddad', 'Gareth Jones',
  'Hana Sato', 'Ines Carvalho', 'Jonas Lindqvist', 'Kemal Aydın', 'Lucía Fernández', 'Mei Lin', 'Niamh Byrne',
  'Oskar Nowak', 'Priya Raman', 'Quentin Moreau', 'Rosa Álvarez', 'Søren Madsen', 'Tomás Ruiz', 'Uma Patel',
  'Viktor Horváth', 'Wen Zhou', 'Yusuf Demir', 'Zofia Kowalska',
] as const;

export const NOUNS = [
  'council', 'network', 'river', 'budget', 'library', 'harbour', 'station', 'market', 'garden', 'bridge',
  'archive', 'server', 'feed', 'signal', 'festival', 'railway', 'satellite', 'reservoir', 'museum', 'school',
  'hospital', 'factory', 'orchard', 'tunnel', 'island', 'forecast', 'election', 'treaty', 'report', 'survey',
  'protocol', 'compiler', 'cache', 'release', 'parser', 'grid', 'battery', 'turbine', 'ferry', 'court',
  'committee', 'village', 'district', 'platform', 'journal', 'laboratory', 'studio', 'stadium', 'airport', 'border',
] as const;

export const VERBS = [
  'opens', 'closes', 'expands', 'delays', 'approves', 'rejects', 'publishes', 'tests', 'rebuilds', 'measures',
  'launches', 'restores', 'reviews', 'doubles', 'halves', 'replaces', 'connects', 'protects', 'funds', 'maps',
] as const;

export const ADJECTIVES = [
  'new', 'old', 'quiet', 'busy', 'long-awaited', 'temporary', 'regional', 'national', 'small', 'record',
  'fragile', 'costly', 'faster', 'slower', 'open', 'hidden', 'historic', 'modern', 'shared', 'unexpected',
] as const;

export const FILLER = [
  'the', 'a', 'of', 'in', 'on', 'for', 'with', 'and', 'but', 'while', 'after', 'before', 'since', 'as',
  'residents', 'officials', 'engineers', 'volunteers', 'readers', 'teams', 'visitors', 'planners', 'critics',
  'said', 'reported', 'noted', 'expected', 'argued', 'found', 'showed', 'warned', 'confirmed', 'suggested',
  'week', 'month', 'year', 'morning', 'season', 'decade', 'plan', 'project', 'figure', 'change', 'result',
  'more', 'less', 'most', 'several', 'many', 'few', 'every', 'some', 'early', 'late', 'later', 'again',
] as const;

export const PLACES = [
  'Leeds', 'Lyon', 'Porto', 'Gdańsk', 'Tromsø', 'Kraków', 'Bilbao', 'Utrecht', 'Cork', 'Turku', 'Graz',
  'Bergen', 'Nantes', 'Malmö', 'Zürich', 'Sevilla', 'Ghent', 'Aarhus', 'Brno', 'Plovdiv',
] as const;

export const CODE_SAMPLES: ReadonlyArray<{ lang: string; lines: readonly string[] }> = [
  {
    lang: 'ts',
    lines: [
      'export function total(items: readonly number[]): number {',
      '  return items.reduce((sum, n) => sum + n, 0);',
      '}',
      'if (total([1, 2]) < 3 && flag) console.log("<ok> & done");',
    ],
  },
  { lang: 'yaml', lines: ['site:', '  title: "Herald & Co"', '  url: https://example.org', 'feeds:', '  itemsPerFeed: 20'] },
  { lang: 'bash', lines: ['curl -sS -H "Accept-Encoding: gzip" https://example.org/feed.xml | gunzip | head', 'echo "$((1 << 4))"'] },
  { lang: 'json', lines: ['{', '  "version": "https://jsonfeed.org/version/1.1",', '  "items": [{ "id": "1", "title": "<b>x</b>" }]', '}'] },
  { lang: '', lines: ['GET /feed.xml HTTP/1.1', 'If-None-Match: "abc"', '', 'HTTP/1.1 304 Not Modified'] },
];
