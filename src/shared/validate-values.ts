/**
 * The checks of single argument values that every validator of untrusted
 * AlmanacApi arguments is built from (validate.ts, validate-research.ts).
 * Each failure throws ValidationError naming where the value was and what it
 * was (`search: request.limit must be between 0 and 10000, got 10001`).
 */
import type { SearchFilters } from './research.js';
import { ValidationError } from './validation-errors.js';

/** Sizes an untrusted argument may have. */
export const LIMITS = {
  query: 2_000,
  tags: 200,
  tag: 200,
  path: 1_024,
  sectionIds: 100_000,
  exclude: 500,
  excludePattern: 500,
  searchLimit: 10_000,
  relatedLimit: 100,
  maxFileBytes: 1024 * 1024 * 1024,
  url: 8_192,
  title: 500,
} as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function show(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…` : value);
  }
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

export function fail(where: string, message: string): never {
  throw ValidationError.at(where, message);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function string(where: string, value: unknown, max: number, allowEmpty = false): string {
  if (typeof value !== 'string') fail(where, `must be a string, got ${show(value)}`);
  if (!allowEmpty && value.length === 0) fail(where, 'must not be empty');
  if (value.length > max) fail(where, `is too long (${value.length} characters; at most ${max})`);
  if (value.includes('\0')) fail(where, `${show(value)} contains a NUL character`);
  return value;
}

export function integer(where: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    fail(where, `must be an integer, got ${show(value)}`);
  }
  if (value < min || value > max) fail(where, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

export function boolean(where: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(where, `must be true or false, got ${show(value)}`);
  return value;
}

export function oneOf<T extends string>(where: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(where, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${show(value)}`);
  }
  return value as T;
}

export function stringArray(where: string, value: unknown, maxItems: number, maxLength: number): string[] {
  if (!Array.isArray(value)) fail(where, `must be an array of strings, got ${show(value)}`);
  if (value.length > maxItems) fail(where, `has too many items (${value.length}; at most ${maxItems})`);
  return value.map((item, i) => string(`${where}[${i}]`, item, maxLength));
}

export function date(where: string, value: unknown): string {
  const s = string(where, value, 10);
  if (!DATE.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`))) {
    fail(where, `must be a date "YYYY-MM-DD", got ${show(value)}`);
  }
  return s;
}

export function knownKeys(where: string, value: Record<string, unknown>, keys: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) fail(where, `has an unknown field ${JSON.stringify(key)}`);
  }
}

/** Copies only the defined optional fields, so `undefined` never reaches the service as a value. */
export function optional<T>(
  obj: Record<string, unknown>,
  key: string,
  check: (value: unknown) => T,
): T | undefined {
  const value = obj[key];
  return value === undefined ? undefined : check(value);
}

/** The request fields filterFields reads. */
export const FILTER_KEYS = ['tags', 'tagMode', 'mentions', 'from', 'to'] as const;

/** The filters a search, a trend and a saved search share, as a request object gives them (only those given). */
export function filterFields(where: string, value: Record<string, unknown>): SearchFilters {
  const out: SearchFilters = {};
  const tags = optional(value, 'tags', (v) => stringArray(`${where}.tags`, v, LIMITS.tags, LIMITS.tag));
  if (tags) out.tags = tags;
  const tagMode = optional(value, 'tagMode', (v) => oneOf(`${where}.tagMode`, v, ['any', 'all'] as const));
  if (tagMode) out.tagMode = tagMode;
  const mentions = optional(value, 'mentions', (v) => stringArray(`${where}.mentions`, v, LIMITS.tags, LIMITS.tag));
  if (mentions) out.mentions = mentions;
  const from = optional(value, 'from', (v) => date(`${where}.from`, v));
  if (from) out.from = from;
  const to = optional(value, 'to', (v) => date(`${where}.to`, v));
  if (to) out.to = to;
  return out;
}
