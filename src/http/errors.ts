import { BadAddressError, UnknownAddressError } from '../address/address.js';

/** An error a client caused or can act on; the error middleware maps its class to a status. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** 404: no such feed, category or tag. */
export class NotFoundError extends HttpError {
  override name = 'NotFoundError';
  constructor(message: string) {
    super(404, message);
  }
}

/** 400: a query value out of range or not a number. */
export class BadRequestError extends HttpError {
  override name = 'BadRequestError';
  constructor(message: string) {
    super(400, message);
  }
}

/** The status an error answers with: its own for an HttpError, 400 or 404 for an address Herald cannot serve, else undefined (a 500). */
export function statusOf(error: unknown): number | undefined {
  if (error instanceof HttpError) return error.status;
  if (error instanceof BadAddressError) return 400;
  if (error instanceof UnknownAddressError) return 404;
  return undefined;
}
