import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What a drain ended with: `cut` connections were closed with a response still under way or unsent bytes. */
export interface DrainOutcome {
  readonly cut: number;
}

/**
 * Closes a server's connections without cutting a response: idle keep-alive connections are ended at once,
 * busy ones as soon as their response has been written (`socket.end()` flushes what is buffered before its
 * FIN, where `closeIdleConnections` would destroy a response the client has not read yet). Whatever is
 * still open at the time-out is destroyed and counted as cut.
 */
export class ConnectionDrain {
  // Each open connection with the count of its responses under way.
  private readonly sockets = new Map<Socket, number>();
  private draining = false;
  private settle: (() => void) | undefined;

  /** Tracks the connections of `server`. */
  watch(server: Server): void {
    server.on('connection', (socket: Socket) => {
      this.sockets.set(socket, 0);
      socket.once('close', () => {
        this.sockets.delete(socket);
        if (this.draining && this.sockets.size === 0) this.settle?.();
      });
    });
  }

  /** Counts a response under way on its connection; call it first in the request handler. */
  request(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket;
    this.sockets.set(socket, (this.sockets.get(socket) ?? 0) + 1);
    // While draining, every response closes its connection so keep-alive cannot hold the exit.
    if (this.draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      const left = (this.sockets.get(socket) ?? 1) - 1;
      if (!this.sockets.has(socket)) return;
      this.sockets.set(socket, left);
      if (this.draining && left === 0) socket.end();
    });
  }

  /** True once `drain` was called. */
  get isDraining(): boolean {
    return this.draining;
  }

  /**
   * Ends idle connections now and busy ones when their response is written; resolves when all are closed,
   * or after `timeoutMs` with those still open destroyed and counted.
   */
  drain(timeoutMs: number): Promise<DrainOutcome> {
    this.draining = true;
    for (const [socket, active] of this.sockets) if (active === 0) socket.end();
    if (this.sockets.size === 0) return Promise.resolve({ cut: 0 });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.settle = undefined;
        let cut = 0;
        for (const [socket, active] of this.sockets) {
          if (active > 0 || socket.writableLength > 0 || !socket.writableFinished) cut++;
          socket.destroy();
        }
        resolve({ cut });
      }, timeoutMs);
      this.settle = () => {
        clearTimeout(timer);
        resolve({ cut: 0 });
      };
    });
  }
}
