/**
 * What an index run records about itself in the store's meta table, and
 * reads back: the next run compares the settings and the index format it
 * was built with, and a status shows the scan problems and the last run.
 */
import type { SkippedFile } from '../../shared/api.js';
import { asFileProblem, problemEntry } from '../../shared/file-problems.js';
import type { Store } from '../store/store.js';
import type { ScanProblem } from '../types.js';

export const META_LAST_INDEXED = 'last_indexed_at';
export const META_SCAN_PROBLEMS = 'scan_problems';
/** The vault folder the index was last built from (shown in diagnostics). */
export const META_VAULT_PATH = 'vault_path';
/** Symlinks the last whole scan followed inside the vault (VaultScanResult.insideLinks; see run-plan.ts). */
export const META_SCAN_INSIDE_LINKS = 'scan_inside_links';
const META_SETTINGS = 'index_settings';
const META_FORMAT = 'index_format';

/**
 * Bump when the parser or the stored rows change meaning (a new ParsedDigest
 * field, different section splitting...): existing indexes are then re-parsed
 * from scratch on their next run instead of keeping stale rows.
 */
export const INDEX_FORMAT_VERSION = 4;

/** The settings that change what a file becomes (the exclusions only change which files there are). */
export function settingsKey(settings: { maxFileBytes: number }): string {
  return JSON.stringify({ maxFileBytes: settings.maxFileBytes });
}

/**
 * What the stored rows were parsed as: INDEX_FORMAT_VERSION, and whether the
 * text's inline tags were read (a note-taking app's vault, vault/note-vault.ts).
 * When it differs, every file is parsed again.
 */
export function formatKey(parse: { inlineTags?: boolean } = {}): string {
  return parse.inlineTags ? `${INDEX_FORMAT_VERSION}+inline-tags` : String(INDEX_FORMAT_VERSION);
}

/** What changed since the index was last built. */
export interface IndexChanges {
  /** maxFileBytes differs: every file is read again. */
  settingsChanged: boolean;
  /** The format key differs (formatKey; or the index was never built): every file is parsed again. */
  formatChanged: boolean;
}

export function changesSinceLastRun(store: Store, key: string, format: string = formatKey()): IndexChanges {
  return {
    settingsChanged: store.getMeta(META_SETTINGS) !== key,
    formatChanged: store.getMeta(META_FORMAT) !== format,
  };
}

/** What a finished run stores (in one transaction). */
export interface RunRecord {
  settingsKey: string;
  /** formatKey of the run's parse options; default formatKey(). */
  formatKey?: string;
  problems: readonly ScanProblem[];
  /** From a whole scan; null for a targeted run (keeps the stored value). */
  insideLinks: number | null;
  /** The vault's real path. */
  vaultPath: string;
}

export function recordRun(store: Store, run: RunRecord): void {
  store.batch(() => {
    store.setMeta(META_SETTINGS, run.settingsKey);
    store.setMeta(META_FORMAT, run.formatKey ?? formatKey());
    store.setMeta(META_SCAN_PROBLEMS, JSON.stringify(run.problems));
    if (run.insideLinks !== null) store.setMeta(META_SCAN_INSIDE_LINKS, String(run.insideLinks));
    store.setMeta(META_LAST_INDEXED, new Date().toISOString());
    store.setMeta(META_VAULT_PATH, run.vaultPath);
  });
}

/** Problems from the scan (dangling links, loops...) stored so that a later status can show them; one stored before codes is 'other'. */
export function storedScanProblems(store: Store): SkippedFile[] {
  const text = store.getMeta(META_SCAN_PROBLEMS);
  return text ? (JSON.parse(text) as SkippedFile[]).map((p) => problemEntry(p.path, asFileProblem(p, p.reason))) : [];
}

/** Skipped files and scan problems of the index, by path. */
export function skippedEntries(store: Store): SkippedFile[] {
  return [...store.skippedFiles(), ...storedScanProblems(store)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
