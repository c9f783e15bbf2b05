import { describe, expect, it } from 'vitest';
import { classifyReader, ReaderClassifier } from '../../src/stats/classify-reader.js';
import { READERS } from '../../src/stats/reader-table.js';

// User-Agents in the forms the readers document or send (written for these tests).
const CASES: ReadonlyArray<[string, string, number | undefined, string]> = [
  ['Feedly/1.0 (+http://www.feedly.com/fetcher.html; 131 subscribers; feed-id=1a2b3c)', 'feedly', 131, '1a2b3c'],
  ['Feedly/1.0 (+https://feedly.com/poller.html; 1 subscriber)', 'feedly', 1, ''],
  ['Mozilla/5.0 (compatible; Inoreader/1.0; +https://www.inoreader.com; 12 subscribers)', 'inoreader', 12, ''],
  ['Feedbin feed-id:1373711 - 3 subscribers', 'feedbin', 3, '1373711'],
  ['NewsBlur Feed Fetcher - 21 subscribers - https://www.newsblur.com/site/6004/fixture (Mozilla/5.0 (Macintosh) Safari/534.48.3)', 'newsblur', 21, '6004'],
  ['Mozilla/5.0 (compatible; theoldreader.com; 5 subscribers; feed-id=55aa)', 'theoldreader', 5, '55aa'],
  ['Mozilla/5.0 (compatible; BazQux/2.4; +https://bazqux.com/fetcher; 2 subscribers)', 'bazqux', 2, ''],
  ['Dreamwidth Studios Syndication (https://www.dreamwidth.org/; 4 readers)', 'dreamwidth', 4, ''],
  ['Mozilla/5.0 (compatible; Miniflux/2.1.0; +https://miniflux.app)', 'miniflux', undefined, ''],
  ['FreshRSS/1.23.1 (Linux; https://freshrss.org)', 'freshrss', undefined, ''],
  ['NetNewsWire (RSS Reader; https://netnewswire.com/)', 'netnewswire', undefined, ''],
  ['Reeder/5.0 CFNetwork/1410 Darwin/22.6.0', 'reeder', undefined, ''],
  ['Feeder/2.6.1 (Android; https://github.com/spacecowboy/Feeder)', 'feeder', undefined, ''],
  ['Tiny Tiny RSS/23.04 (https://tt-rss.org/)', 'ttrss', undefined, ''],
  ['Newsboat/2.33 (Linux x86_64)', 'newsboat', undefined, ''],
  ['rss2email/3.14 (https://github.com/rss2email/rss2email)', 'rss2email', undefined, ''],
  ['UniversalFeedParser/6.0.11 +https://github.com/kurtmckee/feedparser/', 'feedparser', undefined, ''],
  ['SimplePie/1.8.0 (Feed Parser; http://simplepie.org; Allow like Gecko) Build/20230411', 'simplepie', undefined, ''],
  ['WordPress/6.4.2; https://blog.example.org', 'simplepie', undefined, ''],
  ['Slackbot 1.0 (+https://api.slack.com/robots)', 'slack', undefined, ''],
  ['Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)', 'discord', undefined, ''],
  ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'bot', undefined, ''],
  ['Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)', 'bot', undefined, ''],
  ['', 'bot', undefined, ''],
  ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36', 'browser', undefined, ''],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0', 'browser', undefined, ''],
  ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0 Safari/537.36', 'bot', undefined, ''],
  ['python-requests/2.31.0', 'other', undefined, ''],
  ['SomeNewReader/0.1 (hosted; 7 subscribers)', 'other', 7, ''],
];

describe('classifyReader', () => {
  it.each(CASES)('%s → %s', (ua, family, reported, subscription) => {
    const match = classifyReader(ua);
    expect(match.family.id).toBe(family);
    expect(match.reported).toBe(reported);
    expect(match.subscription).toBe(subscription);
  });

  it('does not read counts from browsers or bots, nor believe absurd ones', () => {
    expect(classifyReader('Mozilla/5.0 (compatible; Googlebot/2.1; 9 subscribers)').reported).toBeUndefined();
    expect(classifyReader('Feedly/1.0 (99999999999 subscribers)').reported).toBeUndefined();
    expect(classifyReader('Feedly/1.0 (1,024 subscribers)').reported).toBe(1024);
  });

  it('keeps one identity for a hosted subscription whose count changes, and one per User-Agent otherwise', () => {
    const a = classifyReader('Feedly/1.0 (+http://www.feedly.com/fetcher.html; 131 subscribers; feed-id=x)');
    const b = classifyReader('Feedly/1.0 (+http://www.feedly.com/fetcher.html; 135 subscribers; feed-id=x)');
    const c = classifyReader('Feedly/1.0 (+http://www.feedly.com/fetcher.html; 135 subscribers; feed-id=y)');
    expect([a.identityHi, a.identityLo]).toEqual([b.identityHi, b.identityLo]);
    expect([a.identityHi, a.identityLo]).not.toEqual([c.identityHi, c.identityLo]);
    expect(classifyReader('Newsboat/2.33').identityLo).not.toBe(classifyReader('Newsboat/2.34').identityLo);
  });

  it('lists every family with a unique id, "other" last, browsers and bots not counted', () => {
    expect(new Set(READERS.map((family) => family.id)).size).toBe(READERS.length);
    expect(READERS.at(-1)!.id).toBe('other');
    expect(READERS.filter((family) => !family.counted).map((family) => family.id).sort()).toEqual(['bot', 'browser']);
  });

  it('memoises by User-Agent and treats a missing one as empty', () => {
    const classifier = new ReaderClassifier();
    expect(classifier.classify('Newsboat/2.33')).toBe(classifier.classify('Newsboat/2.33'));
    expect(classifier.classify(undefined).family.id).toBe('bot');
  });
});
