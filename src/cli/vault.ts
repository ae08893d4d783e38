/**
 * Opening a vault from the command line, shared by index, show, search, serve
 * and export: resolve and check the vault folder, choose the index file
 * (--db, else the per-user cache folder; never inside the vault), open the
 * service and bring the index up to date incrementally. The core's errors
 * pass through with their codes (a busy index, a file that is not an index),
 * for the dispatcher to turn into exit statuses.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { AlmanacService } from '../core/service/almanac-service.js';
import { assertIndexOutsideVault, defaultIndexPath } from '../core/paths/index-location.js';
import type { IndexSummary, Settings } from '../shared/api.js';
import { settingsPatch } from '../shared/validate.js';
import { NotFoundError, type CliContext } from './command.js';
import { ProgressBar } from './progress.js';

/** The options of every command that reads an index of a vault (util.parseArgs form). */
export const VAULT_DB_OPTIONS = {
  vault: { type: 'string' },
  db: { type: 'string' },
} as const;

export interface CliVaultOptions {
  /** The vault folder as typed (relative to ctx.cwd). */
  vault: string;
  /** --db: the index file (relative to ctx.cwd). Default: the per-user cache folder. */
  db?: string;
  /** Replace the exclude patterns (default: those of the index's last run, else none). */
  exclude?: string[];
  /** Default: that of the index's last run, else 8 MiB. */
  maxFileBytes?: number;
  /** --no-git-dates / --git-dates: Settings.gitDates (default: that of the index's last run, else on). */
  gitDates?: boolean;
  /** Draw a progress bar on a terminal stderr (off for --json). Default true. */
  progress?: boolean;
  /** Run the incremental index before returning. Default true. */
  index?: boolean;
}

export interface CliVault {
  service: AlmanacService;
  vaultPath: string;
  dbPath: string;
  /** The index run made while opening; null when `index: false`. */
  summary: IndexSummary | null;
  close(): Promise<void>;
}

/** The absolute vault folder; NotFoundError (exit 2) when it is missing, not a folder or unreadable. */
export function resolveVaultFolder(vault: string, cwd: string): string {
  const vaultPath = path.resolve(cwd, vault);
  let isDir: boolean;
  try {
    isDir = statSync(vaultPath).isDirectory();
  } catch {
    throw new NotFoundError(`vault not found: ${vaultPath}`);
  }
  if (!isDir) throw new NotFoundError(`vault is not a folder: ${vaultPath}`);
  try {
    accessSync(vaultPath, constants.R_OK | constants.X_OK);
  } catch {
    throw new NotFoundError(`vault cannot be read: ${vaultPath}`);
  }
  return vaultPath;
}

/** --db resolved against cwd, else the default index of the vault; 'invalid-argument' when inside the vault. */
export function chooseIndexPath(vaultPath: string, db: string | undefined, ctx: CliContext): string {
  const dbPath = db !== undefined ? path.resolve(ctx.cwd, db) : defaultIndexPath(vaultPath, { env: ctx.env });
  assertIndexOutsideVault(dbPath, vaultPath);
  return dbPath;
}

/** Settings from the command line, checked before anything is opened (the errors name --exclude / --max-file-size). */
export function settingsFromFlags(options: Pick<CliVaultOptions, 'exclude' | 'maxFileBytes' | 'gitDates'>): Partial<Settings> {
  // Flags override; without them the index keeps the settings of its last run.
  const settings: Partial<Settings> = {};
  if (options.exclude !== undefined) settings.exclude = options.exclude;
  if (options.maxFileBytes !== undefined) settings.maxFileBytes = options.maxFileBytes;
  if (options.gitDates !== undefined) settings.gitDates = options.gitDates;
  return settingsPatch('settings', settings);
}

export async function openCliVault(options: CliVaultOptions, ctx: CliContext): Promise<CliVault> {
  const vaultPath = resolveVaultFolder(options.vault, ctx.cwd);
  const dbPath = chooseIndexPath(vaultPath, options.db, ctx);
  const service = await AlmanacService.open({
    vaultPath,
    dbPath,
    // Relative to the bundled out/node/cli.js, next to which the worker is built.
    workerUrl: new URL('./parse-worker.js', import.meta.url),
    writerUrl: new URL('./store-writer.js', import.meta.url),
    settings: settingsFromFlags(options),
  });
  for (const notice of service.notices) ctx.stderr.write(`almanac: ${notice}\n`);

  const close = (): Promise<void> => service.close();
  // Ctrl-C stops a running index (and a server's service) cleanly.
  void ctx.interrupted.then(close);
  let summary: IndexSummary | null = null;
  if (options.index !== false) {
    const bar = options.progress !== false && ctx.stderr.isTTY ? new ProgressBar(ctx.stderr) : null;
    const unsubscribe = bar ? service.onEvent((e) => e.type === 'index-progress' && bar.update(e.progress)) : () => undefined;
    try {
      summary = await service.reindex();
    } catch (err) {
      await close();
      throw err;
    } finally {
      unsubscribe();
      bar?.clear();
    }
  }
  return { service, vaultPath, dbPath, summary, close };
}
