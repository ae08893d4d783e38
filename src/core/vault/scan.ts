/**
 * Lists the Markdown files of a vault without ever leaving it.
 *
 * Rules:
 * - `.md` / `.markdown` files (any letter case), recursively; names starting
 *   with "." (files and folders) and folders named `node_modules` are skipped,
 *   as is everything matched by `options.exclude` (see exclude.ts).
 * - Symlinks are resolved with realpath. A link whose target leaves the vault
 *   is not followed ("symlink points outside the vault"); a link to a folder
 *   that contains it, or a link that resolves to itself, is a "symlink loop";
 *   a link to nothing is a "dangling symlink". Links to folders elsewhere in
 *   the vault are followed, each target folder once.
 * - One file is indexed once. When the same real file is reachable by several
 *   paths (a symlinked file or folder pointing inside the vault), the path
 *   that goes through no symlink wins; if every path goes through a link, the
 *   first in sort order wins. The others are reported as problems
 *   ("same file as weekly/x.md (reached through a symlink); indexed once").
 * - Folders that cannot be read are reported and skipped; the scan goes on.
 * - Paths are vault-relative POSIX; `files` is sorted by path (UTF-16 code
 *   unit order, locale-independent), `problems` likewise.
 * - Never uses readdir's `recursive` option (it follows loops and escapes).
 * - Files are stat'ed synchronously in slices of a few ms with a yield in
 *   between: an async stat costs several times the CPU (a promise and a
 *   thread-pool round trip per file), and the slices keep the event loop of
 *   the process that serves the UI free.
 *
 * scanPaths (scan-paths.ts) applies the same rules to a few given paths (a
 * watcher batch) without walking the vault, and says when it cannot decide (a
 * folder, a symlink to a file inside the vault: only the whole walk knows
 * which of the paths to one real file wins). The rules both share are in
 * scan-rules.ts.
 */
import { promises as fsp, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import { fileProblem, problemEntry, type FileProblem } from '../../shared/file-problems.js';
import type { ScanOptions, ScanProblem, ScanResult, ScannedFile } from '../types.js';
import { createExcludeMatcher, type ExcludeMatcher } from './exclude.js';
import { isMarkdownPath } from './paths.js';
import { classifyLink, compareCodeUnits, errorCode, isSkippedEntry, NODE_MODULES, openRoot, sortProblems } from './scan-rules.js';

export { isMarkdownPath, resolveInVault, toVaultPath } from './paths.js';
export { createExcludeMatcher } from './exclude.js';
export { scanPaths, type PathScanResult } from './scan-paths.js';
export { sortProblems } from './scan-rules.js';

interface Candidate extends ScannedFile {
  /** The path goes through at least one symlink. */
  viaLink: boolean;
}

interface WalkState {
  rootReal: string;
  excluded: ExcludeMatcher;
  candidates: Candidate[];
  problems: ScanProblem[];
  /** Dedupes problems about the same link seen through several routes. */
  reported: Set<string>;
  /** Real folders already walked through a symlink -> the vault path of that link. */
  linkedDirs: Map<string, string>;
  /** Symlinks followed to something inside the vault (files or folders). */
  insideLinks: number;
  slice: SliceClock;
}

/** A scan of the whole vault. */
export interface VaultScanResult extends ScanResult {
  /**
   * Symlinks that were followed to a file or folder inside the vault. When
   * there are any, one real file may have several vault paths, and only a
   * whole scan can tell which path is indexed (scanPaths cannot).
   */
  insideLinks: number;
}

/** Synchronous work runs for at most this long before the scan yields to the event loop. */
const SLICE_MS = 8;

/** Lets the event loop run between slices of synchronous file-system calls. */
class SliceClock {
  private started = performance.now();

  async pause(): Promise<void> {
    if (performance.now() - this.started < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.started = performance.now();
  }
}

function addProblem(state: WalkState, key: string, rel: string, problem: FileProblem): void {
  const entry = problemEntry(rel, problem);
  const k = `${key}\0${entry.reason}`;
  if (state.reported.has(k)) return;
  state.reported.add(k);
  state.problems.push(entry);
}

async function addFile(
  state: WalkState,
  rel: string,
  absReal: string,
  viaLink: boolean,
  known?: Stats,
): Promise<void> {
  let st = known;
  if (!st) {
    await state.slice.pause();
    try {
      st = statSync(absReal);
    } catch (err) {
      addProblem(state, absReal, rel, fileProblem('cannot-stat', { error: errorCode(err) }));
      return;
    }
  }
  state.candidates.push({ path: rel, absPath: absReal, size: st.size, mtimeMs: st.mtimeMs, viaLink });
}

async function followLink(
  state: WalkState,
  rel: string,
  linkAbs: string,
  ancestors: ReadonlySet<string>,
): Promise<void> {
  const verdict = await classifyLink(state.rootReal, rel, linkAbs);
  if (verdict.kind === 'problem') {
    addProblem(state, linkAbs, rel, verdict.problem);
    return;
  }
  if (verdict.kind === 'ignored') return;
  state.insideLinks++;
  if (verdict.kind === 'file') {
    await addFile(state, rel, verdict.real, true, verdict.stats);
    return;
  }
  const real = verdict.real;
  if (ancestors.has(real)) {
    addProblem(state, linkAbs, rel, fileProblem('symlink-loop'));
    return;
  }
  const firstLink = state.linkedDirs.get(real);
  if (firstLink !== undefined) {
    addProblem(state, linkAbs, rel, fileProblem('folder-already-scanned', { through: firstLink }));
    return;
  }
  state.linkedDirs.set(real, rel);
  await walkDir(state, real, rel, ancestors, true);
}

async function entryKind(entry: Dirent, abs: string): Promise<'file' | 'dir' | 'link' | 'other'> {
  if (entry.isSymbolicLink()) return 'link';
  if (entry.isDirectory()) return 'dir';
  if (entry.isFile()) return 'file';
  if (entry.isBlockDevice() || entry.isCharacterDevice() || entry.isFIFO() || entry.isSocket()) return 'other';
  // Some file systems do not report the type in readdir (DT_UNKNOWN).
  const st = await fsp.lstat(abs);
  if (st.isSymbolicLink()) return 'link';
  if (st.isDirectory()) return 'dir';
  return st.isFile() ? 'file' : 'other';
}

async function walkDir(
  state: WalkState,
  dirReal: string,
  relDir: string,
  parentAncestors: ReadonlySet<string>,
  viaLink: boolean,
): Promise<void> {
  const ancestors = new Set(parentAncestors).add(dirReal);
  let entries: Dirent[];
  try {
    entries = await fsp.readdir(dirReal, { withFileTypes: true });
  } catch (err) {
    addProblem(state, dirReal, relDir || '.', fileProblem('cannot-read-folder', { error: errorCode(err) }));
    return;
  }
  entries.sort((a, b) => compareCodeUnits(a.name, b.name));
  for (const entry of entries) {
    const name = entry.name;
    const rel = relDir ? `${relDir}/${name}` : name;
    if (isSkippedEntry(name, rel, state.excluded)) continue;
    const abs = path.join(dirReal, name);
    let kind: Awaited<ReturnType<typeof entryKind>>;
    try {
      kind = await entryKind(entry, abs);
    } catch (err) {
      addProblem(state, abs, rel, fileProblem('cannot-stat', { error: errorCode(err) }));
      continue;
    }
    if (kind === 'link') {
      await followLink(state, rel, abs, ancestors);
    } else if (kind === 'dir') {
      if (name !== NODE_MODULES) await walkDir(state, abs, rel, ancestors, viaLink);
    } else if (isMarkdownPath(name)) {
      if (kind === 'file') await addFile(state, rel, abs, viaLink);
      else addProblem(state, abs, rel, fileProblem('not-regular-file'));
    }
  }
}

/** Keeps one path per real file (see the module comment for which one). */
function dedupeByRealPath(state: WalkState): ScannedFile[] {
  const byReal = new Map<string, Candidate[]>();
  for (const c of state.candidates) {
    const group = byReal.get(c.absPath);
    if (group) group.push(c);
    else byReal.set(c.absPath, [c]);
  }
  const files: ScannedFile[] = [];
  for (const group of byReal.values()) {
    group.sort((a, b) => Number(a.viaLink) - Number(b.viaLink) || compareCodeUnits(a.path, b.path));
    const [kept, ...dropped] = group as [Candidate, ...Candidate[]];
    files.push({ path: kept.path, absPath: kept.absPath, size: kept.size, mtimeMs: kept.mtimeMs });
    for (const d of dropped) {
      state.problems.push(problemEntry(d.path, fileProblem('same-file', { path: kept.path })));
    }
  }
  return files;
}

/**
 * Scans the vault folder `root`. Throws only if `root` itself is missing or
 * not a folder; everything below it becomes `files` or `problems`.
 */
export async function scanVault(root: string, options: ScanOptions = {}): Promise<VaultScanResult> {
  const excluded = createExcludeMatcher(options.exclude ?? []);
  const rootReal = await openRoot(root);
  const state: WalkState = {
    rootReal,
    excluded,
    candidates: [],
    problems: [],
    reported: new Set(),
    linkedDirs: new Map(),
    insideLinks: 0,
    slice: new SliceClock(),
  };
  await walkDir(state, rootReal, '', new Set(), false);
  const files = dedupeByRealPath(state);
  files.sort((a, b) => compareCodeUnits(a.path, b.path));
  return { files, problems: sortProblems(state.problems), insideLinks: state.insideLinks };
}

