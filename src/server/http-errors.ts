/**
 * Errors as the web mode answers them: the HTTP status follows the error's
 * code, the body is `{ ok: false, error: { code, message, params } }` (the
 * wire form of src/shared/errors.ts), so the page rebuilds the same
 * AlmanacError the service threw and shows it by code, never by its text.
 */
import type { ServerResponse } from 'node:http';
import { AlmanacError, serializeError, type ErrorCode, type ErrorParams } from '../shared/errors.js';
import type { HttpResponseBody } from '../shared/transport.js';
import { sendJson } from './security-headers.js';

/** The status of each code; transport problems (405, 413, 415, 401) carry their own (HttpError). */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  'invalid-argument': 400,
  'not-found': 404,
  busy: 503,
  'not-available': 501,
  cancelled: 409,
  internal: 500,
};

/** An AlmanacError whose HTTP status is not the code's usual one (a body too large, a wrong method, no token). */
export class HttpError extends AlmanacError {
  constructor(
    readonly status: number,
    code: ErrorCode,
    message: string,
    params: ErrorParams = {},
  ) {
    super(code, message, params);
  }
}

export function httpStatusOf(err: unknown): number {
  if (err instanceof HttpError) return err.status;
  return HTTP_STATUS[serializeError(err).code];
}

/** Answers any thrown value as its status and wire form (or cuts a response already under way). */
export function sendError(res: ServerResponse, err: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  const body: HttpResponseBody = { ok: false, error: serializeError(err) };
  sendJson(res, httpStatusOf(err), body);
}
