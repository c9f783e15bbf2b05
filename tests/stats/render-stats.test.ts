import { describe, expect, it } from 'vitest';
import { renderStatsHtml, duration } from '../../src/stats/render-stats-html.js';
import type { FeedFigures, StatsReport } from '../../src/stats/stats-report.js';

const feed = (key: string, label: string, history: number[]): FeedFigures => ({
  key,
  label,
  path: `/${key}/feed.html`,
  subscribers: history.at(-1)!,
  reported: 2,
  clients: history.at(-1)! - 2,
  byReader: [{ reader: 'feedly', name: 'Feedly', subscribers: 2, reported: true }, { reader: 'newsboat', name: 'Newsboat', subscribers: history.at(-1)! - 2, reported: false }],
  history: history.map((subscribers, i) => ({ date: `2024-06-${String(i + 1).padStart(2, '0')}`, subscribers })),
});

const report: StatsReport = {
  generatedAt: '2024-06-09T12:00:00.000Z',
  window: { days: 7, from: '2024-06-03', to: '2024-06-09' },
  hintSeconds: 300,
  politePolling: true,
  instances: [{ instance: 'a', savedAt: null }],
  totals: { subscriptions: 17, polls: 1234, throttled: 56 },
  feeds: [feed('site', 'Everything', [3, 5, 9, 12]), feed('tag', 'Tag: <maps> & "more"', [2, 3, 4, 5])],
  readers: [
    { reader: 'newsboat', name: 'Newsboat', kind: 'app', counted: true, subscribers: 13, polls: 1000, conditionalShare: 0.25, notModifiedShare: 0.2, medianIntervalSeconds: 1800, intervalToHint: 6, invalidValidators: 3, throttled: 56 },
    { reader: 'browser', name: 'Web browsers', kind: 'browser', counted: false, subscribers: 0, polls: 234, conditionalShare: 0, notModifiedShare: 0, medianIntervalSeconds: null, intervalToHint: null, invalidValidators: 0, throttled: 0 },
  ],
};

describe('renderStatsHtml', () => {
  const html = renderStatsHtml(report);

  it('is a page with no script, the figures in tables and an SVG chart drawn from the history', () => {
    expect(html).not.toMatch(/<script|javascript:|\son\w+=/i);
    expect(html).toContain('17 subscriptions across 2 feeds, 1234 polls from 2024-06-03 to 2024-06-09');
    expect(html).toContain('Polite polling: on, 56 polls answered 429');
    expect(html).toMatch(/<td><a href="\/site\/feed.html">Everything<\/a><\/td><td class="n">12<\/td><td class="n">2<\/td><td class="n">10<\/td><td>Feedly 2\*, Newsboat 10<\/td>/);
    expect(html).toMatch(/<td>Newsboat<\/td><td>app<\/td><td class="n">13<\/td><td class="n">1000<\/td><td class="n">25 %<\/td><td class="n">20 %<\/td><td class="n">30 min<\/td><td class="n">6.00×<\/td><td class="n">3<\/td><td class="n">56<\/td>/);
    expect(html).toContain('<td class="muted">not counted</td>');
    const lines = [...html.matchAll(/<polyline fill="none" stroke-width="2" points="([^"]+)"/g)].map((m) => m[1]!.split(' ').length);
    expect(lines).toEqual([4, 4]);
  });

  it('escapes feed names', () => {
    expect(html).toContain('Tag: &lt;maps&gt; &amp; &quot;more&quot;');
    expect(html).not.toContain('<maps>');
  });

  it('says so when nothing has been polled', () => {
    const empty = renderStatsHtml({ ...report, feeds: [], readers: [], totals: { subscriptions: 0, polls: 0, throttled: 0 } });
    expect(empty).toContain('No subscribers counted yet.');
    expect(empty).toContain('No feed has been polled yet.');
  });

  it('writes durations for people', () => {
    expect([duration(10), duration(300), duration(5400), duration(4 * 86_400), duration(null)]).toEqual(['10 s', '5 min', '1.5 h', '4.0 d', '–']);
  });
});
