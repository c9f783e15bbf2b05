import { dated, post, type Case, type Outcome } from './corpus-case.js';

// Every front-matter key given every YAML type: a list, a mapping, a number, a boolean, null and "".
const KINDS = ['list', 'mapping', 'number', 'boolean', 'null', 'empty'] as const;
type Kind = (typeof KINDS)[number];

interface KeyCases {
  /** How the value is placed in front matter (nested keys live under their parent). */
  readonly place?: (value: string) => string;
  /** The number this key is given (distinct per key, so ids and URLs do not collide). */
  readonly number?: string;
  /** Outcome per kind; `title` is the case's name unless the key is title itself. */
  readonly outcomes: (title: string) => Record<Kind, Outcome>;
}

const VALUES: Record<Kind, (key: KeyCases) => string> = {
  list: () => '[a, b]',
  mapping: () => '{a: 1}',
  number: (key) => key.number ?? '42',
  boolean: () => 'true',
  null: () => 'null',
  empty: () => '""',
};

const item = (title: string, extra: Record<string, unknown> = {}): Outcome => ({ item: { title, ...extra } });
const problem = (reason: RegExp): Outcome => ({ problem: reason });
const notText = (key: string) => ({ list: problem(new RegExp(`^${key} must be text, not a list`)), mapping: problem(new RegExp(`^${key} must be text, not a mapping`)) });
const SITE_AUTHOR = [{ name: 'Corpus Author', url: 'https://example.com/about' }];

const scalarText = (key: string, seen: (value: string) => Record<string, unknown>, absent: Record<string, unknown>) => (title: string) => ({
  ...notText(key),
  number: item(title, seen('42')),
  boolean: item(title, seen('true')),
  null: item(title, absent),
  empty: item(title, absent),
});

const termCases = (key: string): KeyCases => ({
  outcomes: (title) => ({
    list: item(title, { tags: ['a', 'b'] }),
    mapping: problem(new RegExp(`^${key} must be a list or a string of words, not a mapping`)),
    number: item(title, { tags: ['42'] }),
    // Jekyll writes any scalar as its text (Ruby's to_s).
    boolean: item(title, { tags: ['true'] }),
    null: item(title, { tags: undefined }),
    empty: item(title, { tags: undefined }),
  }),
});

const dateCases = (key: string, absent: Record<string, unknown>): KeyCases => ({
  outcomes: (title) => ({
    list: problem(new RegExp(`^${key} a list is not a date`)),
    mapping: problem(new RegExp(`^${key} a mapping is not a date`)),
    number: problem(new RegExp(`^${key} "42" is not a date`)),
    boolean: problem(new RegExp(`^${key} boolean true is not a date`)),
    null: item(title, absent),
    empty: item(title, absent),
  }),
});

const KEYS: Record<string, KeyCases> = {
  title: {
    outcomes: (_title) => ({
      ...notText('title'),
      number: item('42'),
      boolean: item('true'),
      null: item('Fm Title Null'),
      empty: item('Fm Title Empty'),
    }),
  },
  date: dateCases('date', { date_published: '2024-03-01T00:00:00Z' }),
  last_modified_at: dateCases('last_modified_at', { date_modified: '2024-03-01T00:00:00Z' }),
  categories: termCases('categories'),
  category: termCases('category'),
  tags: termCases('tags'),
  tag: termCases('tag'),
  author: {
    outcomes: (title) => ({
      list: problem(/^author must be a name or a mapping, not a list/),
      // jekyll-feed names an author mapping without `name` by the Hash as Ruby prints it.
      mapping: item(title, { authors: [{ name: '{"a"=>1}' }] }),
      number: item(title, { authors: [{ name: '42' }] }),
      boolean: item(title, { authors: [{ name: 'true' }] }),
      null: item(title, { authors: SITE_AUTHOR }),
      empty: item(title, { authors: SITE_AUTHOR }),
    }),
  },
  'author.name': {
    place: (value) => `author:\n  name: ${value}`,
    outcomes: (title) => ({
      ...notText('author\\.name'),
      number: item(title, { authors: [{ name: '42' }] }),
      boolean: item(title, { authors: [{ name: 'true' }] }),
      null: item(title, { authors: [{ name: '{"name"=>nil}' }] }),
      empty: item(title, { authors: [{ name: '{"name"=>""}' }] }),
    }),
  },
  'author.email': {
    place: (value) => `author:\n  name: Jo\n  email: ${value}`,
    outcomes: (title) => ({
      ...notText('author\\.email'),
      number: problem(/^author\.email "42" is not an e-mail address/),
      boolean: problem(/^author\.email "true" is not an e-mail address/),
      null: item(title, { authors: [{ name: 'Jo' }] }),
      empty: item(title, { authors: [{ name: 'Jo' }] }),
    }),
  },
  'author.uri': {
    place: (value) => `author:\n  name: Jo\n  uri: ${value}`,
    outcomes: (title) => ({
      ...notText('author\\.uri'),
      number: problem(/^author\.uri "42" is not an absolute http\(s\) URL/),
      boolean: problem(/^author\.uri "true" is not an absolute http\(s\) URL/),
      null: item(title, { authors: [{ name: 'Jo' }] }),
      empty: item(title, { authors: [{ name: 'Jo' }] }),
    }),
  },
  // jekyll-feed: an empty excerpt is no summary (a null one is no excerpt: the body's is taken).
  excerpt: {
    outcomes: (title) => ({ ...scalarText('excerpt', (value) => ({ summary: value }), { summary: 'Body text.' })(title), empty: item(title, { summary: undefined }) }),
  },
  description: { outcomes: scalarText('description', (value) => ({ summary: value }), { summary: 'Body text.' }) },
  image: {
    outcomes: (title) => ({
      list: problem(/^image must be a path or a mapping with path, not a list/),
      mapping: problem(/^image\.path is missing/),
      number: problem(/^image must be a path or a mapping with path, not number 42/),
      boolean: problem(/^image must be a path or a mapping with path, not boolean true/),
      null: item(title, { image: undefined }),
      empty: item(title, { image: undefined }),
    }),
  },
  'image.path': {
    place: (value) => `image:\n  path: ${value}`,
    number: '4201',
    outcomes: (title) => ({
      ...notText('image\\.path'),
      number: item(title, { image: 'https://example.com/4201' }),
      boolean: item(title, { image: 'https://example.com/true' }),
      null: problem(/^image\.path is missing/),
      empty: problem(/^image\.path is missing/),
    }),
  },
  'image.alt': {
    place: (value) => `image:\n  path: /img/photo.jpg\n  alt: ${value}`,
    outcomes: (title) => ({
      ...notText('image\\.alt'),
      number: { item: { title, image: 'https://example.com/img/photo.jpg' }, has: ['alt="42"'] },
      boolean: { item: { title, image: 'https://example.com/img/photo.jpg' }, has: ['alt="true"'] },
      null: { item: { title, image: 'https://example.com/img/photo.jpg' }, has: ['alt=""'] },
      empty: { item: { title, image: 'https://example.com/img/photo.jpg' }, has: ['alt=""'] },
    }),
  },
  published: {
    outcomes: (title) => ({
      // Jekyll's Document#published?: only `false` keeps a post out.
      list: item(title),
      mapping: item(title),
      number: item(title),
      boolean: item(title),
      null: item(title),
      empty: item(title),
    }),
  },
  id: {
    number: '4202',
    outcomes: (title) => ({
      ...notText('id'),
      number: item(title, { id: 'https://example.com/4202' }),
      boolean: item(title, { id: 'https://example.com/true' }),
      // jekyll-feed's id: the URL's folder and the slug.
      null: item(title, { id: 'https://example.com/2024/03/01/fm-id-null' }),
      empty: item(title, { id: 'https://example.com/2024/03/01/fm-id-empty' }),
    }),
  },
  slug: {
    number: '4203',
    outcomes: (title) => ({
      ...notText('slug'),
      number: item(title, { url: 'https://example.com/2024/03/01/4203.html' }),
      boolean: item(title, { url: 'https://example.com/2024/03/01/true.html' }),
      null: item(title, { url: 'https://example.com/2024/03/01/fm-slug-null.html' }),
      empty: item(title, { url: 'https://example.com/2024/03/01/fm-slug-empty.html' }),
    }),
  },
  permalink: {
    number: '4204',
    outcomes: (title) => ({
      ...notText('permalink'),
      number: item(title, { url: 'https://example.com/4204' }),
      boolean: item(title, { url: 'https://example.com/true', id: 'https://example.com/fm-permalink-boolean' }),
      null: item(title, { url: 'https://example.com/2024/03/01/fm-permalink-null.html' }),
      empty: item(title, { url: 'https://example.com/2024/03/01/fm-permalink-empty.html' }),
    }),
  },
};

/** One case per front-matter key and YAML type. */
export const frontMatterCases: Case[] = Object.entries(KEYS).flatMap(([key, cases]) =>
  KINDS.map((kind): Case => {
    const name = `${key}: ${kind}`;
    const value = VALUES[kind](cases);
    const line = cases.place ? cases.place(value) : `${key}: ${value}`;
    const titleLine = key === 'title' ? '' : `title: "${name}"\n`;
    return {
      name,
      file: dated(`fm-${key.replace('.', '-').replace(/_/g, '-')}-${kind}`),
      bytes: post(`${titleLine}${line}`),
      expect: cases.outcomes(name)[kind],
    };
  }),
);
