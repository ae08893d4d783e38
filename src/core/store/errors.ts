/** Recognising SQLite errors that the store's callers treat specially. */

/** Another connection holds the lock longer than busy_timeout: the index is busy, not broken. */
export function isBusyError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}
