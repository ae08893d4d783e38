/**
 * The errors of argument validation (validate.ts), as AlmanacErrors: a bad
 * argument is 'invalid-argument' with params naming the argument as the API
 * spells it (`argument: 'limit'`) and the problem without the location
 * (`problem: 'must be between 0 and 10000, got 10001'`), so an adapter can say
 * it in its own words (the CLI names its option: `--limit must be ...`); a
 * method this implementation does not offer is 'not-available'.
 */
import { AlmanacError, type ErrorParams } from './errors.js';

/**
 * The argument a location names, as the API spells it: the last field of
 * `method: request.sectionIds[3]` -> `sectionIds`.
 */
export function argumentOf(where: string): string {
  const path = where.slice(where.indexOf(': ') + 1).trim();
  return path.slice(path.lastIndexOf('.') + 1).replace(/\[\d+\]$/, '');
}

/** Thrown for a bad argument ('invalid-argument'); adapters answer it as a client error (HTTP 400). */
export class ValidationError extends AlmanacError {
  constructor(message: string, params: ErrorParams = {}) {
    super('invalid-argument', message, params);
  }

  /** `where` locates the argument (`search: request.limit`), `problem` says what is wrong with it. */
  static at(where: string, problem: string): ValidationError {
    return new ValidationError(`${where} ${problem}`, { argument: argumentOf(where), problem });
  }
}

/** Raised for a contract method this implementation does not offer (saveExport outside the desktop shell). */
export class NotAvailableError extends AlmanacError {
  constructor(message: string, params: ErrorParams = {}) {
    super('not-available', message, params);
  }
}
