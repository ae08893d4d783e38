/**
 * The index generation: the one freshness stamp of everything derived from the
 * index (the search catalog in memory, its stored snapshot, the typo
 * vocabulary, cached section texts). Triggers on `digest` and `tag`
 * (schema.ts) bump it inside the writing transaction, whichever connection or
 * process writes, and every other table changes only together with a digest
 * row; so a reader that compares the generation it built a cache from with the
 * current one can never serve stale results, and needs no invalidate() call.
 */
import type { Database, Statement } from 'better-sqlite3';

/**
 * The meta key of the index generation: bumped by triggers
 * whenever a digest or tag row changes. The stored name predates the
 * generation's wider use and stays: the triggers inside every existing
 * version-4 file write it, so renaming it would need a new schema version and
 * a re-index of every vault for a name.
 */
export const META_GENERATION = 'catalog_generation';

/**
 * Moves the index generation on and drops the catalog snapshot made for the old one:
 * what schema.ts's triggers run on every digest or tag change, and what a write that changes derived
 * data without a digest row (re-tokenizing every posting) runs itself.
 */
export const BUMP_GENERATION_SQL = `UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = '${META_GENERATION}';
  DELETE FROM catalog_snapshot;`;

const statements = new WeakMap<Database, Statement>();

/** The current generation (0 for an index never written). One indexed lookup. */
export function indexGeneration(db: Database): number {
  let s = statements.get(db);
  if (!s) {
    s = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
    statements.set(db, s);
  }
  const value = s.get(META_GENERATION) as string | undefined;
  return value === undefined ? 0 : Number(value);
}
