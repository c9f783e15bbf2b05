import { z } from 'zod';
import cron from 'node-cron';

const absoluteUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}, 'an absolute http(s) URL');

// A base URL that paths are appended to: kept without its trailing slash.
const baseUrl = absoluteUrl.transform((value) => value.replace(/\/+$/, ''));

const timeZone = z.string().refine((value) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as "UTC" or "Europe/London"');

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
        .regex(/^\/.*:(slug|title)/, 'a path starting with "/" that contains :slug or :title')
        .default('/:year/:month/:day/:slug.html'),
      icon: imageRef.optional(),
      logo: imageRef.optional(),
    })
    .prefault({}),
  server: z
    .strictObject({
      port: count(0, 65535).default(4000),
      host: z.string().min(1).default('0.0.0.0'),
      publicUrl: baseUrl.optional(),
      shutdownTimeoutMs: count(0, 600_000).default(5000),
    })
    .prefault({}),
  feeds: z
    .strictObject({
      itemsPerFeed: count(1, 1000).default(20),
      maxLimit: count(1, 10_000).default(100),
      cacheMaxAge: count(0, 86_400).default(3600),
      sharedMaxAge: count(0, 86_400).default(60),
      hubs: z.array(absoluteUrl).default([]),
    })
    .prefault({}),
  validation: z
    .strictObject({
      schedule: cronExpression.default('*/15 * * * *'),
      enabled: z.boolean().default(true),
    })
    .prefault({}),
  watch: z
    .strictObject({
      enabled: z.boolean().default(true),
      debounceMs: count(0, 10_000).default(25),
      rescanSeconds: count(0, 86_400).default(300),
    })
    .prefault({}),
  paths: z
    .strictObject({
      posts: z.string().min(1).default('posts'),
      static: z.string().min(1).default('static'),
    })
    .prefault({}),
  limits: z
    .strictObject({
      maxPostBytes: count(1024, 64 * 1024 * 1024).default(1024 * 1024),
      maxPosts: count(1, 1_000_000).default(50_000),
      maxTermsPerPost: count(1, 10_000).default(100),
    })
    .prefault({}),
  log: z
    .strictObject({
      level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    })
    .prefault({}),
});

type Parsed = z.infer<typeof configSchema>;

/** The validated, frozen configuration; paths are absolute and publicUrl is always set. */
export type Config = Readonly<
  Omit<Parsed, 'server'> & { server: Readonly<Parsed['server'] & { publicUrl: string }> }
>;
