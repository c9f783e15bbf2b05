import { Agent } from 'node:http';
import { connect, type Socket } from 'node:net';
import { get } from '../lib/http-get.js';
import type { Random } from '../lib/random.js';

/** What the query-string flood sent and got back. */
export interface FloodFigures {
  requests: number;
  /** Distinct request targets sent (each a URL Herald had not been asked for before). */
  distinct: number;
  statuses: Map<number, number>;
  errors: number;
}

/**
 * Sends GETs from `concurrency` loops until `deadline` or `maxRequests`: a feed of `feeds` (the first three,
 * the site's feeds with the most pages, four times in ten) with a random `?limit=&page=` pair, junk query
 * keys, or both, nearly every one a target not sent before.
 */
export async function queryFlood(feeds: readonly string[], random: Random, deadline: number, { concurrency, maxRequests, maxLimit }: { concurrency: number; maxRequests: number; maxLimit: number }): Promise<FloodFigures> {
  const figures: FloodFigures = { requests: 0, distinct: 0, statuses: new Map(), errors: 0 };
  const sent = new Set<string>();
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const target = () => {
    const feed = random.chance(0.4) ? random.pick(feeds.slice(0, 3)) : random.pick(feeds);
    const roll = random.next();
    const pair = `limit=${random.int(1, maxLimit)}&page=${random.int(1, 40)}`;
    const junk = `${random.hex(random.int(1, 12))}=${random.hex(random.int(0, 24))}`;
    const query = roll < 0.5 ? pair : roll < 0.8 ? `${pair}&${junk}` : `${junk}&utm_${random.hex(4)}=${random.hex(8)}`;
    return `${feed}?${query}`;
  };
  const loop = async () => {
    while (performance.now() < deadline && figures.requests < maxRequests) {
      const url = target();
      figures.requests++;
      if (sent.size < 1_000_000 && !sent.has(url)) sent.add(url);
      try {
        const response = await get(url, { 'accept-encoding': random.chance(0.5) ? 'gzip, br' : 'identity' }, { agent, timeoutMs: 10_000 });
        figures.statuses.set(response.status, (figures.statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500) figures.errors++;
      } catch {
        figures.errors++;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, loop));
  } finally {
    agent.destroy();
  }
  figures.distinct = sent.size;
  return figures;
}

/** What the slow connections did. */
export interface SlowFigures {
  /** Connections opened that read a large response a chunk a second. */
  readers: number;
  /** Of those, the ones Herald closed before the end (a time-out) and the ones that read their whole answer. */
  readersClosed: number;
  readersDone: number;
  readerBytes: number;
  /** Connections opened that sent their headers a line a second and never finished (slowloris). */
  lorises: number;
  /** Of those, the ones Herald closed, and after how long (ms, from connect). */
  lorisesClosed: number;
  lorisCloseMs: number[];
  /** Connections refused or reset at connect. */
  refused: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Holds `readers` slow readers (a GET of a large response, read one chunk a second) and `lorises` slowloris
 * connections (headers a line a second, never ended) open until `deadline`; a connection Herald closes is
 * opened again, at most `maxOpens` times in all. Every socket is destroyed at the end.
 */
export async function slowConnections(host: string, port: number, paths: readonly string[], deadline: number, { readers, lorises, maxOpens }: { readers: number; lorises: number; maxOpens: number }): Promise<SlowFigures> {
  const figures: SlowFigures = { readers: 0, readersClosed: 0, readersDone: 0, readerBytes: 0, lorises: 0, lorisesClosed: 0, lorisCloseMs: [], refused: 0 };
  const open = new Set<Socket>();
  let opens = 0;
  const opened = (socket: Socket) => {
    opens++;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => {});
  };

  // One connection's life; resolves when it closes or the deadline passes.
  const reader = (path: string) =>
    new Promise<void>((resolve) => {
      const socket = connect({ host, port });
      opened(socket);
      figures.readers++;
      let seen = 0;
      let ended = false;
      socket.on('connect', () => {
        socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n`);
        socket.pause();
      });
      socket.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        figures.readerBytes += chunk.length;
        socket.pause();
      });
      socket.on('end', () => (ended = true));
      const tick = setInterval(() => socket.resume(), 1000);
      socket.on('close', (hadError) => {
        clearInterval(tick);
        if (performance.now() < deadline) {
          if (ended && !hadError && seen > 0) figures.readersDone++;
          else figures.readersClosed++;
        }
        if (seen === 0 && hadError) figures.refused++;
        resolve();
      });
    });

  const loris = () =>
    new Promise<void>((resolve) => {
      const socket = connect({ host, port });
      opened(socket);
      figures.lorises++;
      const started = performance.now();
      let line = 0;
      socket.on('connect', () => socket.write(`GET /feed.xml HTTP/1.1\r\nHost: ${host}\r\n`));
      const tick = setInterval(() => socket.write(`X-Slow-${line++}: ${'a'.repeat(8)}\r\n`), 1000);
      socket.on('close', () => {
        clearInterval(tick);
        if (performance.now() < deadline) {
          figures.lorisesClosed++;
          figures.lorisCloseMs.push(performance.now() - started);
        }
        resolve();
      });
    });

  const keep = async (start: () => Promise<void>) => {
    while (performance.now() < deadline && opens < maxOpens) {
      await start();
      await sleep(100);
    }
  };
  const timer = setTimeout(() => {
    for (const socket of open) socket.destroy();
  }, Math.max(0, deadline - performance.now()));
  try {
    await Promise.all([
      ...Array.from({ length: readers }, (_, i) => keep(() => reader(paths[i % paths.length]!))),
      ...Array.from({ length: lorises }, () => keep(loris)),
    ]);
  } finally {
    clearTimeout(timer);
    for (const socket of open) socket.destroy();
  }
  return figures;
}
