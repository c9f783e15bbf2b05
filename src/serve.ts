import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { ConfigError, loadConfig } from './config/load-config.js';
import { ConnectionDrain } from './http/connection-drain.js';
import { createHerald, startWebsub } from './compose.js';
import { startLiveUpdates } from './live-updates.js';
import { stopEarlyWorkers } from './content/early-workers.js';
import { limitSend, MAX_URL_LENGTH, serverOptions } from './http/server-limits.js';
import { sendError } from './http/create-app.js';
import { StartGate } from './http/start-gate.js';

// The start-up self-validation run begins this long after Herald listens: its set-up (listing every
// document, starting the checker's worker) would otherwise share both cores with the first requests.
const VALIDATION_START_DELAY_MS = 2_000;
// The id guard reads the published ids and compares the start-up load with them this long after Herald
// listens (at once when /status or a run asks first): 0.2 s of the main thread at 100,000 posts that the
// first feed no longer waits for.
const IDS_CHECK_DELAY_MS = 1_000;
// Requests that wait for the first load when Herald listens before it is over; more are told to retry.
const MAX_HELD_AT_START = 1_000;

/** Composition root: reads config, loads posts, listens, and stops cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  let log;
  let herald;
  try {
    config = loadConfig();
    log = pino({ level: config.log.level, base: { service: 'herald' } });
    // A Jekyll site (SITE_DIR) whose _config.yml cannot be read stops start-up like a bad config value.
    herald = createHerald(config, log, { processMetrics: true });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`herald: bad configuration, not starting\n${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  // Before the first load, so the hubs hear of every feed once at start-up.
  const stopWebsub = startWebsub(herald);
  // The render workers load their modules while the posts are read: the first feed renders its bodies in them.
  herald.warmRenderers();
  const releaseIds = herald.ids?.hold();
  // The watches start before the first load lists the posts: what is written while it reads them is read
  // again once it is over.
  let firstLoad!: () => void;
  const loaded = new Promise<void>((resolve) => (firstLoad = resolve));
  const stopLiveUpdates = config.watch.enabled ? startLiveUpdates(herald, log, loaded) : () => {};
  // Before the first load: the polls a restart answers from its saved pages are counted with the rest.
  await herald.stats?.load();
  const stopStats = herald.stats?.start() ?? (async () => {});

  const drain = new ConnectionDrain();
  const options = serverOptions(config.server);
  const sendTimeoutMs = config.server.sendTimeoutMs;
  const cut = () => herald.metrics.sendTimeouts.inc();
  // Until the first load is over, only the saved first pages (if any) and the health endpoints are answered.
  const gate = new StartGate(MAX_HELD_AT_START);
  const server = createServer(options, (req, res) => {
    drain.request(req, res);
    limitSend(res, sendTimeoutMs, cut);
    if ((req.url?.length ?? 0) > MAX_URL_LENGTH) {
      herald.metrics.requestCount('other', 414).inc();
      return sendError(res, 414, `URL longer than ${MAX_URL_LENGTH} characters`);
    }
    if (gate.admit(req, res)) herald.handler(req, res);
  });
  drain.watch(server);
  server.on('error', (error: NodeJS.ErrnoException) => {
    log.fatal({ code: error.code, port: config.server.port, host: config.server.host }, `cannot listen: ${error.message}`);
    process.exit(1);
  });
  let stopProbe = () => {};
  let stopValidation = () => {};
  let operatorServer: Server | undefined;
  // Stop accepting, let every response under way finish (up to server.shutdownTimeoutMs), save the stats;
  // exit 0 only when no response was cut. From before the first load: a restart may serve its saved pages
  // during it, and a signal then drains as it does later.
  const stop = (signal: string) => {
    if (drain.isDraining) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    log.info({ signal }, 'shutting down');
    // Before the load is over: what waits for it is told to come back.
    gate.close();
    herald.publisher.stop();
    stopWebsub();
    stopLiveUpdates();
    stopValidation();
    stopProbe();
    server.close();
    operatorServer?.close();
    void drain
      .drain(config.server.shutdownTimeoutMs)
      .then(async ({ cut }) => {
        if (cut) log.warn({ cut, shutdownTimeoutMs: config.server.shutdownTimeoutMs }, 'in-flight responses did not finish in time; cut');
        // The stats are saved once more (when they have a folder), the published ids and a post index still to write written, before the process exits.
        const [stats, ids, index] = await Promise.allSettled([stopStats(), herald.ids?.flush(), herald.publisher.flushIndex()]);
        if (stats.status === 'rejected') log.error({ err: stats.reason }, 'stats: saving at shutdown failed');
        if (ids.status === 'rejected') log.error({ err: ids.reason }, 'published ids: writing at shutdown failed');
        if (index.status === 'rejected') log.error({ err: index.reason }, 'post index: writing at shutdown failed');
        process.exit(cut ? 1 : 0);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // A restart whose files are as its saved first pages were made from serves them as soon as it knows.
  herald.publisher.once('early', (paths) => {
    if (drain.isDraining) return;
    gate.allow(paths, herald.handler);
    log.info({ paths }, 'serving the saved first pages while the posts load');
  });
  // Listening from the start: during a long first load (minutes at a million posts) /healthz says the
  // process lives and /readyz that it is starting, and the rest waits at the gate for the load.
  const listening = new Promise<void>((resolve) =>
    server.listen(config.server.port, config.server.host, () => {
      const { port } = server.address() as AddressInfo;
      log.info({ port, host: config.server.host, url: herald.config.server.publicUrl }, 'herald listening');
      resolve();
    }),
  );
  try {
    await herald.publisher.reload();
  } finally {
    firstLoad();
  }
  // Stopped while it loaded: the drain under way ends the process.
  if (drain.isDraining) return;
  gate.open(herald.handler);
  // Workers started with the process that the load did not need (too few posts to parse in workers).
  void stopEarlyWorkers();
  await listening;
  if (releaseIds) setTimeout(releaseIds, IDS_CHECK_DELAY_MS).unref();
  // Once Herald answers, and after its first requests: the start-up run.
  if (config.validation.enabled) {
    const timer = setTimeout(() => (stopValidation = herald.validator.start(herald.publisher, config.validation.schedule)), VALIDATION_START_DELAY_MS);
    timer.unref();
    stopValidation = () => clearTimeout(timer);
  }
  // Once Herald answers: the probe's requests come back to it through whatever is in front.
  stopProbe = herald.probe?.start() ?? stopProbe;

  // operator.listen: /status details, /validation, /metrics and /stats on an address of their own.
  const operatorListen = config.operator.listen;
  const operatorHandler = herald.operatorHandler;
  operatorServer =
    operatorHandler && operatorListen
      ? createServer(options, (req, res) => {
          drain.request(req, res);
          limitSend(res, sendTimeoutMs, cut);
          operatorHandler(req, res);
        })
      : undefined;
  if (operatorServer && operatorListen) {
    drain.watch(operatorServer);
    operatorServer.on('error', (error: NodeJS.ErrnoException) => {
      log.fatal({ code: error.code, port: operatorListen.port, host: operatorListen.host }, `cannot listen (operator.listen): ${error.message}`);
      process.exit(1);
    });
    operatorServer.listen(operatorListen.port, operatorListen.host, () => {
      const { port } = operatorServer.address() as AddressInfo;
      log.info({ port, host: operatorListen.host }, 'herald operator endpoints listening');
    });
  }

}

await main();
