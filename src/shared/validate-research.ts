/**
 * Validation of the research methods' untrusted arguments (research.ts):
 * trend requests and saved searches. Same rules as validate.ts, which
 * dispatches to these: errors name the method, the argument and the value,
 * unknown keys are refused.
 */
import { MAX_SAVED_NAME, MAX_TREND_QUERIES, type SavedSearchInput, type TrendsRequest } from './research.js';
import { boolean, fail, FILTER_KEYS, filterFields, isPlainObject, knownKeys, LIMITS, oneOf, optional, show, string } from './validate-values.js';

export function trendsRequest(where: string, value: unknown): TrendsRequest {
  if (!isPlainObject(value)) fail(where, `must be an object, got ${show(value)}`);
  knownKeys(where, value, ['queries', 'by', 'unit', 'normalise', ...FILTER_KEYS]);
  const queries = value.queries;
  if (!Array.isArray(queries)) fail(`${where}.queries`, `must be an array of strings, got ${show(queries)}`);
  if (queries.length === 0 || queries.length > MAX_TREND_QUERIES) {
    fail(`${where}.queries`, `must hold 1 to ${MAX_TREND_QUERIES} queries, got ${queries.length}`);
  }
  const req: TrendsRequest = {
    queries: queries.map((q, i) => string(`${where}.queries[${i}]`, q, LIMITS.query, true)),
    by: oneOf(`${where}.by`, value.by, ['week', 'month', 'year'] as const),
    ...filterFields(where, value),
  };
  const unit = optional(value, 'unit', (v) => oneOf(`${where}.unit`, v, ['sections', 'digests'] as const));
  if (unit) req.unit = unit;
  const normalise = optional(value, 'normalise', (v) => boolean(`${where}.normalise`, v));
  if (normalise !== undefined) req.normalise = normalise;
  return req;
}

/** A saved search's name: 1 to MAX_SAVED_NAME characters, not blank, no control characters. */
export function savedSearchName(where: string, value: unknown): string {
  const name = string(where, value, MAX_SAVED_NAME);
  if (name.trim() === '') fail(where, 'must not be blank');
  if (/[\u0000-\u001f\u007f]/.test(name)) fail(where, `${show(name)} contains a control character`);
  return name;
}

export function savedSearchInput(where: string, value: unknown): SavedSearchInput {
  if (!isPlainObject(value)) fail(where, `must be an object, got ${show(value)}`);
  knownKeys(where, value, ['name', 'query', ...FILTER_KEYS]);
  return {
    name: savedSearchName(`${where}.name`, value.name),
    query: string(`${where}.query`, value.query, LIMITS.query, true),
    ...filterFields(where, value),
  };
}
