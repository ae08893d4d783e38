/**
 * Bounds on metadata and the copy that enforces them. js-yaml expands no
 * aliases while loading (they are shared references), but anything that walks
 * the result would, and a 319-byte alias bomb walks as 300 MB: toJsonSafe
 * copies parsed metadata into plain JSON-safe data with a node budget, so
 * nothing downstream ever holds more than MAX_FRONT_MATTER_NODES values.
 */

/** Metadata blocks larger than this (UTF-16 code units) are ignored with a warning. */
export const MAX_FRONT_MATTER_CHARS = 64 * 1024;
/** Values (scalars, list items, mapping entries) the parsed metadata may hold. */
export const MAX_FRONT_MATTER_NODES = 50_000;
/** Nesting depth of the parsed metadata. */
export const MAX_FRONT_MATTER_DEPTH = 32;
/**
 * How far a closing delimiter is looked for. A block up to this size is still
 * cut from the body when it is too large to read; beyond it the opening line
 * is taken as unclosed, so finding the block never scans a whole large body.
 */
export const MAX_BLOCK_SEARCH_CHARS = 4 * MAX_FRONT_MATTER_CHARS;

export type CopyResult = { ok: true; value: unknown } | { ok: false; reason: string };

/** The warning for a block over MAX_FRONT_MATTER_CHARS, or null. */
export function oversized(raw: string): string | null {
  return raw.length > MAX_FRONT_MATTER_CHARS
    ? `front matter is too large (${raw.length} characters, limit ${MAX_FRONT_MATTER_CHARS}); ignored`
    : null;
}

function dateToJson(d: Date): string | null {
  const t = d.getTime();
  if (Number.isNaN(t)) return null;
  // smol-toml's dates print as written (local dates, offsets kept); YAML's are UTC instants.
  const iso = d.toISOString();
  return t % 86_400_000 === 0 ? iso.slice(0, 10) : iso;
}

/**
 * Copies parsed metadata into plain JSON-safe data: Dates become "YYYY-MM-DD"
 * (UTC midnight, as YAML dates load) or ISO strings, non-finite numbers null,
 * bigints strings, functions/symbols/undefined are dropped. Shared references
 * (YAML aliases) are copied each time they occur, so the node budget bounds
 * the output exactly. Objects without a prototype (smol-toml's tables) become
 * plain objects.
 */
export function toJsonSafe(input: unknown): CopyResult {
  let nodes = 0;
  let failure: string | null = null;

  const copy = (value: unknown, depth: number): unknown => {
    if (failure) return null;
    if (++nodes > MAX_FRONT_MATTER_NODES) {
      failure = `holds more than ${MAX_FRONT_MATTER_NODES} values (YAML aliases expanding?)`;
      return null;
    }
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (typeof value === 'bigint') return value.toString();
    if (value instanceof Date) return dateToJson(value);
    if (typeof value !== 'object') return undefined;
    if (depth >= MAX_FRONT_MATTER_DEPTH) {
      failure = `is nested more than ${MAX_FRONT_MATTER_DEPTH} levels deep`;
      return null;
    }
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (const item of value) {
        const c = copy(item, depth + 1);
        out.push(c === undefined ? null : c);
        if (failure) break;
      }
      return out;
    }
    const entries: [string, unknown][] = [];
    for (const key of Object.keys(value)) {
      const c = copy((value as Record<string, unknown>)[key], depth + 1);
      if (c !== undefined) entries.push([key, c]);
      if (failure) break;
    }
    // fromEntries defines own properties, so a "__proto__" key stays a plain key.
    return Object.fromEntries(entries);
  };

  const value = copy(input, 0);
  return failure ? { ok: false, reason: failure } : { ok: true, value };
}

export function firstLine(s: string): string {
  const nl = s.indexOf('\n');
  return nl === -1 ? s : s.slice(0, nl);
}
