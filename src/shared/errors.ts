/**
 * Errors that cross layers and processes. The core throws AlmanacError with a
 * code and parameters; the IPC and HTTP adapters carry `serializeError()`
 * (Electron drops custom properties of thrown errors, JSON drops the
 * prototype), the clients rebuild it with `deserializeError()`, and callers
 * switch on `code`, never on message text (VS Code's SearchErrorCode model).
 * The message is English for logs and scripts; the UI shows localised text
 * made from the code and parameters.
 */

/** What went wrong, as callers need to act on it. */
export const ERROR_CODES = [
  /** A digest, section or file the caller named does not exist. */
  'not-found',
  /** The index is locked by another process; trying again later may work. */
  'busy',
  /** The caller passed a bad value; `params.argument` names it (as the API spells it). */
  'invalid-argument',
  /** The capability does not exist in this mode (e.g. a folder dialog in web mode). */
  'not-available',
  /** The operation was cancelled (vault switched, app closing). */
  'cancelled',
  /** Anything else: a bug, a damaged index, an I/O failure. */
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Parameters of an error: plain JSON scalars, so they survive every transport. */
export type ErrorParams = Readonly<Record<string, string | number | boolean | null>>;

export class AlmanacError extends Error {
  override readonly name = 'AlmanacError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly params: ErrorParams = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The wire form of an error. */
export interface SerializedError {
  code: ErrorCode;
  message: string;
  params: ErrorParams;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** True for an AlmanacError, optionally of one code. */
export function isAlmanacError(err: unknown, code?: ErrorCode): err is AlmanacError {
  return err instanceof AlmanacError && (code === undefined || err.code === code);
}

function scalarParams(value: unknown): ErrorParams {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = v;
  }
  return out;
}

/** Any thrown value -> its wire form; anything that is not an AlmanacError is 'internal'. */
export function serializeError(err: unknown): SerializedError {
  if (err instanceof AlmanacError) return { code: err.code, message: err.message, params: { ...err.params } };
  return { code: 'internal', message: err instanceof Error ? err.message : String(err), params: {} };
}

/** The wire form (or anything received) -> an AlmanacError; unknown shapes become 'internal'. */
export function deserializeError(value: unknown): AlmanacError {
  if (value !== null && typeof value === 'object') {
    const { code, message, params } = value as Record<string, unknown>;
    const text = typeof message === 'string' ? message : 'unknown error';
    return new AlmanacError(isErrorCode(code) ? code : 'internal', text, scalarParams(params));
  }
  return new AlmanacError('internal', typeof value === 'string' ? value : 'unknown error');
}
