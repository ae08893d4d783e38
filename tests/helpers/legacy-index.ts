/** An index file as an older Almanac left it: the schema of `version`, marked as Almanac's, with some rows. */
import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { APPLICATION_ID, MIGRATIONS } from '../../src/core/store/schema.js';

export function writeLegacyIndex(dbPath: string, version: number, rowsSql: string, pragmas: readonly string[] = []): void {
  mkdirSync(path.dirname(dbPath), { recursive: true });
  const db = new BetterSqlite3(dbPath);
  try {
    for (const step of MIGRATIONS.slice(0, version)) db.exec(step);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${version}`);
    for (const p of pragmas) db.pragma(p);
    db.exec(rowsSql);
  } finally {
    db.close();
  }
}
