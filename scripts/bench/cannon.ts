import autocannon from 'autocannon';

/** What one autocannon run measured. */
export interface CannonFigures {
  readonly rps: number;
  /** Latency percentiles and maximum in ms. */
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly requests: number;
  /** Connection errors and time-outs. */
  readonly errors: number;
  /** Responses whose status was not the expected one. */
  readonly unexpected: number;
}

export interface CannonOptions {
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly seconds: number;
  readonly connections: number;
  readonly expectStatus: number;
}

function figures(result: autocannon.Result, expectStatus: number): CannonFigures {
  const expected = result.statusCodeStats?.[`${expectStatus}`]?.count ?? 0;
  const responses = Object.values(result.statusCodeStats ?? {}).reduce((sum, stat) => sum + (stat.count ?? 0), 0);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    unexpected: responses - expected,
  };
}

/** Runs autocannon for `seconds` (bounded: at most seconds + 10 s per request time-out) and returns its figures. */
export async function cannon(options: CannonOptions): Promise<CannonFigures> {
  const result = await autocannon({
    url: options.url,
    headers: options.headers ?? {},
    connections: options.connections,
    pipelining: 1,
    duration: options.seconds,
    timeout: 10,
  });
  return figures(result, options.expectStatus);
}

/** Starts autocannon with no end of its own; `stop()` ends it and resolves with what it measured (cap: `maxSeconds`). */
export function cannonUntilStopped(options: Omit<CannonOptions, 'seconds'> & { maxSeconds: number }): { stop(): Promise<CannonFigures> } {
  let instance: autocannon.Instance | undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      { url: options.url, headers: options.headers ?? {}, connections: options.connections, duration: options.maxSeconds, timeout: 10 },
      (error: unknown, result: autocannon.Result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result)),
    );
  });
  return {
    stop: async () => {
      instance?.stop();
      return figures(await done, options.expectStatus);
    },
  };
}
