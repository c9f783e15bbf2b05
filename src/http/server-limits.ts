import type { ServerOptions, ServerResponse } from 'node:http';

// No feed URL comes near these; anything larger is a mistake or an attack.
export const MAX_URL_LENGTH = 2048;
const MAX_HEADER_BYTES = 16 * 1024;
const REQUEST_TIMEOUT_MS = 30_000;

/** The connection limits of the public and operator servers (`server.headersTimeoutMs`). */
export interface ServerLimits {
  readonly headersTimeoutMs: number;
}

/**
 * Options for `createServer`: Node answers 431 itself past maxHeaderSize and 408 to a connection whose
 * headers take longer than `headersTimeoutMs`. Node checks that time-out only every
 * `connectionsCheckingInterval` (30 s by default, so a slowloris connection lived up to 40 s): here a
 * tenth of it, at most a second, so such a connection is closed within 10 % of `headersTimeoutMs`.
 */
export function serverOptions(limits: ServerLimits): ServerOptions {
  return {
    maxHeaderSize: MAX_HEADER_BYTES,
    requestTimeout: REQUEST_TIMEOUT_MS,
    headersTimeout: limits.headersTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, Math.ceil(limits.headersTimeoutMs / 10)),
  };
}

/**
 * Destroys the connection of `res` when, for `ms`, bytes waited to be sent and none left (a client that
 * stopped reading holds the response's buffers for ever otherwise), and calls `cut`. A response not yet
 * written (waiting for a render) is not cut: only a socket with bytes it cannot send.
 */
export function limitSend(res: ServerResponse, ms: number, cut: () => void): void {
  // Node re-arms the socket's time-out whenever a write completes, so it fires only after `ms` without progress.
  res.setTimeout(ms, () => {
    const socket = res.socket;
    if (!socket || socket.destroyed || socket.writableLength === 0) return;
    cut();
    socket.destroy();
  });
}
