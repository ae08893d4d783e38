/**
 * What makes an exclude pattern (Settings.exclude) unusable, decided in one
 * place for where patterns enter (the settings validator, so the desktop app,
 * web mode and the CLI's --exclude refuse them with a message) and where they
 * are used (the scanner's matcher, core/vault/exclude.ts, for settings stored
 * by an older version). The pattern language itself is described there.
 */

/** A pattern as the matcher reads it: backslashes as "/", without "./" prefixes and outer slashes. */
export interface NormalizedExcludePattern {
  glob: string;
  /** Started with "/": matched from the vault root even without another "/". */
  anchored: boolean;
}

/** `raw` in the matcher's form; null for a blank pattern, which is ignored. */
export function normalizeExcludePattern(raw: string): NormalizedExcludePattern | null {
  if (raw.trim() === '') return null;
  let p = raw.trim().replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  const anchored = p.startsWith('/');
  return { glob: p.replace(/^\/+/, '').replace(/\/+$/, ''), anchored };
}

/**
 * True when the pattern matches every name at the vault's top: once leading
 * "**" segments and a trailing "/**" are set aside, one segment of stars
 * ("*", "**", "/*", "** /*" without the space, "* /**" likewise) is left.
 */
function matchesEverything(glob: string): boolean {
  const segments = glob.split('/');
  while (segments.length > 1 && segments[0] === '**') segments.shift();
  if (segments.length > 1 && segments[segments.length - 1] === '**') segments.pop();
  return segments.length === 1 && /^\*+$/.test(segments[0]!);
}

/**
 * Why `raw` cannot be an exclude pattern ("would exclude the whole vault",
 * `must not contain ".."`), or null when it can (a blank pattern can: it is
 * ignored).
 */
export function excludePatternProblem(raw: string): string | null {
  const p = normalizeExcludePattern(raw);
  if (p === null) return null;
  if (p.glob === '' || matchesEverything(p.glob)) return 'would exclude the whole vault';
  if (p.glob.split('/').includes('..')) return 'must not contain ".." (patterns are relative to the vault)';
  return null;
}
