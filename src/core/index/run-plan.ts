/**
 * What an index run looks at: the whole vault (scanVault), or only the paths
 * a watcher batch named (scanPaths) - with the stored state of those files
 * and the vault's scan problems after the run.
 *
 * A targeted plan touches nothing that scales with the vault: only the given
 * paths are stat'ed and only their rows are read. It is not used (the whole
 * vault is scanned instead) when scanPaths cannot decide (a folder, a symlink
 * inside the vault), when the last whole scan followed symlinks inside the
 * vault (one real file may then have several paths, and only the whole walk
 * knows which one is indexed), and before the first whole scan of the index.
 */
import type { FileState, Store } from '../store/store.js';
import type { ScannedFile, ScanProblem } from '../types.js';
import { scanPaths, scanVault, sortProblems } from '../vault/scan.js';

/** Symlinks the last whole scan followed inside the vault (VaultScanResult.insideLinks). */
export const META_SCAN_INSIDE_LINKS = 'scan_inside_links';

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
