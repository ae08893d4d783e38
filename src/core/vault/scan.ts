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
 */
import { promises as fsp, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import type { ScanOptions, ScanProblem, ScanResult, ScannedFile } from '../types.js';
import { createExcludeMatcher, type ExcludeMatcher } from './exclude.js';
import { isInsideRoot, isMarkdownPath } from './paths.js';

export { isMarkdownPath, resolveInVault, toVaultPath } from './paths.js';
export { createExcludeMatcher } from './exclude.js';

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
}

/** Stable, locale-independent order (plain code unit comparison). */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return err instanceof Error ? err.message : String(err);
}

function addProblem(state: WalkState, key: string, problem: ScanProblem): void {
  const k = `${key}\0${problem.reason}`;
  if (state.reported.has(k)) return;
  state.reported.add(k);
  state.problems.push(problem);
}

/** Whether a name can be a folder (no extension) - used to keep link problems about unrelated files quiet. */
function couldBeFolderOrMarkdown(name: string): boolean {
  return isMarkdownPath(name) || !name.includes('.');
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
    try {
      st = await fsp.stat(absReal);
    } catch (err) {
      addProblem(state, absReal, { path: rel, reason: `cannot read file information (${errorCode(err)})` });
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
  const name = path.basename(rel);
  let real: string;
  try {
    real = await fsp.realpath(linkAbs);
  } catch (err) {
    const code = errorCode(err);
    if (code === 'ELOOP') {
      addProblem(state, linkAbs, { path: rel, reason: 'symlink loop' });
    } else if (code === 'ENOENT' || code === 'ENOTDIR') {
      if (couldBeFolderOrMarkdown(name)) addProblem(state, linkAbs, { path: rel, reason: 'dangling symlink' });
    } else {
      addProblem(state, linkAbs, { path: rel, reason: `cannot resolve symlink (${code})` });
    }
    return;
  }
  let st: Stats;
  try {
    st = await fsp.stat(real);
  } catch (err) {
    addProblem(state, linkAbs, { path: rel, reason: `cannot read symlink target (${errorCode(err)})` });
    return;
  }
  const isDir = st.isDirectory();
  if (!isDir && !(st.isFile() && isMarkdownPath(name))) return;
  if (!isInsideRoot(state.rootReal, real)) {
    addProblem(state, linkAbs, { path: rel, reason: 'symlink points outside the vault' });
    return;
  }
  if (!isDir) {
    await addFile(state, rel, real, true, st);
    return;
  }
  if (name === 'node_modules') return;
  if (ancestors.has(real)) {
    addProblem(state, linkAbs, { path: rel, reason: 'symlink loop' });
    return;
  }
  const firstLink = state.linkedDirs.get(real);
  if (firstLink !== undefined) {
    addProblem(state, linkAbs, {
      path: rel,
      reason: `symlink to a folder already scanned through ${firstLink}`,
    });
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
    addProblem(state, dirReal, { path: relDir || '.', reason: `cannot read folder (${errorCode(err)})` });
    return;
  }
  entries.sort((a, b) => compareCodeUnits(a.name, b.name));
  for (const entry of entries) {
    const name = entry.name;
    if (name.startsWith('.')) continue;
    const rel = relDir ? `${relDir}/${name}` : name;
    if (state.excluded(rel)) continue;
    const abs = path.join(dirReal, name);
    let kind: Awaited<ReturnType<typeof entryKind>>;
    try {
      kind = await entryKind(entry, abs);
    } catch (err) {
      addProblem(state, abs, { path: rel, reason: `cannot read file information (${errorCode(err)})` });
      continue;
    }
    if (kind === 'link') {
      await followLink(state, rel, abs, ancestors);
    } else if (kind === 'dir') {
      if (name !== 'node_modules') await walkDir(state, abs, rel, ancestors, viaLink);
    } else if (isMarkdownPath(name)) {
      if (kind === 'file') await addFile(state, rel, abs, viaLink);
      else addProblem(state, abs, { path: rel, reason: 'not a regular file' });
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
      state.problems.push({
        path: d.path,
        reason: `same file as ${kept.path} (reached through a symlink); indexed once`,
      });
    }
  }
  return files;
}

/**
 * Scans the vault folder `root`. Throws only if `root` itself is missing or
 * not a folder; everything below it becomes `files` or `problems`.
 */
export async function scanVault(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  const excluded = createExcludeMatcher(options.exclude ?? []);
  let rootReal: string;
  try {
    rootReal = await fsp.realpath(root);
  } catch (err) {
    throw new Error(`vault folder ${JSON.stringify(root)} cannot be opened (${errorCode(err)})`, { cause: err });
  }
  if (!(await fsp.stat(rootReal)).isDirectory()) {
    throw new Error(`vault ${JSON.stringify(root)} is not a folder`);
  }
  const state: WalkState = {
    rootReal,
    excluded,
    candidates: [],
    problems: [],
    reported: new Set(),
    linkedDirs: new Map(),
  };
  await walkDir(state, rootReal, '', new Set(), false);
  const files = dedupeByRealPath(state);
  files.sort((a, b) => compareCodeUnits(a.path, b.path));
  state.problems.sort((a, b) => compareCodeUnits(a.path, b.path) || compareCodeUnits(a.reason, b.reason));
  return { files, problems: state.problems };
}
