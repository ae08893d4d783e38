/**
 * What the last vault-wide step computed on a connection, so that a run whose
 * writes left every input of the step as it was (an edit that changed a
 * digest's text, not its path, number or own date) takes the values from
 * there instead of resolving dates and ordering every series again.
 *
 * The step's values are a pure function of its inputs (vault-wide.ts): each
 * digest's row as sameInputs() reads it, keyed by path (ids change when a
 * digest is parsed again), the index pages' entries and the git facts. The
 * memo is used only when all of them are equal, so it can never give another
 * answer than computing would; it is kept per connection and dropped with it.
 */
import type { Database } from 'better-sqlite3';
import type { VaultWideRow, VaultWideValues } from '../store/vault-wide-rows.js';
import { hasOwnDate } from './vault-dates.js';

interface Memo {
  /** The step's other inputs: format, settings, git facts and index entries. */
  context: string;
  /** By path: the row as stored after the step wrote (the inputs), and its values. */
  rows: Map<string, { row: VaultWideRow; values: VaultWideValues }>;
}

const memos = new WeakMap<Database, Memo>();

/** Whether the step reads the same of both rows. A date the step itself decided (no own date) is its output, not an input. */
function sameInputs(a: VaultWideRow, b: VaultWideRow): boolean {
  if (a.pathKey !== b.pathKey || a.number !== b.number || a.dateOrder !== b.dateOrder || a.dateAlt !== b.dateAlt) return false;
  const own = hasOwnDate(a);
  if (own !== hasOwnDate(b)) return false;
  return !own || (a.date === b.date && a.dateSource === b.dateSource && a.datePrecision === b.datePrecision);
}

/** The values the last step computed for these rows in this context; null when any input differs. */
export function memoValues(db: Database, context: string, rows: readonly VaultWideRow[]): Map<string, VaultWideValues> | null {
  const memo = memos.get(db);
  if (memo === undefined || memo.context !== context || memo.rows.size !== rows.length) return null;
  const values = new Map<string, VaultWideValues>();
  for (const r of rows) {
    const known = memo.rows.get(r.path);
    if (known === undefined || !sameInputs(known.row, r)) return null;
    values.set(r.path, known.values);
  }
  return values;
}

/** Records what the step computed (`values` by path), with each row's inputs as they are stored once the values are written. */
export function rememberValues(db: Database, context: string, rows: readonly VaultWideRow[], values: ReadonlyMap<string, VaultWideValues>): void {
  const memo: Memo = { context, rows: new Map() };
  for (const r of rows) {
    const v = values.get(r.path)!;
    memo.rows.set(r.path, { row: { ...r, ...v }, values: v });
  }
  memos.set(db, memo);
}

/** Forgets the memo: the step stopped before its values were all written. */
export function forgetValues(db: Database): void {
  memos.delete(db);
}
