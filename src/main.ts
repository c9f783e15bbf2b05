import { startEarlyWorkers } from './content/early-workers.js';

// The entry point: Herald's worker threads start first, so they load their modules while this thread
// loads the server's (see content/early-workers.ts), then the server itself (serve.ts).
startEarlyWorkers();
await import('./serve.js');
