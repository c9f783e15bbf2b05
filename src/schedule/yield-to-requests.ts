/** Resolves on the next turn of the event loop, after pending I/O: long jobs await it between slices so requests are served meanwhile. */
export function yieldToRequests(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
