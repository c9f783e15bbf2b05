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
      { PORT: '8080', SITE_URL: 'https://news.example.org/', POSTS_DIR: '/srv/posts', WEBSUB_HUBS: 'https://a.example/hub, https://b.example/', VALIDATION_ENABLED: 'false' },
      repoRoot,
    );
    expect(config.server.port).toBe(8080);
    expect(config.site.url).toBe('https://news.example.org');
    expect(config.paths.posts).toBe('/srv/posts');
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

  it('refuses a missing HERALD_CONFIG file and a file that is not YAML', async () => {
    expect(() => loadConfig({ HERALD_CONFIG: '/nonexistent/herald.yml' }, repoRoot)).toThrow(/cannot read \/nonexistent\/herald.yml/);
    const file = await configFile('site: [unclosed');
    expect(() => loadConfig({ HERALD_CONFIG: file }, repoRoot)).toThrow(/is not valid YAML/);
  });
});
