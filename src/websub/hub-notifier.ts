import type { Logger } from 'pino';
import { yieldToRequests } from '../schedule/yield-to-requests.js';
import type { FeedStore } from '../store/feed-store.js';

export interface NotifierOptions {
  /** Attempts per hub and topic, the first included. */
  readonly attempts: number;
  /** Delay before the second attempt; each further one waits four times longer. */
  readonly backoffMs: number;
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
}

const DEFAULTS: NotifierOptions = { attempts: 4, backoffMs: 1000, timeoutMs: 10_000 };

/**
 * Tells WebSub hubs (W3C WebSub §7, publisher notification) which feeds changed: a form POST with
 * `hub.mode=publish` and `hub.url=<topic>` per hub and topic, retried with exponential back-off. Runs in
 * the background; nothing waits for it. A topic already waiting for a hub is not queued twice.
 */
export class HubNotifier {
  private known = new Map<string, string>();
  private readonly inFlight = new Set<string>();
  private readonly options: NotifierOptions;
  private readonly pending = new Set<Promise<void>>();
  private stopped = false;
  private scanning = false;
  private rescan = false;

  constructor(
    private readonly hubs: readonly string[],
    private readonly log: Logger,
    options: Partial<NotifierOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /**
   * Renders every feed (one per turn of the event loop, between requests), compares each one's ETag with
   * the last seen, and notifies the hubs of those that changed. Changes during a scan are folded into one
   * more scan after it. `idle()` waits for this too.
   */
  contentChanged(store: Pick<FeedStore, 'feeds'>, publicUrl: string): void {
    if (this.stopped || !this.hubs.length) return;
    if (this.scanning) {
      this.rescan = true;
      return;
    }
    this.scanning = true;
    const task = (async () => {
      try {
        do {
          this.rescan = false;
          const versions = new Map<string, string>();
          for (const feed of store.feeds()) {
            versions.set(`${publicUrl}${feed.path}`, feed.render().identity.etag);
            await yieldToRequests();
          }
          this.feedsChanged(versions);
        } while (this.rescan && !this.stopped);
      } finally {
        // Cleared in the same tick as the last look at `rescan`, so no change falls between.
        this.scanning = false;
      }
    })()
      .catch((error: unknown) => this.log.error({ err: error }, 'WebSub notification failed'))
      .finally(() => this.pending.delete(task));
    this.pending.add(task);
  }

  /** Compares each topic's version with the last one seen and notifies the hubs of those that changed. */
  feedsChanged(versions: ReadonlyMap<string, string>): void {
    const changed = [...versions].filter(([topic, version]) => this.known.get(topic) !== version).map(([topic]) => topic);
    this.known = new Map(versions);
    if (this.stopped || !this.hubs.length || !changed.length) return;
    this.log.info({ topics: changed.length, hubs: this.hubs.length }, 'notifying WebSub hubs');
    for (const hub of this.hubs) {
      for (const topic of changed) {
        const key = `${hub} ${topic}`;
        if (this.inFlight.has(key)) continue;
        this.inFlight.add(key);
        const task = this.publish(hub, topic).finally(() => {
          this.inFlight.delete(key);
          this.pending.delete(task);
        });
        this.pending.add(task);
      }
    }
  }

  /** Resolves when every notification under way has succeeded or given up. */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  /** Stops retrying; notifications under way end after their current attempt. */
  stop(): void {
    this.stopped = true;
  }

  private async publish(hub: string, topic: string): Promise<void> {
    const doFetch = this.options.fetch ?? fetch;
    for (let attempt = 1; attempt <= this.options.attempts && !this.stopped; attempt++) {
      let outcome: string;
      try {
        const res = await doFetch(hub, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': topic }).toString(),
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
        if (res.ok) {
          this.log.info({ hub, topic, attempt }, 'WebSub hub notified');
          return;
        }
        outcome = `HTTP ${res.status}`;
      } catch (error) {
        outcome = (error as Error).message;
      }
      const last = attempt === this.options.attempts;
      this.log.warn({ hub, topic, attempt, outcome }, last ? 'WebSub hub notification failed; giving up' : 'WebSub hub notification failed; retrying');
      if (!last) await new Promise((resolve) => setTimeout(resolve, this.options.backoffMs * 4 ** (attempt - 1)).unref());
    }
  }
}
