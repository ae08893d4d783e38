/**
 * The plan stage of an index run. What it looks at: the whole vault
 * (scanVault), or only the paths a watcher batch named (scanPaths) - with the
 * stored state of those files and the vault's scan problems after the run;
 * and which of those files must be read at all (classify).
 *
 * A targeted plan touches nothing that scales with the vault: only the given
 * paths are stat'ed and only their rows are read. It is not used (the whole
 * vault is scanned instead) when scanPaths cannot decide (a folder, a symlink
 * inside the vault), when the last whole scan followed symlinks inside the
 * vault (one real file may then have several paths, and only the whole walk
 * knows which one is indexed), and before the first whole scan of the index.
 */
import type { FileState, Store } from '../store/store.js';
import type { ParseOptions, ScannedFile, ScanProblem } from '../types.js';
import { readsInlineTags } from '../vault/note-vault.js';
import { scanPaths, scanVault, sortProblems } from '../vault/scan.js';
import { changesSinceLastRun, formatKey, META_SCAN_INSIDE_LINKS, settingsKey, storedScanProblems, type IndexChanges } from './index-meta.js';

export interface IndexSettings {
  exclude: readonly string[];
  maxFileBytes: number;
  /** Date undated digests from git history (vault-wide.ts). Default true. */
  gitDates?: boolean;
}

/** The files a run looks at, and what the index holds for them. */
export interface RunPlan {
  /** Indexable files now: the whole vault, or those of the given paths. */
  files: ScannedFile[];
  /** Stored rows of every path the run looked at. */
  stored: Map<string, FileState>;
  /** Stored rows whose file is no longer indexable. */
  gone: FileState[];
  /** Every scan problem of the vault after this run. */
  problems: ScanProblem[];
  /** From a whole scan (store it under META_SCAN_INSIDE_LINKS); null for a targeted plan. */
  insideLinks: number | null;
}

export interface PlanOptions {
  vaultPath: string;
  store: Store;
  exclude: readonly string[];
  /** The changed paths; undefined for the whole vault (also when the caller must re-read everything). */
  paths?: readonly string[];
  /** The scan problems stored by earlier runs (a targeted plan keeps those of other paths). */
  storedProblems: () => ScanProblem[];
}

async function planWholeVault(options: PlanOptions): Promise<RunPlan> {
  const scan = await scanVault(options.vaultPath, { exclude: [...options.exclude] });
  const stored = options.store.fileStates();
  const seen = new Set(scan.files.map((f) => f.path));
  const gone = [...stored.values()].filter((r) => !seen.has(r.path));
  return { files: scan.files, stored, gone, problems: scan.problems, insideLinks: scan.insideLinks };
}

/** A plan for the given paths only, or null when only a whole scan can decide. */
async function planPaths(options: PlanOptions, paths: readonly string[]): Promise<RunPlan | null> {
  const scan = await scanPaths(options.vaultPath, paths, { exclude: [...options.exclude] });
  if (scan.undecided !== null) return null;
  const examined = new Set([...scan.files.map((f) => f.path), ...scan.absent, ...scan.problems.map((p) => p.path)]);
  const stored = options.store.fileStates([...examined]);
  const present = new Set(scan.files.map((f) => f.path));
  const gone = [...stored.values()].filter((r) => !present.has(r.path));
  const problems = sortProblems([...options.storedProblems().filter((p) => !examined.has(p.path)), ...scan.problems]);
  return { files: scan.files, stored, gone, problems, insideLinks: null };
}

export async function planRun(options: PlanOptions): Promise<RunPlan> {
  const { paths } = options;
  const canTarget = paths !== undefined && options.store.getMeta(META_SCAN_INSIDE_LINKS) === '0';
  return (canTarget ? await planPaths(options, paths) : null) ?? (await planWholeVault(options));
}

/** A run's plan, with what changed since the index was last built. */
export interface IndexRunPlan extends RunPlan, IndexChanges {
  /** The settings as stored after the run (index-meta.ts). */
  settingsKey: string;
  /** How this vault's files are parsed: inline tags in a note-taking app's vault (vault/note-vault.ts). */
  parseOptions: ParseOptions;
  /** formatKey of parseOptions, stored after the run. */
  formatKey: string;
}

/**
 * Plans a run of the given settings; `paths` is ignored (the whole vault is
 * scanned) when the settings or the index format changed, as every file must
 * then be read again.
 */
export async function planIndexRun(options: { vaultPath: string; store: Store; settings: IndexSettings; paths?: readonly string[] }): Promise<IndexRunPlan> {
  const { store, settings } = options;
  const parseOptions: ParseOptions = { inlineTags: readsInlineTags(options.vaultPath) };
  const key = settingsKey(settings);
  const format = formatKey(parseOptions);
  const changes = changesSinceLastRun(store, key, format);
  const plan = await planRun({
    vaultPath: options.vaultPath,
    store,
    exclude: settings.exclude,
    paths: changes.settingsChanged || changes.formatChanged ? undefined : options.paths,
    storedProblems: () => storedScanProblems(store),
  });
  return { ...plan, ...changes, settingsKey: key, formatKey: format, parseOptions };
}

/** The files of a plan that need reading, and how many need not. */
export interface Classified {
  /** Indexed files whose size and mtime match their stored row: not read. */
  unchanged: number;
  /** The others, in scan order. */
  candidates: ScannedFile[];
}

/**
 * A file is trusted unread only when it is stored as indexed with the same
 * size and mtime, and neither the settings nor the index format changed.
 * Skipped files are always candidates: their reason may be transient.
 */
export function classify(plan: Pick<IndexRunPlan, 'files' | 'stored' | 'settingsChanged' | 'formatChanged'>): Classified {
  const trustStat = !plan.settingsChanged && !plan.formatChanged;
  let unchanged = 0;
  const candidates: ScannedFile[] = [];
  for (const f of plan.files) {
    const row = plan.stored.get(f.path);
    if (trustStat && row?.status === 'indexed' && row.size === f.size && row.mtimeMs === f.mtimeMs) unchanged++;
    else candidates.push(f);
  }
  return { unchanged, candidates };
}
