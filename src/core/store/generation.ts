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
import { META_GENERATION } from './schema.js';

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
