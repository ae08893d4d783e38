/**
 * The user's exclude list ("drafts", "archive/**", "*.tmp.md") as a predicate
 * over vault-relative POSIX paths, with gitignore-like meaning:
 *
 * - a pattern without "/" matches a file or folder NAME at any depth
 *   ("drafts" skips every folder called drafts; "*.tmp.md" every such file);
 * - a pattern with "/" is anchored at the vault root ("archive/**",
 *   "weekly/old/*.md"); a leading "/" or "./" is ignored;
 * - `*` matches within one path segment, `?` one character of it, `**` any
 *   number of segments; every other character is literal; matching is
 *   case-sensitive, and linear in the length of the path (glob.ts);
 * - a path is excluded when it or any folder above it matches, so "archive",
 *   "archive/" and "archive/**" are equivalent;
 * - a pattern that would exclude everything ("**", "*", "/") or that climbs
 *   out ("../x") is refused (shared/exclude-pattern.ts, which the settings
 *   validator applies too).
 */
import { excludePatternProblem, normalizeExcludePattern } from '../../shared/exclude-pattern.js';
import { compileGlob, type GlobMatcher } from './glob.js';

export type ExcludeMatcher = (vaultPath: string) => boolean;

interface CompiledPattern {
  /** Matches a single name (pattern had no "/") rather than a path from the root. */
  byName: boolean;
  matches: GlobMatcher;
}

function compilePattern(raw: unknown): CompiledPattern | null {
  if (typeof raw !== 'string') {
    throw new Error(`exclude pattern must be a string, got ${JSON.stringify(raw)}`);
  }
  // The same rules the settings validator applies: settings stored by an older version may break them.
  const problem = excludePatternProblem(raw);
  if (problem !== null) throw new Error(`exclude pattern ${JSON.stringify(raw)} ${problem}`);
  const p = normalizeExcludePattern(raw);
  if (p === null) return null;
  return { byName: !p.anchored && !p.glob.includes('/'), matches: compileGlob(p.glob) };
}

/** Compiles the exclude list once; throws an Error naming a bad pattern. */
export function createExcludeMatcher(patterns: readonly string[] = []): ExcludeMatcher {
  const compiled = patterns.map(compilePattern).filter((p): p is CompiledPattern => p !== null);
  if (compiled.length === 0) return () => false;
  return (vaultPath: string): boolean => {
    const segments = vaultPath.split('/');
    let prefix = '';
    for (const segment of segments) {
      prefix = prefix === '' ? segment : `${prefix}/${segment}`;
      for (const p of compiled) {
        if (p.matches(p.byName ? segment : prefix)) return true;
      }
    }
    return false;
  };
}
