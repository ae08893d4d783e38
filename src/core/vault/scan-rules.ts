/**
 * The scan rules that the whole-vault walk (scan.ts scanVault) and the
 * per-path check (scan-paths.ts scanPaths) share, so both decide a path the
 * same way. The rules themselves are listed in scan.ts.
 */
import { promises as fsp, type Stats } from 'node:fs';
import path from 'node:path';
import { fileProblem, type FileProblem } from '../../shared/file-problems.js';
import type { ScanProblem } from '../types.js';
import type { ExcludeMatcher } from './exclude.js';
import { isInsideRoot, isMarkdownPath } from './paths.js';

export const NODE_MODULES = 'node_modules';

/** Entries the walk never enters or lists: names starting with "." and excluded paths. */
export function isSkippedEntry(name: string, rel: string, excluded: ExcludeMatcher): boolean {
  return name.startsWith('.') || excluded(rel);
}

/** Stable, locale-independent order (plain code unit comparison). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return err instanceof Error ? err.message : String(err);
}

/** Whether a name can be a folder (no extension) - used to keep link problems about unrelated files quiet. */
function couldBeFolderOrMarkdown(name: string): boolean {
  return isMarkdownPath(name) || !name.includes('.');
}

/** What the scan rules make of a symlink, apart from where the walk has already been. */
export type LinkVerdict =
  | { kind: 'problem'; problem: FileProblem }
  | { kind: 'ignored' }
  | { kind: 'file'; real: string; stats: Stats }
  | { kind: 'dir'; real: string };

export async function classifyLink(rootReal: string, rel: string, linkAbs: string): Promise<LinkVerdict> {
  const name = path.basename(rel);
  let real: string;
  try {
    real = await fsp.realpath(linkAbs);
  } catch (err) {
    const code = errorCode(err);
    if (code === 'ELOOP') return { kind: 'problem', problem: fileProblem('symlink-loop') };
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return couldBeFolderOrMarkdown(name) ? { kind: 'problem', problem: fileProblem('dangling-symlink') } : { kind: 'ignored' };
    }
    return { kind: 'problem', problem: fileProblem('cannot-resolve-symlink', { error: code }) };
  }
  let st: Stats;
  try {
    st = await fsp.stat(real);
  } catch (err) {
    return { kind: 'problem', problem: fileProblem('cannot-read-symlink-target', { error: errorCode(err) }) };
  }
  const isDir = st.isDirectory();
  if (!isDir && !(st.isFile() && isMarkdownPath(name))) return { kind: 'ignored' };
  if (!isInsideRoot(rootReal, real)) return { kind: 'problem', problem: fileProblem('symlink-outside-vault') };
  if (!isDir) return { kind: 'file', real, stats: st };
  return name === NODE_MODULES ? { kind: 'ignored' } : { kind: 'dir', real };
}

/** The real path of the vault folder; throws when it is missing or not a folder. */
export async function openRoot(root: string): Promise<string> {
  let rootReal: string;
  try {
    rootReal = await fsp.realpath(root);
  } catch (err) {
    throw new Error(`vault folder ${JSON.stringify(root)} cannot be opened (${errorCode(err)})`, { cause: err });
  }
  if (!(await fsp.stat(rootReal)).isDirectory()) {
    throw new Error(`vault ${JSON.stringify(root)} is not a folder`);
  }
  return rootReal;
}

/** Sorts problems in place, by path then reason (the order scans store them in). */
export function sortProblems(problems: ScanProblem[]): ScanProblem[] {
  return problems.sort((a, b) => compareCodeUnits(a.path, b.path) || compareCodeUnits(a.reason, b.reason));
}

