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
 *   case-sensitive;
 * - a path is excluded when it or any folder above it matches, so "archive",
 *   "archive/" and "archive/**" are equivalent.
 */

export type ExcludeMatcher = (vaultPath: string) => boolean;

interface CompiledPattern {
  /** Matches a single name (pattern had no "/") rather than a path from the root. */
  byName: boolean;
  regex: RegExp;
}

function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        const next = glob[i + 2];
        if (atSegmentStart && next === '/') {
          out += '(?:.*/)?'; // "**/" : zero or more leading folders
          i += 2;
        } else if (atSegmentStart && next === undefined && i > 0) {
          out = out.slice(0, -1) + '(?:/.*)?'; // "/**" at the end: the folder and everything below
          i += 1;
        } else {
          out += '.*';
          i += 1;
        }
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else {
      out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${out}$`);
}

function compilePattern(raw: unknown): CompiledPattern | null {
  if (typeof raw !== 'string') {
    throw new Error(`exclude pattern must be a string, got ${JSON.stringify(raw)}`);
  }
  let p = raw.trim().replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  const anchored = p.startsWith('/');
  p = p.replace(/^\/+/, '').replace(/\/+$/, '');
  if (p === '' || p === '**') {
    if (raw.trim() === '') return null;
    throw new Error(`exclude pattern ${JSON.stringify(raw)} would exclude the whole vault`);
  }
  if (p.split('/').includes('..')) {
    throw new Error(`exclude pattern ${JSON.stringify(raw)} must not contain ".."`);
  }
  return { byName: !anchored && !p.includes('/'), regex: globToRegExp(p) };
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
        if (p.regex.test(p.byName ? segment : prefix)) return true;
      }
    }
    return false;
  };
}
