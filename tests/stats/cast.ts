import type { SimClient } from './traffic.js';

/** Seconds in the replays: one week. */
export const WEEK = 7 * 86_400;
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/**
 * A week (or `seconds`) of realistic polling of a site feed (three formats) and one tag feed: hosted readers with
 * subscriber counts, desktop readers with and without conditional requests, a misbehaving poller, a
 * client sending validators Herald never issued, browsers and bots. `paths` maps the feed names used
 * here to the server's paths.
 */
export function cast(paths: { rss: string; atom: string; json: string; tag: string }, seconds = WEEK): SimClient[] {
  const switchAt = Math.round((seconds * 3) / 7);
  const hourly = { everySeconds: 3600, conditional: true };
  return [
    { ua: 'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 131 subscribers; feed-id=f1)', address: '3.1.0.1', path: paths.rss, ...hourly, until: switchAt },
    { ua: 'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 135 subscribers; feed-id=f1)', address: '3.1.0.2', path: paths.rss, ...hourly, from: switchAt },
    { ua: 'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 4 subscribers; feed-id=f2)', address: '3.1.0.3', path: paths.atom, ...hourly },
    { ua: 'Mozilla/5.0 (compatible; Inoreader/1.0; +https://www.inoreader.com; 12 subscribers)', address: '5.2.0.1', path: paths.json, everySeconds: 1800, conditional: true },
    { ua: 'Feedbin feed-id:77 - 3 subscribers', address: '7.3.0.1', path: paths.tag, ...hourly },
    ...['198.51.100.1', '198.51.100.2', '198.51.100.3'].map((address) => ({ ua: 'NetNewsWire (RSS Reader; https://netnewswire.com/)', address, path: paths.rss, everySeconds: 1800, conditional: true })),
    ...['198.51.100.20', '2001:db8::20'].map((address) => ({ ua: 'Newsboat/2.33 (Linux x86_64)', address, path: paths.atom, everySeconds: 900, conditional: false })),
    { ua: 'Mozilla/5.0 (compatible; Miniflux/2.1.0; +https://miniflux.app)', address: '192.0.2.50', path: paths.tag, ...hourly },
    { ua: 'python-requests/2.31.0', address: '203.0.113.9', path: paths.rss, everySeconds: 10, conditional: false, until: 2 * 3600 },
    { ua: 'Vienna/3.8.7', address: '192.0.2.77', path: paths.json, everySeconds: 3600, conditional: true, validator: '"not-one-of-ours"' },
    ...[1, 2, 3, 4].map((n) => ({ ua: CHROME, address: `192.0.2.${100 + n}`, path: paths.rss, everySeconds: 86_400, conditional: false })),
    { ua: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', address: '66.249.66.1', path: paths.rss, everySeconds: 21_600, conditional: false },
    { ua: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)', address: '40.77.167.1', path: paths.atom, everySeconds: 43_200, conditional: false },
  ];
}

/** What the replay above must count: subscribers per feed and reader family. */
export const EXPECTED = {
  site: { feedly: 135 + 4, inoreader: 12, netnewswire: 3, newsboat: 2, other: 1, vienna: 1 },
  tag: { feedbin: 3, miniflux: 1 },
} as const;
