import { Gauge, type Registry } from 'prom-client';
import type { StatsReport } from './stats-report.js';

/**
 * Registers the stats gauges, computed from a fresh report at each scrape. With replicas sharing a
 * stats folder each one reports the merged figures: aggregate them with max(), not sum().
 */
export function registerStatsMetrics(registry: Registry, report: () => StatsReport): void {
  let current: StatsReport | undefined;
  // One report per scrape, shared by the gauges whose collect runs within it.
  const fresh = () => {
    if (!current) {
      current = report();
      setImmediate(() => (current = undefined));
    }
    return current;
  };
  new Gauge({
    name: 'herald_feed_subscribers',
    help: 'Subscribers per feed (all formats) and reader family over the last 7 days: hosted readers\' reported counts plus distinct other clients',
    labelNames: ['feed', 'reader'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const feed of fresh().feeds) for (const count of feed.byReader) this.set({ feed: feed.key, reader: count.reader }, count.subscribers);
    },
  });
  const perReader = (name: string, help: string, value: (reader: StatsReport['readers'][number]) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['reader'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const reader of fresh().readers) this.set({ reader: reader.reader }, value(reader));
      },
    });
  perReader('herald_reader_polls', 'Feed polls per reader family over the last 7 days', (reader) => reader.polls);
  perReader('herald_reader_conditional_polls', 'Polls with If-None-Match or If-Modified-Since per reader family over the last 7 days', (reader) => Math.round((reader.conditionalShare ?? 0) * reader.polls));
  perReader('herald_reader_not_modified_polls', 'Polls answered 304 per reader family over the last 7 days', (reader) => Math.round((reader.notModifiedShare ?? 0) * reader.polls));
  perReader('herald_reader_invalid_validators', 'Polls with validators Herald never issued per reader family over the last 7 days', (reader) => reader.invalidValidators);
  perReader('herald_reader_throttled_polls', 'Polls answered 429 by polite polling per reader family over the last 7 days', (reader) => reader.throttled);
}
