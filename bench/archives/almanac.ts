/**
 * What Almanac understood of an archive, through its real CLI: `index` into a
 * temporary --db, then `list --json` where the CLI has that command, else the
 * index's `digest` table read directly (the only way at commits before `list`),
 * with the series navigation of those commits: a folder is a series, its dated
 * digests ordered by (date, path), undated digests without neighbours.
 * Warnings always come from the index's `file.warnings`.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import type { DatePrecision } from './truth/types.js';

const run = promisify(execFile);

export interface Understood {
  path: string;
  title: string;
  date: string | null;
  /** null when the index does not say (the digest table has no precision). */
  precision: DatePrecision | null;
  prev: string | null;
  next: string | null;
  warnings: string[];
}

export interface Reading {
  digests: Map<string, Understood>;
  /** How it was read: 'list' (almanac list --json) or 'digest-table'. */
  via: 'list' | 'digest-table';
  indexMs: number;
}

async function hasListCommand(cli: string): Promise<boolean> {
  try {
    await run(process.execPath, [cli, 'list', '--help']);
    return true;
  } catch {
    return false;
  }
}

function fileWarnings(db: Database.Database): Map<string, string[]> {
  const rows = db.prepare('SELECT path, warnings FROM file').all() as { path: string; warnings: string }[];
  return new Map(rows.map((r) => [r.path, JSON.parse(r.warnings) as string[]]));
}

/** The digest table with the folder-series navigation of the commits before `list`. */
function readDigestTable(db: Database.Database, warnings: Map<string, string[]>): Map<string, Understood> {
  const rows = db.prepare('SELECT path, title, date FROM digest ORDER BY path').all() as { path: string; title: string; date: string | null }[];
  const digests = new Map<string, Understood>(
    rows.map((r) => [r.path, { ...r, precision: null, prev: null, next: null, warnings: warnings.get(r.path) ?? [] }]),
  );
  // SQLite orders exactly as core/series/series.ts of those commits does (BINARY collation).
  const chain = db.prepare('SELECT path, folder FROM digest WHERE date IS NOT NULL ORDER BY folder, date, path').all() as { path: string; folder: string }[];
  chain.forEach((row, i) => {
    const before = chain[i - 1];
    if (before && before.folder === row.folder) {
      digests.get(row.path)!.prev = before.path;
      digests.get(before.path)!.next = row.path;
    }
  });
  return digests;
}

type ListedRef = string | { path?: string } | null | undefined;
interface Listed {
  path: string;
  title: string;
  date?: string | null;
  datePrecision?: DatePrecision | null;
  prev?: ListedRef;
  next?: ListedRef;
}

const refPath = (ref: ListedRef): string | null => (typeof ref === 'string' ? ref : (ref?.path ?? null));

function readList(stdout: string, warnings: Map<string, string[]>): Map<string, Understood> {
  const parsed = JSON.parse(stdout) as Listed[] | { digests: Listed[] };
  const listed = Array.isArray(parsed) ? parsed : parsed.digests;
  return new Map(
    listed.map((d) => [
      d.path,
      {
        path: d.path,
        title: d.title,
        date: d.date ?? null,
        precision: d.datePrecision ?? null,
        prev: refPath(d.prev),
        next: refPath(d.next),
        warnings: warnings.get(d.path) ?? [],
      },
    ]),
  );
}

/** Indexes `vault` with `cli` into `db` (a new file) and reads back every digest. */
export async function readAlmanac(cli: string, vault: string, db: string): Promise<Reading> {
  const started = performance.now();
  await run(process.execPath, [cli, 'index', vault, '--db', db, '--json'], { maxBuffer: 64 << 20 });
  const indexMs = performance.now() - started;
  const useList = await hasListCommand(cli);
  const listed = useList
    ? (await run(process.execPath, [cli, 'list', '--vault', vault, '--db', db, '--json'], { maxBuffer: 64 << 20 })).stdout
    : null;
  const database = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const warnings = fileWarnings(database);
    const digests = listed !== null ? readList(listed, warnings) : readDigestTable(database, warnings);
    return { digests, via: listed !== null ? 'list' : 'digest-table', indexMs };
  } finally {
    database.close();
  }
}
