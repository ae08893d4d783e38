/**
 * scanPaths: the scan's rules (scan.ts) applied to a few given paths, a
 * watcher batch, without walking the vault; it says when only a whole walk
 * can decide.
 */
import { lstatSync, promises as fsp, type Stats } from 'node:fs';
import path from 'node:path';
import { fileProblem, problemEntry, type FileProblem } from '../../shared/file-problems.js';
import type { ScanOptions, ScanProblem, ScannedFile } from '../types.js';
import { createExcludeMatcher, type ExcludeMatcher } from './exclude.js';
import { isMarkdownPath, resolveInVault, toVaultPath } from './paths.js';
import { classifyLink, compareCodeUnits, errorCode, isSkippedEntry, NODE_MODULES, openRoot, sortProblems } from './scan-rules.js';

/** What scanPaths found for the paths it was given. */
export interface PathScanResult {
  /** Given paths that the scan would index now, sorted. */
  files: ScannedFile[];
  /** Given paths that the scan would not index (gone, excluded, dot paths, not Markdown...), normalised and sorted. */
  absent: string[];
  /** Problems the scan would report for the given paths (a dangling symlink, one leaving the vault...). */
  problems: ScanProblem[];
  /**
   * Why the given paths cannot be decided without scanning the whole vault
   * (one is a folder, or a symlink to a file inside the vault), else null.
   * When set, the other fields are incomplete.
   */
  undecided: string | null;
}

/** Outcome for one path; `undecided` carries the reason a whole scan is needed. */
type PathVerdict =
  | { kind: 'file'; file: ScannedFile }
  | { kind: 'absent' }
  | { kind: 'problem'; problem: FileProblem }
  | { kind: 'undecided'; reason: string };

/** True when a walk from the root would never reach `rel`: a dot name, an excluded path, or a node_modules folder on the way. */
function isSkippedPath(rel: string, excluded: ExcludeMatcher): boolean {
  const segments = rel.split('/');
  let prefix = '';
  for (let i = 0; i < segments.length; i++) {
    const name = segments[i]!;
    prefix = prefix === '' ? name : `${prefix}/${name}`;
    if (isSkippedEntry(name, prefix, excluded)) return true;
    if (i < segments.length - 1 && name === NODE_MODULES) return true;
  }
  return false;
}

function fileStats(abs: string): Stats | null {
  try {
    return lstatSync(abs);
  } catch (err) {
    const code = errorCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw err;
  }
}

async function judgePath(rootReal: string, rel: string, abs: string, realDirs: Map<string, string | null>): Promise<PathVerdict> {
  // The walk reaches `rel` only through real folders: a parent that resolves elsewhere went through a symlink.
  const parent = path.dirname(abs);
  let parentReal = realDirs.get(parent);
  if (parentReal === undefined) {
    parentReal = await fsp.realpath(parent).catch(() => null);
    realDirs.set(parent, parentReal);
  }
  if (parentReal === null) return { kind: 'absent' };
  if (parentReal !== parent) return { kind: 'undecided', reason: `${path.dirname(rel)} is reached through a symlink` };
  let st: Stats | null;
  try {
    st = fileStats(abs);
  } catch (err) {
    return isMarkdownPath(rel) ? { kind: 'problem', problem: fileProblem('cannot-stat', { error: errorCode(err) }) } : { kind: 'absent' };
  }
  if (st === null) return { kind: 'absent' };
  if (st.isDirectory()) return { kind: 'undecided', reason: `${rel} is a folder` };
  if (st.isSymbolicLink()) {
    const verdict = await classifyLink(rootReal, rel, abs);
    if (verdict.kind === 'problem') return verdict;
    if (verdict.kind === 'ignored') return { kind: 'absent' };
    return { kind: 'undecided', reason: `${rel} is a symlink to ${verdict.kind === 'dir' ? 'a folder' : 'a file'} inside the vault` };
  }
  if (!isMarkdownPath(rel)) return { kind: 'absent' };
  if (!st.isFile()) return { kind: 'problem', problem: fileProblem('not-regular-file') };
  return { kind: 'file', file: { path: rel, absPath: abs, size: st.size, mtimeMs: st.mtimeMs } };
}

/**
 * Applies the scan's rules to the given vault-relative paths only (a watcher
 * batch), without walking the vault. Throws for a path that is not a
 * vault-relative id (absolute, "..", NUL) and when `root` cannot be opened.
 * The caller must fall back to scanVault when `undecided` is set, and also
 * when the last whole scan followed symlinks inside the vault
 * (VaultScanResult.insideLinks): one real file may then have several paths.
 */
export async function scanPaths(root: string, paths: readonly string[], options: ScanOptions = {}): Promise<PathScanResult> {
  const excluded = createExcludeMatcher(options.exclude ?? []);
  const rootReal = await openRoot(root);
  const result: PathScanResult = { files: [], absent: [], problems: [], undecided: null };
  const realDirs = new Map<string, string | null>([[rootReal, rootReal]]);
  const seen = new Set<string>();
  for (const given of paths) {
    const abs = resolveInVault(rootReal, given);
    const rel = toVaultPath(rootReal, abs);
    if (seen.has(rel)) continue;
    seen.add(rel);
    const verdict: PathVerdict = isSkippedPath(rel, excluded) ? { kind: 'absent' } : await judgePath(rootReal, rel, abs, realDirs);
    switch (verdict.kind) {
      case 'file':
        result.files.push(verdict.file);
        break;
      case 'absent':
        result.absent.push(rel);
        break;
      case 'problem':
        result.problems.push(problemEntry(rel, verdict.problem));
        break;
      case 'undecided':
        return { ...result, undecided: verdict.reason };
    }
  }
  result.files.sort((a, b) => compareCodeUnits(a.path, b.path));
  result.absent.sort(compareCodeUnits);
  sortProblems(result.problems);
  return result;
}
