import { escapeHtml } from '../content/escape-html.js';
import { renderChart } from './render-stats-chart.js';
import type { FeedFigures, ReaderFigures, StatsReport } from './stats-report.js';

const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)} %`);

/** Seconds for people: 45 s, 12 min, 3.5 h, 2 d. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

function feedRow(feed: FeedFigures): string {
  const readers = feed.byReader.map((count) => `${escapeHtml(count.name)} ${count.subscribers}${count.reported ? '*' : ''}`).join(', ');
  return `<tr><td><a href="${escapeHtml(feed.path)}">${escapeHtml(feed.label)}</a></td><td class="n">${feed.subscribers}</td><td class="n">${feed.reported}</td><td class="n">${feed.clients}</td><td>${readers || '–'}</td></tr>`;
}

function readerRow(reader: ReaderFigures): string {
  const ratio = reader.intervalToHint === null ? '–' : `${reader.intervalToHint.toFixed(reader.intervalToHint < 10 ? 2 : 0)}×`;
  const cells = [
    reader.counted ? String(reader.subscribers) : 'not counted',
    String(reader.polls),
    percent(reader.conditionalShare),
    percent(reader.notModifiedShare),
    duration(reader.medianIntervalSeconds),
    ratio,
    String(reader.invalidValidators),
    String(reader.throttled),
  ];
  return `<tr><td>${escapeHtml(reader.name)}</td><td>${reader.kind}</td>${cells.map((cell, i) => `<td class="${i === 0 && !reader.counted ? 'muted' : 'n'}">${cell}</td>`).join('')}</tr>`;
}

/** The /stats.html page: subscribers per feed, a chart of them over time, and how each reader family polls. */
export function renderStatsHtml(report: StatsReport): string {
  const { window, totals } = report;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Herald: subscribers and readers</title>
  <style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}a{color:#0645ad}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem;font-size:.92rem}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}th{background:#f6f6f6}.n{text-align:right;font-variant-numeric:tabular-nums}.muted,.note{color:#666}figure{margin:1rem 0}.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;margin:.3rem 0}.summary{background:#f6f6f6;padding:.6rem 1rem;border-radius:6px}</style>
</head>
<body>
<h1>Subscribers and readers</h1>
<p class="summary">${totals.subscriptions} subscription${totals.subscriptions === 1 ? '' : 's'} across ${report.feeds.length} feed${report.feeds.length === 1 ? '' : 's'}, ${totals.polls} polls from ${window.from} to ${window.to} (UTC, the last ${window.days} days). Polling hint: ${duration(report.hintSeconds)}. Polite polling: ${report.politePolling ? `on, ${totals.throttled} poll${totals.throttled === 1 ? '' : 's'} answered 429` : 'off'}. Counted at ${escapeHtml(report.generatedAt)} over ${report.instances.length} instance${report.instances.length === 1 ? '' : 's'}.</p>
<h2>Subscribers over time</h2>
${renderChart(report.feeds)}
<h2>Feeds</h2>
<table>
<thead><tr><th>feed (all formats)</th><th class="n">subscribers</th><th class="n">reported</th><th class="n">other clients</th><th>by reader (* reported by the reader)</th></tr></thead>
<tbody>
${report.feeds.map(feedRow).join('\n') || '<tr><td colspan="5" class="note">No feed has been polled yet.</td></tr>'}
</tbody>
</table>
<h2>Readers</h2>
<table>
<thead><tr><th>reader</th><th>kind</th><th class="n">subscribers</th><th class="n">polls</th><th class="n">conditional</th><th class="n">answered 304</th><th class="n">median interval</th><th class="n">interval ÷ hint</th><th class="n">invalid validators</th><th class="n">429</th></tr></thead>
<tbody>
${report.readers.map(readerRow).join('\n') || '<tr><td colspan="10" class="note">No polls yet.</td></tr>'}
</tbody>
</table>
<p class="note">Subscribers: the latest count each hosted reader reports in its User-Agent, plus every other client (address and User-Agent, told apart by a keyed hash; no address is kept) seen in the last ${window.days} days. Browsers and bots are not counted. The same figures as JSON: <a href="stats">/stats</a>.</p>
</body>
</html>
`;
}
