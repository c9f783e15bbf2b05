import type { FakeClock } from '../helpers.js';

/** One simulated client: who it says it is, where from, what it polls, how often and how. */
export interface SimClient {
  readonly ua: string;
  readonly address: string;
  readonly path: string;
  readonly everySeconds: number;
  /** Sends If-None-Match with the last ETag it got (else nothing, or `validator` when set). */
  readonly conditional: boolean;
  /** A validator sent instead of the real one (a misbehaving client). */
  readonly validator?: string;
  /** Polls only from this many seconds after the start, and until this many (default: the whole run). */
  readonly from?: number;
  readonly until?: number;
}

/** The answers a replay got, by status. */
export interface Replay {
  readonly polls: number;
  readonly byStatus: Map<number, number>;
  readonly retryAfter: number[];
}

/** The ETag the simulated server serves for `path` on `version` (Herald's form: 27 base64url characters). */
export const etagOf = (path: string, version: number) => `"${Buffer.from(`${path}#${version}`).toString('base64url').padEnd(27, 'x').slice(0, 27)}"`;

/**
 * Replays `clients` for `seconds` on the fake clock in time order, each poll handed to `poll`, which
 * returns the status answered (304 when the client's validator matches, else 200 or 429). The server's
 * content changes every `changeEverySeconds`.
 */
type Answer = 200 | 304 | 429 | { status: 429; retryAfter: number };

export async function replay(
  clock: FakeClock,
  clients: readonly SimClient[],
  seconds: number,
  poll: (client: SimClient, inm: string | undefined, etag: string) => Answer | Promise<Answer>,
  changeEverySeconds = 6 * 3600,
): Promise<Replay> {
  const start = clock.now().getTime();
  const next = clients.map((client, i) => (client.from ?? 0) * 1000 + (i * 7919) % (client.everySeconds * 1000));
  const held = clients.map((): string | undefined => undefined);
  const byStatus = new Map<number, number>();
  const retryAfter: number[] = [];
  let polls = 0;
  for (;;) {
    let i = -1;
    for (let j = 0; j < clients.length; j++) if (next[j]! < seconds * 1000 && next[j]! < ((clients[j]!.until ?? seconds) * 1000) && (i < 0 || next[j]! < next[i]!)) i = j;
    if (i < 0) break;
    const client = clients[i]!;
    clock.advance(start + next[i]! - clock.now().getTime());
    const etag = etagOf(client.path, Math.floor(next[i]! / 1000 / changeEverySeconds));
    const inm = client.validator ?? (client.conditional ? held[i] : undefined);
    const answer = await poll(client, inm, etag);
    const status = typeof answer === 'number' ? answer : answer.status;
    if (typeof answer !== 'number') retryAfter.push(answer.retryAfter);
    if (status === 200) held[i] = etag;
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    polls++;
    next[i]! += client.everySeconds * 1000;
  }
  clock.advance(start + seconds * 1000 - clock.now().getTime());
  return { polls, byStatus, retryAfter };
}
