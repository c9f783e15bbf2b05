/** A post that cannot be served, with the reason a publisher can act on (and the line, when known). */
export class PostError extends Error {
  override name = 'PostError';
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}
