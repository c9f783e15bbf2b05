import http from 'node:http';
import https from 'node:https';
import type { Logger } from 'pino';
import { yieldToRequests } from '../schedule/yield-to-requests.js';
import { systemClock, type Clock } from '../store/publisher.js';
import type { FeedStore } from '../store/feed-store.js';

/** The `websub` settings (their defaults are the config's), and a clock for tests. */
export interface NotifierOptions {
  /** Pings in flight at once, over all hubs (`websub.concurrency`): the bound on sockets and requests. */
  readonly concurrency: number;
  /** Tries per hub and topic, the first included, before the ping is given up. */
  readonly attempts: number;
  /** A hub's pause after its first failure; each further failure doubles it, up to `maxBackoffMs`. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  readonly timeoutMs: number;
  readonly clock?: Clock;
}

/** What the notifier holds, for /metrics. */
export interface NotifierFigures {
  /** Pings waiting for a free slot or for their hub's back-off (a topic waits at most once per hub). */
  readonly queued: number;
  readonly inFlight: number;
  readonly delivered: number;
  readonly givenUp: number;
  /** Hubs paused after a failure. */
  readonly backingOff: number;
}

// One hub's queue (an insertion-ordered set: a topic already waiting is not queued again) and back-off.
interface Hub {
  readonly url: string;
  readonly queue: Set<string>;
  readonly tries: Map<string, number>;
  inFlight: number;
  /** Failures since the last success; 0 means healthy. */
  failures: number;
  retryAt: number;
}

/**
 * Tells WebSub hubs (W3C WebSub §7, publisher notification) which feeds changed: a form POST with
 * `hub.mode=publish` and `hub.url=<topic>` per hub and topic. At most `concurrency` pings are in flight;
 * the rest wait in one queue per hub that holds each topic once, so the backlog never exceeds hubs × feeds.
 * A hub that fails is paused (exponential back-off) and then probed with one ping at a time until it
 * answers. Runs in the background; nothing waits for it.
 */
export class HubNotifier {
  private known = new Map<string, string>();
  private readonly hubs: Hub[];
  private readonly options: NotifierOptions;
  private readonly clock: Clock;
  private readonly idleWaiters: Array<() => void> = [];
  private inFlight = 0;
  private delivered = 0;
  private givenUp = 0;
  private turn = 0;
  private timer: { handle: unknown; at: number } | undefined;
  private readonly agents: { readonly 'http:': http.Agent; readonly 'https:': https.Agent };
  private stopped = false;
  private scanning = false;
  private rescan = false;

  constructor(hubs: readonly string[], private readonly log: Logger, options: NotifierOptions) {
    this.options = options;
    this.clock = options.clock ?? systemClock;
    // Sockets are bounded by the agents too, not only by the count of pings in flight.
    const agent = { keepAlive: true, maxTotalSockets: this.options.concurrency, maxFreeSockets: this.options.concurrency, timeout: this.options.timeoutMs };
    this.agents = { 'http:': new http.Agent(agent), 'https:': new https.Agent(agent) };
    this.hubs = hubs.map((url) => ({ url, queue: new Set(), tries: new Map(), inFlight: 0, failures: 0, retryAt: 0 }));
  }

  /**
   * Renders every feed (one per turn of the event loop, between requests), compares each one's ETag with
   * the last seen, and queues pings for those that changed. Changes during a scan are folded into one
   * more scan after it. `idle()` waits for this too.
   */
  contentChanged(store: Pick<FeedStore, 'feeds'>, publicUrl: string): void {
    if (this.stopped || !this.hubs.length) return;
    if (this.scanning) {
      this.rescan = true;
      return;
    }
    this.scanning = true;
    void (async () => {
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
      } catch (error) {
        this.log.error({ err: error }, 'WebSub notification failed');
      } finally {
        // Cleared in the same tick as the last look at `rescan`, so no change falls between.
        this.scanning = false;
        this.checkIdle();
      }
    })();
  }

  /** Compares each topic's version with the last one seen and queues a ping to every hub for those that changed. */
  feedsChanged(versions: ReadonlyMap<string, string>): void {
    const changed = [...versions].filter(([topic, version]) => this.known.get(topic) !== version).map(([topic]) => topic);
    this.known = new Map(versions);
    if (this.stopped || !this.hubs.length || !changed.length) return;
    this.log.info({ topics: changed.length, hubs: this.hubs.length }, 'notifying WebSub hubs');
    for (const hub of this.hubs) for (const topic of changed) hub.queue.add(topic);
    this.pump();
  }

  /** The backlog, pings in flight and outcomes so far. */
  figures(): NotifierFigures {
    let queued = 0;
    let backingOff = 0;
    for (const hub of this.hubs) {
      queued += hub.queue.size;
      if (hub.failures) backingOff++;
    }
    return { queued, inFlight: this.inFlight, delivered: this.delivered, givenUp: this.givenUp, backingOff };
  }

  /** Resolves when no scan runs, nothing is queued and nothing is in flight (or once stopped, nothing in flight). */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.checkIdle();
    });
  }

  /** Drops the queue and stops retrying; pings under way end after their current attempt. */
  stop(): void {
    this.stopped = true;
    for (const hub of this.hubs) hub.queue.clear();
    if (this.timer) this.clock.clearTimeout(this.timer.handle);
    this.timer = undefined;
    // Idle keep-alive sockets are closed now; busy ones once their ping ends (checkIdle).
    for (const agent of Object.values(this.agents)) for (const sockets of Object.values(agent.freeSockets)) sockets?.forEach((socket) => socket.destroy());
    this.checkIdle();
  }

  private checkIdle(): void {
    if (this.scanning || this.inFlight || this.hubs.some((hub) => hub.queue.size)) return;
    if (this.stopped) for (const agent of Object.values(this.agents)) agent.destroy();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  // A healthy hub takes as many pings as there are free slots; a failing one, after its pause, one probe.
  private ready(hub: Hub, now: number): boolean {
    return hub.queue.size > 0 && (hub.failures === 0 || (hub.inFlight === 0 && now >= hub.retryAt));
  }

  /** Starts pings while slots are free, taking the hubs in turn; waits for the next hub to come out of back-off. */
  private pump(): void {
    if (this.stopped) return;
    const now = this.clock.now().getTime();
    while (this.inFlight < this.options.concurrency) {
      let hub: Hub | undefined;
      for (let i = 0; i < this.hubs.length && !hub; i++) {
        const candidate = this.hubs[(this.turn + i) % this.hubs.length]!;
        if (this.ready(candidate, now)) hub = candidate;
      }
      if (!hub) break;
      this.turn = (this.hubs.indexOf(hub) + 1) % this.hubs.length;
      const topic = hub.queue.values().next().value as string;
      hub.queue.delete(topic);
      this.send(hub, topic);
    }
    this.wakeAfterBackoff(now);
  }

  private wakeAfterBackoff(now: number): void {
    const waiting = this.hubs.filter((hub) => hub.failures && hub.inFlight === 0 && hub.queue.size && hub.retryAt > now);
    if (!waiting.length) return;
    const at = Math.min(...waiting.map((hub) => hub.retryAt));
    if (this.timer && this.timer.at <= at) return;
    if (this.timer) this.clock.clearTimeout(this.timer.handle);
    const handle = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, at - now);
    handle.unref?.();
    this.timer = { handle, at };
  }

  private send(hub: Hub, topic: string): void {
    hub.inFlight++;
    this.inFlight++;
    const failuresAtStart = hub.failures;
    void this.post(hub.url, topic).then((outcome) => {
      hub.inFlight--;
      this.inFlight--;
      this.settle(hub, topic, outcome, failuresAtStart);
      this.pump();
      this.checkIdle();
    });
  }

  private settle(hub: Hub, topic: string, outcome: string | undefined, failuresAtStart: number): void {
    const attempt = (hub.tries.get(topic) ?? 0) + 1;
    if (outcome === undefined) {
      hub.failures = 0;
      hub.tries.delete(topic);
      this.delivered++;
      this.log.debug({ hub: hub.url, topic, attempt }, 'WebSub hub notified');
      return;
    }
    // Pings that failed together (started before the hub's last failure was seen) count as one failure.
    if (hub.failures === failuresAtStart) {
      hub.failures++;
      hub.retryAt = this.clock.now().getTime() + Math.min(this.options.maxBackoffMs, this.options.backoffMs * 2 ** (hub.failures - 1));
    }
    const last = attempt >= this.options.attempts;
    this.log.warn({ hub: hub.url, topic, attempt, outcome }, last ? 'WebSub hub notification failed; giving up' : 'WebSub hub notification failed; retrying');
    if (last) {
      hub.tries.delete(topic);
      this.givenUp++;
    } else if (!this.stopped) {
      hub.tries.set(topic, attempt);
      hub.queue.add(topic);
    }
  }

  /** One publish ping; resolves undefined when the hub accepted it, else what went wrong. */
  private post(hub: string, topic: string): Promise<string | undefined> {
    const body = new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': topic }).toString();
    return new Promise((resolve) => {
      const url = new URL(hub);
      const agent = url.protocol === 'https:' ? this.agents['https:'] : this.agents['http:'];
      const send = url.protocol === 'https:' ? https.request : http.request;
      const req = send(url, { method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, (res) => {
        // The body is read and dropped, so the socket goes back to the agent for the next ping.
        res.resume();
        res.on('end', () => resolve(res.statusCode! >= 200 && res.statusCode! < 300 ? undefined : `HTTP ${res.statusCode}`));
        res.on('error', (error) => resolve(error.message));
      });
      req.setTimeout(this.options.timeoutMs, () => req.destroy(new Error(`no answer in ${this.options.timeoutMs} ms`)));
      req.on('error', (error) => resolve(error.message));
      req.end(body);
    });
  }
}
