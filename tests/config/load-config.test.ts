import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { repoRoot } from '../helpers.js';

const made: string[] = [];

async function configFile(yaml: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'herald-config-'));
  made.push(dir);
  const file = path.join(dir, 'herald.yml');
  await writeFile(file, yaml);
  return file;
}

afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('loadConfig', () => {
  it('reads the repository config with every default filled in, frozen', () => {
    const config = loadConfig({}, repoRoot);
    expect(config.site.title).toBe('Herald Dispatch');
    expect(config.server.publicUrl).toBe(config.site.url);
    expect(config.paths.posts).toBe(path.join(repoRoot, 'posts'));
    expect(Object.isFrozen(config.site)).toBe(true);
  });

  it('lets environment variables override the file', () => {
    const config = loadConfig(
      { PORT: '8080', SITE_URL: 'https://news.example.org/', POSTS_DIR: os.tmpdir(), WEBSUB_HUBS: 'https://a.example/hub, https://b.example/', VALIDATION_ENABLED: 'false' },
      repoRoot,
    );
    expect(config.server.port).toBe(8080);
    expect(config.site.url).toBe('https://news.example.org');
    expect(config.paths.posts).toBe(os.tmpdir());
    expect(config.feeds.hubs).toEqual(['https://a.example/hub', 'https://b.example/']);
    expect(config.validation.enabled).toBe(false);
  });

  it('stops on a bad value with a message naming the key, the value, what was expected and where it came from', () => {
    expect(() => loadConfig({ PORT: 'eighty' }, repoRoot)).toThrow(
      /config: server\.port = "eighty" is invalid: expected .*number.*\(from environment variable PORT\)/,
    );
    expect(() => loadConfig({ SITE_TIMEZONE: 'Mars/Olympus' }, repoRoot)).toThrow(/site\.timezone = "Mars\/Olympus" is invalid: expected an IANA time zone/);
    expect(() => loadConfig({ VALIDATION_SCHEDULE: 'every minute' }, repoRoot)).toThrow(/validation\.schedule = "every minute" is invalid: expected a cron expression/);
  });

  it('asks readers for an hour and shared caches for a minute by default, both configurable', async () => {
    const defaults = loadConfig({ HERALD_CONFIG: await configFile('{}\n') }, repoRoot);
    expect(defaults.feeds).toMatchObject({ cacheMaxAge: 3600, sharedMaxAge: 60 });
    expect(loadConfig({ CACHE_MAX_AGE: '7200', SHARED_MAX_AGE: '30' }, repoRoot).feeds).toMatchObject({ cacheMaxAge: 7200, sharedMaxAge: 30 });
    expect(() => loadConfig({ SHARED_MAX_AGE: '-1' }, repoRoot)).toThrow(/feeds\.sharedMaxAge = -1 is invalid/);
  });

  it('takes site.icon and site.logo as a path or an http(s) URL, and names a bad one', async () => {
    const good = await configFile('site:\n  icon: /assets/icon.png\n  logo: https://cdn.example.com/logo.png\n');
    expect(loadConfig({ HERALD_CONFIG: good }, repoRoot).site).toMatchObject({ icon: '/assets/icon.png', logo: 'https://cdn.example.com/logo.png' });
    const bad = await configFile('site:\n  logo: "javascript:alert(1)"\n');
    expect(() => loadConfig({ HERALD_CONFIG: bad }, repoRoot)).toThrow(/site\.logo = "javascript:alert\(1\)" is invalid: expected an absolute http\(s\) URL or a path/);
  });

  it('names an unknown key and a bad value in the file', async () => {
    const file = await configFile('site:\n  titel: Oops\nfeeds:\n  itemsPerFeed: 0\n');
    try {
      loadConfig({ HERALD_CONFIG: file }, repoRoot);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('config: unknown key site.titel');
      expect((error as Error).message).toContain(`config: feeds.itemsPerFeed = 0 is invalid: expected`);
      expect((error as Error).message).toContain(file);
    }
  });

  it('keeps the outside-in probe off by default, bounded, and names a bad probe value', async () => {
    const defaults = loadConfig({ HERALD_CONFIG: await configFile('{}\n') }, repoRoot);
    expect(defaults.probe).toMatchObject({ enabled: false, maxUrls: 6, concurrency: 2, timeoutMs: 10_000, maxBytes: 16 * 1024 * 1024 });
    expect(loadConfig({ PROBE_ENABLED: 'true', PROBE_SCHEDULE: '0 * * * *', PROBE_MAX_URLS: '12' }, repoRoot).probe).toMatchObject({ enabled: true, schedule: '0 * * * *', maxUrls: 12 });
    expect(() => loadConfig({ PROBE_MAX_URLS: '0' }, repoRoot)).toThrow('config: probe.maxUrls = 0 is invalid: expected a whole number of at least 1 (from environment variable PROBE_MAX_URLS)');
    expect(() => loadConfig({ PROBE_ENABLED: 'yes' }, repoRoot)).toThrow(/config: probe\.enabled = "yes" is invalid: expected a boolean/);
    const file = await configFile('probe:\n  timeoutMs: 50\n  concurrency: 9\n  userAgent: "Reader\\nInjected: 1"\n  schedule: soon\n');
    const message = (() => {
      try {
        loadConfig({ HERALD_CONFIG: file }, repoRoot);
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('config: probe.timeoutMs = 50 is invalid: expected a whole number of at least 100');
    expect(message).toContain('config: probe.concurrency = 9 is invalid: expected a whole number of at most 8');
    expect(message).toContain('config: probe.userAgent = "Reader\\nInjected: 1" is invalid: expected a User-Agent of 1 to 256 printable ASCII characters');
    expect(message).toContain('config: probe.schedule = "soon" is invalid: expected a cron expression');
  });

  it('refuses a missing HERALD_CONFIG file and a file that is not YAML', async () => {
    expect(() => loadConfig({ HERALD_CONFIG: '/nonexistent/herald.yml' }, repoRoot)).toThrow(/cannot read \/nonexistent\/herald.yml/);
    const file = await configFile('site: [unclosed');
    expect(() => loadConfig({ HERALD_CONFIG: file }, repoRoot)).toThrow(/is not valid YAML/);
  });

  it('names the environment variable when one item of a list from it is bad', () => {
    expect(() => loadConfig({ WEBSUB_HUBS: 'https://hub.example/ notaurl' }, repoRoot)).toThrow(
      /config: feeds\.hubs\.1 = "notaurl" is invalid: expected an absolute http\(s\) URL.*\(from environment variable WEBSUB_HUBS\)$/,
    );
  });

  it('stops when the posts folder is not there, naming the key and where it came from', async () => {
    expect(() => loadConfig({ POSTS_DIR: '/nonexistent/posts' }, repoRoot)).toThrow(
      'config: paths.posts = "/nonexistent/posts" is invalid: the folder cannot be read (ENOENT) (from environment variable POSTS_DIR)',
    );
    const file = await configFile('paths:\n  posts: herald.yml\n');
    expect(() => loadConfig({ HERALD_CONFIG: file }, path.dirname(file))).toThrow(`paths.posts = ${JSON.stringify(file)} is invalid: it is not a folder (from ${file})`);
  });
});

describe('URLs in the config', () => {
  it('turns an internationalised hub host into punycode, so the Link header can carry it', () => {
    const config = loadConfig({ WEBSUB_HUBS: 'https://hüb.例え.jp/päth' }, repoRoot);
    expect(config.feeds.hubs).toEqual(['https://xn--hb-xka.xn--r8jz45g.jp/p%C3%A4th']);
  });

  it('refuses a hub host with no punycode form, naming the key', () => {
    expect(() => loadConfig({ WEBSUB_HUBS: 'https://ab\u0378.example/' }, repoRoot)).toThrow(
      /config: feeds\.hubs\.0 = "https:\/\/ab\u0378\.example\/" is invalid: expected an absolute http\(s\) URL \(an internationalised host must have a punycode form\) \(from environment variable WEBSUB_HUBS\)/,
    );
  });

  it.each([
    ['SITE_URL', 'site.url', 'https://example.com/?utm=1'],
    ['SITE_URL', 'site.url', 'https://example.com/blog#top'],
    ['PUBLIC_URL', 'server.publicUrl', 'https://feeds.example.com/?'],
  ])('refuses %s with a query or fragment, naming %s', (env, key, value) => {
    expect(() => loadConfig({ [env]: value }, repoRoot)).toThrow(
      `config: ${key} = ${JSON.stringify(value)} is invalid: expected an absolute http(s) URL without a query (?) or fragment (#) (from environment variable ${env})`,
    );
  });

  it('keeps base URLs in ASCII without their trailing slash', () => {
    const config = loadConfig({ SITE_URL: 'https://Bücher.example/blog/', PUBLIC_URL: 'https://feeds.example.com/' }, repoRoot);
    expect(config.site.url).toBe('https://xn--bcher-kva.example/blog');
    expect(config.server.publicUrl).toBe('https://feeds.example.com');
  });
});
