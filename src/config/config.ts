import { z } from 'zod';
import cron from 'node-cron';
import { schemeProblems } from '../address/check-scheme.js';
import { DEFAULT_SCHEME } from '../address/url-scheme.js';

function parsedHttpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

const absoluteUrl = z.string().refine((value) => parsedHttpUrl(value) !== undefined, 'an absolute http(s) URL');

// WHATWG URL serialisation: an internationalised host becomes punycode (UTS #46, as node:url's
// domainToASCII), other non-ASCII characters are percent-encoded, so the URL can go into a header (the
// WebSub Link header, RFC 8288) as well as into a document. A host that has no ASCII form fails `new URL`.
const asciiUrl = z
  .string()
  .refine((value) => parsedHttpUrl(value) !== undefined, 'an absolute http(s) URL (an internationalised host must have a punycode form)')
  .transform((value) => parsedHttpUrl(value)!.href);

// A base URL that paths are appended to: ASCII, without a query or fragment (a path appended after one
// would land inside it), kept without its trailing slash.
const baseUrl = z
  .string()
  .refine((value) => parsedHttpUrl(value) !== undefined && !/[?#]/.test(value), 'an absolute http(s) URL without a query (?) or fragment (#)')
  .transform((value) => parsedHttpUrl(value)!.href.replace(/\/+$/, ''));

const timeZone = z.string().refine((value) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as "UTC" or "Europe/London"');

/** The probe's User-Agent: reader-like (a CDN's bot rules see what a feed reader's request looks like). */
export const PROBE_USER_AGENT = 'Mozilla/5.0 (compatible; HeraldProbe/1.0; feed reader check)';

const cronExpression = z.string().refine((value) => cron.validate(value), 'a cron expression such as "*/15 * * * *"');
const languageTag = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'a language tag such as "en" or "en-GB"');
const count = (min: number, max: number) => z.number().int().min(min).max(max);

// An image for the feeds: an absolute http(s) URL, or a path resolved against site.url (like a post's image).
const imageRef = z.string().refine((value) => {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) return /^[^\s?#][^\s]*$/.test(value);
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'an absolute http(s) URL or a path such as /assets/icon.png');

// One path segment of a feed URL: a folder or a file name.
const segment = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._~-]*$/, 'one path segment: letters, digits, ".", "_", "~" or "-", starting with a letter or digit')
  .refine((value) => value !== 'archive' && value !== 'page', 'another name than "archive" or "page" (the folders of archive documents and page paths)');

const urls = z
  .strictObject({
    categories: segment.default(DEFAULT_SCHEME.folders.category),
    tags: segment.default(DEFAULT_SCHEME.folders.tag),
    authors: segment.default(DEFAULT_SCHEME.folders.author),
    files: z
      .strictObject({
        rss: segment.default(DEFAULT_SCHEME.files.rss),
        atom: segment.default(DEFAULT_SCHEME.files.atom),
        json: segment.default(DEFAULT_SCHEME.files.json),
        html: segment.default(DEFAULT_SCHEME.files.html),
      })
      .prefault({}),
    aliases: z.record(z.string(), z.string()).default({}),
    pages: z.enum(['query', 'path']).default('query'),
  })
  .prefault({})
  .superRefine((value, ctx) => {
    const folders = { category: value.categories, tag: value.tags, author: value.authors };
    for (const problem of schemeProblems({ maxLimit: 1, folders, files: value.files, aliases: value.aliases })) {
      ctx.addIssue({ code: 'custom', path: [...problem.path], message: problem.message, input: value });
    }
  });

const author = z.strictObject({
  name: z.string().min(1),
  email: z.email().optional(),
  uri: absoluteUrl.optional(),
});

/** The schema of config/herald.yml; every key has a default so an empty file is a valid config. */
export const configSchema = z.strictObject({
  site: z
    .strictObject({
      title: z.string().min(1).default('Herald'),
      description: z.string().min(1).default('Posts from Herald'),
      url: baseUrl.default('http://localhost:4000'),
      language: languageTag.default('en'),
      author: author.default({ name: 'Herald' }),
      timezone: timeZone.default('UTC'),
      permalink: z
        .string()
        .regex(/^(\/.*|date|pretty|ordinal|weekdate|none)$/, 'a path starting with "/" or a Jekyll style (date, pretty, ordinal, weekdate, none)')
        .default('/:year/:month/:day/:slug.html'),
      icon: imageRef.optional(),
      logo: imageRef.optional(),
      excerptSeparator: z.string().default('\n\n'),
    })
    .prefault({}),
  server: z
    .strictObject({
      port: count(0, 65535).default(4000),
      host: z.string().min(1).default('0.0.0.0'),
      publicUrl: baseUrl.optional(),
      shutdownTimeoutMs: count(0, 600_000).default(5000),
      headersTimeoutMs: count(100, 30_000).default(10_000),
      sendTimeoutMs: count(100, 3_600_000).default(30_000),
    })
    .prefault({}),
  feeds: z
    .strictObject({
      itemsPerFeed: count(1, 1000).default(20),
      maxLimit: count(1, 10_000).default(100),
      cacheMaxAge: count(0, 86_400).default(3600),
      sharedMaxAge: count(0, 86_400).default(60),
      hubs: z.array(asciiUrl).default([]),
      itemIds: z.enum(['jekyll-feed', 'permalink']).default('jekyll-feed'),
      idBase: baseUrl.optional(),
    })
    .prefault({}),
  urls,
  operator: z
    .strictObject({
      token: z
        .string()
        .regex(/^[A-Za-z0-9._~+/=-]{16,}$/, 'a token of at least 16 letters, digits or ._~+/=- (RFC 6750 b64token)')
        .optional(),
      listen: z
        .string()
        .regex(/^(?:(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):)?\d{1,5}$/, 'a port, or host:port, such as "127.0.0.1:9100"')
        .transform((value) => {
          const colon = value.lastIndexOf(':');
          const host = colon < 0 ? '127.0.0.1' : value.slice(0, colon).replace(/^\[|\]$/g, '');
          return { host, port: Number(colon < 0 ? value : value.slice(colon + 1)) };
        })
        .refine((value) => value.port <= 65535, 'a port from 0 to 65535')
        .optional(),
    })
    .prefault({}),
  websub: z
    .strictObject({
      concurrency: count(1, 1024).default(8),
      attempts: count(1, 100).default(4),
      backoffMs: count(1, 3_600_000).default(1000),
      maxBackoffMs: count(1, 86_400_000).default(300_000),
      timeoutMs: count(100, 600_000).default(10_000),
    })
    .prefault({}),
  cache: z
    .strictObject({
      renderedBytes: count(64 * 1024, 2 ** 40).default(256 * 1024 * 1024),
      urlBytes: count(64 * 1024, 2 ** 40).default(8 * 1024 * 1024),
      bodyBytes: count(64 * 1024, 2 ** 40).default(32 * 1024 * 1024),
      runBodyBytes: count(64 * 1024, 2 ** 40).default(8 * 1024 * 1024),
    })
    .prefault({}),
  validation: z
    .strictObject({
      schedule: cronExpression.default('*/15 * * * *'),
      enabled: z.boolean().default(true),
      worker: z.boolean().default(true),
    })
    .prefault({}),
  probe: z
    .strictObject({
      enabled: z.boolean().default(false),
      schedule: cronExpression.default('7-59/15 * * * *'),
      maxUrls: count(1, 100).default(6),
      concurrency: count(1, 8).default(2),
      timeoutMs: count(100, 120_000).default(10_000),
      maxBytes: count(1024, 256 * 1024 * 1024).default(16 * 1024 * 1024),
      userAgent: z.string().regex(/^[\x20-\x7e]{1,256}$/, 'a User-Agent of 1 to 256 printable ASCII characters').default(PROBE_USER_AGENT),
    })
    .prefault({}),
  watch: z
    .strictObject({
      enabled: z.boolean().default(true),
      debounceMs: count(0, 10_000).default(25),
      settleMs: count(0, 10_000).default(100),
      rescanSeconds: count(0, 86_400).default(300),
    })
    .prefault({}),
  paths: z
    .strictObject({
      posts: z.string().min(1).default('posts'),
      static: z.string().min(1).default('static'),
      data: z.string().min(1).optional(),
      authors: z.string().min(1).default('config/authors.yml'),
      site: z.string().min(1).optional(),
    })
    .prefault({}),
  limits: z
    .strictObject({
      maxPostBytes: count(1024, 1024 * 1024 * 1024).default(32 * 1024 * 1024),
      maxPosts: count(1, 100_000_000).default(10_000_000),
      maxTermsPerPost: count(1, 10_000).default(100),
      postRenderMs: count(50, 600_000).default(5_000),
      renderQueue: count(1, 100_000).default(100),
    })
    .prefault({}),
  stats: z
    .strictObject({
      enabled: z.boolean().default(true),
      instance: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a name of letters, digits, ".", "_" or "-" (at most 64)').optional(),
      politePolling: z.boolean().default(false),
      forwardedFor: z.boolean().default(false),
      saveSeconds: count(1, 3600).default(60),
    })
    .prefault({}),
  log: z
    .strictObject({
      level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    })
    .prefault({}),
});

type Parsed = z.infer<typeof configSchema>;

/** Site keys the environment sets, which win over a Jekyll site's `_config.yml` in site mode. */
export interface SiteOverrides {
  /** `server.publicUrl` (PUBLIC_URL) when set: else Herald is reached at the site's url + baseurl. */
  readonly publicUrl?: string;
  readonly url?: string;
  readonly title?: string;
  readonly timezone?: string;
}

/** The validated, frozen configuration; paths are absolute and publicUrl is always set. */
export type Config = Readonly<
  Omit<Parsed, 'server'> & { server: Readonly<Parsed['server'] & { publicUrl: string }>; siteOverrides?: SiteOverrides }
>;
