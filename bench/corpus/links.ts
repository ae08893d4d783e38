/**
 * Relative links of a replicated file, re-pointed where the replicator
 * renamed their target or moved the file (a date in a folder or a file name
 * moved): inline links `[t](../2018/issue-120)`, `[t](<a b.md>)` and reference
 * definitions `[id]: ./2025-01-11-weekly.md`. A link keeps its style: with
 * or without the extension, `./` or not, percent-encoded or not, its
 * `#fragment`. Links to the web, to the vault root (`/news/...`), to
 * anchors, and links whose target did not move stay byte for byte.
 */
import path from 'node:path';

/** Where a corpus-relative path went, or null when it is not a replicated file. */
export type Renamer = (corpusPath: string) => string | null;

const INLINE_RE = /(\]\(\s*)(<[^>\n]*>|[^)\s]+)/g;
const REFERENCE_RE = /^(\s{0,3}\[[^\]\n]+\]:[ \t]*)(<[^>\n]*>|\S+)/gm;
const SCHEME_RE = /^[a-z][a-z0-9+.-]*:/i;
const MARKDOWN_EXT_RE = /\.(md|markdown|mdx)$/i;

function decode(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}

interface Target {
  /** The target path as written (no angle brackets, no fragment). */
  written: string;
  suffix: string;
  angle: boolean;
}

function splitTarget(raw: string): Target | null {
  const angle = raw.startsWith('<') && raw.endsWith('>');
  const inner = angle ? raw.slice(1, -1) : raw;
  const cut = inner.search(/[#?]/);
  const written = cut === -1 ? inner : inner.slice(0, cut);
  if (written === '' || written.startsWith('/') || SCHEME_RE.test(written)) return null;
  return { written, suffix: cut === -1 ? '' : inner.slice(cut), angle };
}

type Resolved = { from: string; to: string; kind: 'exact' | 'extension' | 'index' };

/** The replicated file the link points at: the path itself, with a Markdown extension added, or a folder's index. */
function resolve(target: string, rename: Renamer): Resolved | null {
  const bare = target.replace(/\/$/, '');
  const exact = rename(bare);
  if (exact !== null) return { from: bare, to: exact, kind: 'exact' };
  for (const ext of ['.md', '.markdown', '.mdx']) {
    const from = `${bare}${ext}`;
    const to = rename(from);
    if (to !== null) return { from, to, kind: 'extension' };
  }
  for (const index of ['index.md', 'index.mdx']) {
    const from = `${bare}/${index}`;
    const to = rename(from);
    if (to !== null) return { from, to, kind: 'index' };
  }
  return null;
}

/** The new target written as the link wrote the old one: the same omissions (extension, folder index, `./`) and encoding. */
function respell(written: string, resolved: Resolved, newDir: string): string {
  const to = resolved.kind === 'extension' ? resolved.to.replace(MARKDOWN_EXT_RE, '') : resolved.kind === 'index' ? path.posix.dirname(resolved.to) : resolved.to;
  let rel = path.posix.relative(newDir, to) || '.';
  if (written.startsWith('./') && !rel.startsWith('.')) rel = `./${rel}`;
  if (written.endsWith('/') && !rel.endsWith('/')) rel = `${rel}/`;
  return written.includes('%') ? encodeURI(rel) : rel;
}

/**
 * The text with its relative links re-pointed. `oldPath` and `newPath` are
 * the file's corpus-relative paths before and after replication.
 */
export function rewriteLinks(text: string, oldPath: string, newPath: string, rename: Renamer): string {
  const oldDir = path.posix.dirname(oldPath);
  const newDir = path.posix.dirname(newPath);
  const replace = (whole: string, lead: string, raw: string): string => {
    const target = splitTarget(raw);
    if (!target) return whole;
    const oldTarget = path.posix.normalize(path.posix.join(oldDir, decode(target.written)));
    if (oldTarget.startsWith('../')) return whole;
    const resolved = resolve(oldTarget, rename);
    if (!resolved || (resolved.to === resolved.from && newDir === oldDir)) return whole;
    const rewritten = `${respell(target.written, resolved, newDir)}${target.suffix}`;
    if (rewritten === raw.replace(/^<|>$/g, '')) return whole;
    return `${lead}${target.angle ? `<${rewritten}>` : rewritten}`;
  };
  return text.replace(INLINE_RE, replace).replace(REFERENCE_RE, replace);
}
