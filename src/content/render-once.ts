/**
 * The render of one post body as it goes off the serving thread: calls while one is under way share it,
 * and a render that failed (over budget, or throwing) is not tried again: it rejects with the same error.
 */
export class RenderOnce {
  #pending: Promise<void> | undefined;
  #error: Error | undefined;

  /** The error of the render that failed, if one did. */
  get failed(): Error | undefined {
    return this.#error;
  }

  /** Runs `render` unless one is under way (its promise is returned) or one failed (rejects with its error). */
  run(render: () => Promise<void>): Promise<void> {
    if (this.#error) return Promise.reject(this.#error);
    this.#pending ??= render().then(
      () => {
        this.#pending = undefined;
      },
      (error: unknown) => {
        this.#pending = undefined;
        throw (this.#error = error instanceof Error ? error : new Error(String(error)));
      },
    );
    return this.#pending;
  }
}
