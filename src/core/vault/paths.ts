/**
 * Vault path helpers. Everything outside the core names a file by its
 * vault-relative POSIX path ("weekly/2026-02-06.md"); these turn such ids into
 * absolute paths and back, and refuse ids that could leave the vault.
 */
import path from 'node:path';

// MDX files (Docusaurus, Astro) are Markdown with components: the parser strips what MDX adds (parse/mdx.ts).
const MARKDOWN_EXT = /\.(md|markdown|mdx)$/i;
const MDX_EXT = /\.mdx$/i;

/** True for names ending in .md, .markdown or .mdx, in any letter case: the files of a vault. */
export function isMarkdownPath(p: string): boolean {
  return MARKDOWN_EXT.test(p);
}

/** True for .mdx files, whose MDX syntax is stripped before parsing. */
export function isMdxPath(p: string): boolean {
  return MDX_EXT.test(p);
}

/**
 * A digest's link key: its vault path without a .md/.markdown/.mdx extension
 * ("weekly/2026-02-06"). Links resolve by key, so the parser (both sides of a
 * link) and the store compute it with this one function.
 */
export function digestKey(p: string): string {
  return p.replace(MARKDOWN_EXT, '');
}

/** True if `p` is `root` itself or lies below it (lexically; resolve symlinks first). */
export function isInsideRoot(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The vault-relative POSIX path of `absPath` ('' for the root itself).
 * Throws if `absPath` is not inside `root`.
 */
export function toVaultPath(root: string, absPath: string): string {
  const rel = path.relative(root, absPath);
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new Error(`${JSON.stringify(absPath)} is outside the vault ${JSON.stringify(root)}`);
  }
  return rel.split(path.sep).join('/');
}

/**
 * The absolute path of a vault-relative id received from an untrusted caller
 * (renderer, HTTP, CLI argument). Rejects, with an Error naming the value:
 * non-strings, empty ids, NUL characters, absolute paths (POSIX, Windows drive
 * or UNC) and any `..` segment. Backslashes count as separators so that
 * `..\x` is refused on every platform. The check is lexical: it does not
 * resolve symlinks (the scanner never hands out ids that go through a link
 * leaving the vault).
 */
export function resolveInVault(root: string, relPath: string): string {
  if (typeof relPath !== 'string') {
    throw new Error(`vault path must be a string, got ${typeof relPath}`);
  }
  const shown = JSON.stringify(relPath);
  if (relPath.length === 0) throw new Error('vault path is empty');
  if (relPath.includes('\0')) throw new Error(`vault path ${shown} contains a NUL character`);
  if (
    relPath.startsWith('/') ||
    relPath.startsWith('\\') ||
    /^[A-Za-z]:/.test(relPath) ||
    path.isAbsolute(relPath)
  ) {
    throw new Error(`vault path ${shown} is absolute; expected a path relative to the vault`);
  }
  const segments = relPath.split(/[/\\]/).filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) {
    throw new Error(`vault path ${shown} contains ".." and could leave the vault`);
  }
  if (segments.length === 0) throw new Error(`vault path ${shown} names the vault itself, not a file`);
  const abs = path.join(root, ...segments);
  if (!isInsideRoot(root, abs)) {
    throw new Error(`vault path ${shown} resolves outside the vault`);
  }
  return abs;
}
