import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What a drain ended with: `cut` connections were closed with a request or response still under way. */
export interface DrainOutcome {
  readonly cut: number;
}

interface Connection {
  // Responses under way on the connection.
  active: number;
  // `socket.bytesRead` when its last request was handed to the handler: bytes beyond it are a request
  // still being received (the parser reads them in C++, so `bytesRead` counts them without a 'data' listener).
  readTo: number;
}

/**
 * Closes a server's connections without cutting a request or a response: idle keep-alive connections are
 * ended at once, busy ones (a response under way, or request bytes received but not yet a whole request)
 * as soon as their response has been written (`socket.end()` flushes what is buffered before its FIN,
 * where `closeIdleConnections` would destroy a response the client has not read yet). Whatever is still
 * open at the time-out is destroyed and counted as cut.
 */
export class ConnectionDrain {
  private readonly connections = new Map<Socket, Connection>();
  private draining = false;
  private settle: (() => void) | undefined;

  /** Tracks the connections of `server`. */
  watch(server: Server): void {
    server.on('connection', (socket: Socket) => {
      this.connections.set(socket, { active: 0, readTo: 0 });
      socket.once('close', () => {
        this.connections.delete(socket);
        if (this.draining && this.connections.size === 0) this.settle?.();
      });
    });
  }

  /** Counts a response under way on its connection; call it first in the request handler. */
  request(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket;
    const connection = this.connections.get(socket);
    if (connection) {
      connection.active++;
      connection.readTo = socket.bytesRead;
    }
    // While draining, every response closes its connection so keep-alive cannot hold the exit.
    if (this.draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      if (!connection || !this.connections.has(socket)) return;
      connection.active--;
      if (this.draining && connection.active === 0) socket.end();
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
    for (const [socket, connection] of this.connections) if (!isBusy(socket, connection)) socket.end();
    if (this.connections.size === 0) return Promise.resolve({ cut: 0 });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.settle = undefined;
        let cut = 0;
        for (const [socket, connection] of this.connections) {
          if (isBusy(socket, connection) || socket.writableLength > 0 || !socket.writableFinished) cut++;
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

// A response under way, or bytes of a request that has not reached the handler yet.
function isBusy(socket: Socket, connection: Connection): boolean {
  return connection.active > 0 || socket.bytesRead > connection.readTo;
}
