import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerStatsMetrics } from '../../src/stats/stats-metrics.js';
import { Stats } from '../../src/stats/stats.js';
import { FakeClock, silent } from '../helpers.js';

describe('stats gauges', () => {
  it('export subscribers by feed and reader, and polls by reader, from a fresh report at each scrape', async () => {
    const clock = new FakeClock(new Date('2024-06-03T08:00:00Z'));
    const stats = new Stats({ instance: 't', hintSeconds: 300, politePolling: false, saveSeconds: 60, issuedEtag: () => true, clock, log: silent });
    const registry = new Registry();
    registerStatsMetrics(registry, () => stats.report());
    const document = stats.polls.document({ key: 'tag:maps', label: 'Tag: maps', path: '/tags/maps/feed.html' }, '/tags/maps/feed.xml', 300);
    stats.polls.poll(document, {}, 'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 9 subscribers)', '3.1.0.1', undefined, undefined, false);
    stats.polls.poll(document, {}, 'Newsboat/2.33', '198.51.100.1', '"x"', undefined, true);
    const text = await registry.metrics();
    expect(text).toContain('herald_feed_subscribers{feed="tag:maps",reader="feedly"} 9');
    expect(text).toContain('herald_feed_subscribers{feed="tag:maps",reader="newsboat"} 1');
    expect(text).toContain('herald_reader_not_modified_polls{reader="newsboat"} 1');
    stats.polls.poll(document, {}, 'Newsboat/2.33', '198.51.100.2', undefined, undefined, false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await registry.metrics()).toContain('herald_feed_subscribers{feed="tag:maps",reader="newsboat"} 2');
  });
});
