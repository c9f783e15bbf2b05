import type { IncomingMessage, ServerResponse } from 'node:http';
import { navigating, sendError } from './create-app.js';

// The health endpoints answer while the posts load: /healthz that the process lives, /readyz that it is starting.
const ALWAYS = new Set(['/healthz', '/readyz']);

/**
 * Herald's front door while its first load runs (it listens from the start): requests for the health
 * endpoints go in, and for the saved first pages once a restart serves them (see Publisher); any other
 * waits for the load to be over, `max` of them at most (more are told to come back, 503 with
 * Retry-After), and is answered once it is. After `open`, every request goes in.
 */
export class StartGate {
  private readonly passing = new Set<string>();
  private held: Array<readonly [IncomingMessage, ServerResponse]> | undefined = [];
  private closing = false;

  constructor(private readonly max: number) {}

  /**
   * Lets requests for these paths in before the load is over (a browser's navigation still waits: it gets
   * the HTML view), those already held among them too, answered with `handle`.
   */
  allow(paths: Iterable<string>, handle: (req: IncomingMessage, res: ServerResponse) => void): void {
    for (const path of paths) this.passing.add(path);
    const held = this.held;
    if (!held || this.closing) return;
    const waiting = held.splice(0);
    for (const [req, res] of waiting) {
      if (!this.passes(req)) held.push([req, res]);
      else if (!req.socket.destroyed) handle(req, res);
    }
  }

  // Whether a request goes in before the load is over: one for an allowed page, not a browser's navigation.
  private passes(req: IncomingMessage): boolean {
    return (req.method === 'GET' || req.method === 'HEAD') && this.passing.has(req.url ?? '') && !navigating(req);
  }

  /** Whether to answer the request now; if not, it is held (or turned away) and answered by `open`'s handler. */
  admit(req: IncomingMessage, res: ServerResponse): boolean {
    const held = this.held;
    const url = req.url ?? '';
    if (!held || ALWAYS.has(url)) return true;
    if (this.passes(req)) return true;
    if (this.closing || held.length >= this.max) {
      turnAway(res, this.closing);
      return false;
    }
    held.push([req, res]);
    return false;
  }

  /**
   * Herald stops before its load is over: the requests held, and any other not let in from now on, are
   * told to come back (503 with Retry-After), so that none waits for a load that will not end.
   */
  close(): void {
    const held = this.held;
    if (!held) return;
    this.closing = true;
    for (const [req, res] of held.splice(0)) if (!req.socket.destroyed) turnAway(res, true);
  }

  /** Lets every request in from now on, and answers those held with `handle` (not those whose client left). */
  open(handle: (req: IncomingMessage, res: ServerResponse) => void): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const [req, res] of held) if (!req.socket.destroyed) handle(req, res);
  }
}

function turnAway(res: ServerResponse, closing: boolean): void {
  const reason = closing ? 'shutting down before the posts were loaded; retry shortly' : 'starting: the posts are still being loaded; retry shortly';
  sendError(res, 503, reason, { 'Retry-After': '1' });
}
