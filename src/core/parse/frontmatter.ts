/**
 * Front matter, read safely. Nothing in a vault file may execute or explode:
 *
 * - gray-matter evaluates `---js` / `---javascript` (and would run CoffeeScript) with eval,
 *   and `engines: { js: false }` does not stop it. Every code language is overridden with an
 *   engine that throws, and only YAML (the default) and JSON are accepted at all.
 * - gray-matter is always given an options object: without one it caches every input in a
 *   global map and hands out shared mutable results.
 * - The block is found here, not by gray-matter, which treats a lone `---` thematic break at
 *   the top of a file as an unterminated front matter and swallows the whole body.
 * - The block is capped (MAX_FRONT_MATTER_CHARS), and the parsed value is copied into plain
 *   JSON-safe data by a walker with a node budget: js-yaml expands no aliases while loading
 *   (they are shared references), but anything that walks the result would, and a 319-byte
 *   alias bomb walks as 300 MB. Over budget -> the front matter is ignored with a warning.
 */
import matter from 'gray-matter';

/** Front matter larger than this (UTF-16 code units) is ignored with a warning. */
export const MAX_FRONT_MATTER_CHARS = 64 * 1024;
/** Values (scalars, list items, mapping entries) the parsed front matter may hold. */
export const MAX_FRONT_MATTER_NODES = 50_000;
/** Nesting depth of the parsed front matter. */
export const MAX_FRONT_MATTER_DEPTH = 32;

export type FrontMatterData = Record<string, unknown>;

export interface FrontMatter {
  /** The parsed key/value mapping, JSON-safe; null when there is none or it was ignored. */
  data: FrontMatterData | null;
  /** Raw text between the delimiters ('' when there is no block). */
  raw: string;
  /** The Markdown after the front matter block (the whole text when there is none). */
  body: string;
  warnings: string[];
}

const UNSAFE_LANGUAGES = ['js', 'javascript', 'coffee', 'coffeescript', 'cson'];

class UnsupportedLanguageError extends Error {}

function refuse(language: string): () => never {
  return () => {
    throw new UnsupportedLanguageError(language);
  };
}

/** Engines that override gray-matter's evaluating ones; built once. */
const SAFE_ENGINES: Record<string, () => never> = Object.fromEntries(
  UNSAFE_LANGUAGES.map((lang) => [lang, refuse(lang)]),
);

const SUPPORTED_LANGUAGES = new Set(['', 'yaml', 'yml', 'json']);

interface Block {
  language: string;
  raw: string;
  bodyStart: number;
}

// Opening line: "---" and an optional language name; closing line: "---" alone.
const OPEN_RE = /^---([^\n-][^\n]*)?\n/;
const CLOSE_RE = /^---[ \t]*$/m;
// The first line that is not blank or a comment, when it is "key:" (possibly quoted).
const FIRST_KEY_RE = /^(?:[ \t]*(?:#[^\n]*)?\n)*(?:[^\s#:\-'"][^\n:]*|"[^"\n]*"|'[^'\n]*')[ \t]*:(?:[ \t\n]|$)/;
// A "---" first line followed by "key:" looks like front matter whose closing line is missing.
const UNCLOSED_RE = /^---[ \t]*\n[A-Za-z_][\w-]*[ \t]*:/;

/** Locates a front matter block at the very start of the text, or null. */
function findBlock(text: string): Block | null {
  const open = OPEN_RE.exec(text);
  if (!open) return null;
  const contentStart = open[0].length;
  const rest = text.slice(contentStart);
  // "---\n---": an empty block closes on the very next line.
  const close = CLOSE_RE.exec(rest);
  if (!close) return null;
  const closeEnd = contentStart + close.index + close[0].length;
  const raw = rest.slice(0, Math.max(0, close.index - 1));
  const language = (open[1] ?? '').trim().toLowerCase();
  // Without a language the block must start like a YAML mapping: a document that opens
  // with a thematic break ("---", text, "---") is Markdown, and its text must not vanish.
  if (language === '' && raw.trim() !== '' && !FIRST_KEY_RE.test(raw)) return null;
  const bodyStart = text[closeEnd] === '\n' ? closeEnd + 1 : closeEnd;
  return { language, raw, bodyStart };
}

/** Splits the text into front matter and body and parses the front matter safely. */
export function readFrontMatter(text: string): FrontMatter {
  const block = findBlock(text);
  if (!block) {
    const warnings = UNCLOSED_RE.test(text) ? ["front matter has no closing '---' line; read as Markdown"] : [];
    return { data: null, raw: '', body: text, warnings };
  }
  const body = text.slice(block.bodyStart);
  const ignored = (warning: string): FrontMatter => ({ data: null, raw: block.raw, body, warnings: [warning] });

  if (!SUPPORTED_LANGUAGES.has(block.language)) {
    return ignored(`front matter language '${block.language}' is not supported; ignored`);
  }
  if (block.raw.length > MAX_FRONT_MATTER_CHARS) {
    return ignored(
      `front matter is too large (${block.raw.length} characters, limit ${MAX_FRONT_MATTER_CHARS}); ignored`,
    );
  }
  if (block.raw.trim() === '') return { data: null, raw: block.raw, body, warnings: [] };

  let parsed: unknown;
  try {
    // Hand gray-matter only the block, so its own delimiter search cannot disagree with ours.
    const source = `---${block.language}\n${block.raw}\n---\n`;
    parsed = matter(source, { engines: SAFE_ENGINES, language: 'yaml' }).data;
  } catch (err) {
    if (err instanceof UnsupportedLanguageError) {
      return ignored(`front matter language '${err.message}' is not supported; ignored`);
    }
    return ignored(`front matter is not valid ${block.language === 'json' ? 'JSON' : 'YAML'} (${describeError(err)}); ignored`);
  }
  if (parsed === null || parsed === undefined) return { data: null, raw: block.raw, body, warnings: [] };
  if (typeof parsed !== 'object' || Array.isArray(parsed) || parsed instanceof Date) {
    return ignored('front matter is not a mapping of keys to values; ignored');
  }
  const copy = toJsonSafe(parsed);
  if (!copy.ok) return ignored(`front matter ${copy.reason}; ignored`);
  return { data: copy.value as FrontMatterData, raw: block.raw, body, warnings: [] };
}

interface YamlLikeError {
  reason?: unknown;
  mark?: { line?: unknown; column?: unknown };
  message?: unknown;
}

function describeError(err: unknown): string {
  const e = (typeof err === 'object' && err !== null ? err : {}) as YamlLikeError;
  const reason = typeof e.reason === 'string' ? e.reason : typeof e.message === 'string' ? firstLine(e.message) : String(err);
  if (e.mark && typeof e.mark.line === 'number') {
    // gray-matter hands js-yaml the block starting with the opening line's newline, so
    // js-yaml's 0-based line is the file's 1-based line.
    const line = e.mark.line + 1;
    const column = typeof e.mark.column === 'number' ? `, column ${e.mark.column + 1}` : '';
    return `line ${line}${column}: ${reason}`;
  }
  return reason;
}

function firstLine(s: string): string {
  const nl = s.indexOf('\n');
  return nl === -1 ? s : s.slice(0, nl);
}

type CopyResult = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Copies parsed front matter into plain JSON-safe data: Dates become "YYYY-MM-DD"
 * (UTC midnight, as YAML dates load) or ISO strings, non-finite numbers null,
 * functions/symbols/undefined are dropped. Shared references (YAML aliases) are
 * copied each time they occur, so the node budget bounds the output exactly.
 */
export function toJsonSafe(input: unknown): CopyResult {
  let nodes = 0;
  let failure: string | null = null;

  const copy = (value: unknown, depth: number): unknown => {
    if (failure) return null;
    if (++nodes > MAX_FRONT_MATTER_NODES) {
      failure = `holds more than ${MAX_FRONT_MATTER_NODES} values (YAML aliases expanding?)`;
      return null;
    }
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (typeof value === 'bigint') return value.toString();
    if (value instanceof Date) return dateToJson(value);
    if (typeof value !== 'object') return undefined;
    if (depth >= MAX_FRONT_MATTER_DEPTH) {
      failure = `is nested more than ${MAX_FRONT_MATTER_DEPTH} levels deep`;
      return null;
    }
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (const item of value) {
        const c = copy(item, depth + 1);
        out.push(c === undefined ? null : c);
        if (failure) break;
      }
      return out;
    }
    const entries: [string, unknown][] = [];
    for (const key of Object.keys(value)) {
      const c = copy((value as Record<string, unknown>)[key], depth + 1);
      if (c !== undefined) entries.push([key, c]);
      if (failure) break;
    }
    // fromEntries defines own properties, so a "__proto__" key stays a plain key.
    return Object.fromEntries(entries);
  };

  const value = copy(input, 0);
  return failure ? { ok: false, reason: failure } : { ok: true, value };
}

function dateToJson(d: Date): string | null {
  const t = d.getTime();
  if (Number.isNaN(t)) return null;
  const iso = d.toISOString();
  return t % 86_400_000 === 0 ? iso.slice(0, 10) : iso;
}

/**
 * The scalar written for a top-level key ("date: 2026-13-45 # comment" -> "2026-13-45"),
 * quotes removed; null when the key is not on a line of its own. YAML turns unquoted
 * timestamps into Dates, rolling impossible dates over (2026-13-45 -> 2027-02-14) and
 * shifting zoned times to UTC; this recovers what the author wrote.
 */
export function rawTopLevelScalar(raw: string, key: string): string | null {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^${escaped}[ \\t]*:[ \\t]*(.*)$`, 'm').exec(raw);
  if (!m) return null;
  let value = (m[1] ?? '').replace(/[ \t]+#.*$/, '').trim();
  const q = value[0];
  if ((q === '"' || q === "'") && value.endsWith(q) && value.length >= 2) value = value.slice(1, -1);
  return value;
}
