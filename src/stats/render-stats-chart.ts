import { escapeHtml } from '../content/escape-html.js';
import type { FeedFigures } from './stats-report.js';

const WIDTH = 640;
const HEIGHT = 220;
const LEFT = 44;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 28;
const COLOURS = ['#0645ad', '#c0392b', '#27864a', '#8e44ad', '#d35400'];
/** The chart draws at most this many feeds, those with the most subscribers. */
export const CHART_FEEDS = COLOURS.length;

// A round step giving about four gridlines up to `max`.
function step(max: number): number {
  const rough = Math.max(1, max / 4);
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** An SVG line chart of subscribers per day for the first CHART_FEEDS feeds, drawn on the server (no script). */
export function renderChart(feeds: readonly FeedFigures[]): string {
  const shown = feeds.slice(0, CHART_FEEDS);
  const points = shown.flatMap((feed) => feed.history);
  if (!points.length) return '<p class="note">No subscribers counted yet.</p>';
  const days = points.map((point) => dayNumber(point.date));
  const first = Math.min(...days);
  const last = Math.max(...days);
  const yStep = step(Math.max(1, ...points.map((point) => point.subscribers)));
  const yMax = yStep * Math.ceil(Math.max(1, ...points.map((point) => point.subscribers)) / yStep);
  const x = (date: string) => LEFT + (last === first ? (WIDTH - LEFT - RIGHT) / 2 : ((dayNumber(date) - first) / (last - first)) * (WIDTH - LEFT - RIGHT));
  const y = (n: number) => TOP + (1 - n / yMax) * (HEIGHT - TOP - BOTTOM);
  const grid: string[] = [];
  for (let n = 0; n <= yMax; n += yStep) {
    grid.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(n).toFixed(1)}" y2="${y(n).toFixed(1)}" stroke="#ddd"/><text x="${LEFT - 6}" y="${(y(n) + 4).toFixed(1)}" text-anchor="end">${n}</text>`);
  }
  const firstDate = points.find((point) => dayNumber(point.date) === first)!.date;
  const lastDate = points.find((point) => dayNumber(point.date) === last)!.date;
  const axis = `<text x="${LEFT}" y="${HEIGHT - 8}">${firstDate}</text>${last === first ? '' : `<text x="${WIDTH - RIGHT}" y="${HEIGHT - 8}" text-anchor="end">${lastDate}</text>`}`;
  const lines = shown.map((feed, i) => {
    const coords = feed.history.map((point) => `${x(point.date).toFixed(1)},${y(point.subscribers).toFixed(1)}`);
    const dots = coords.map((xy) => `<circle cx="${xy.split(',')[0]}" cy="${xy.split(',')[1]}" r="2.5"/>`).join('');
    return `<g fill="${COLOURS[i]}" stroke="${COLOURS[i]}"><title>${escapeHtml(feed.label)}</title>${coords.length > 1 ? `<polyline fill="none" stroke-width="2" points="${coords.join(' ')}"/>` : ''}${dots}</g>`;
  });
  const legend = shown
    .map((feed, i) => `<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${COLOURS[i]}"/></svg> ${escapeHtml(feed.label)}</li>`)
    .join('');
  return `<figure>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="Subscribers per day" font-size="11" font-family="system-ui,sans-serif" fill="#666">
${grid.join('\n')}
${axis}
${lines.join('\n')}
</svg>
<figcaption>Subscribers at the end of each day (the last point is today so far).<ul class="legend">${legend}</ul></figcaption>
</figure>`;
}
