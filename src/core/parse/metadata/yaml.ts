/**
 * Front matter between "---" lines: YAML (the default), "---json", "---toml";
 * any other "---lang" is a warning. Nothing in a vault file may execute:
 *
 * - gray-matter evaluates `---js` / `---javascript` (and would run CoffeeScript) with eval,
 *   and `engines: { js: false }` does not stop it. Every code language is overridden with an
 *   engine that throws, gray-matter is handed only YAML, and JSON and TOML go to their own
 *   parsers (JSON.parse, smol-toml), neither of which evaluates anything.
 * - gray-matter is always given an options object: without one it caches every input in a
 *   global map and hands out shared mutable results.
 * - The block is found here, not by gray-matter, which treats a lone `---` thematic break at
 *   the top of a file as an unterminated front matter and swallows the whole body.
 * - Size, node and depth bounds: limits.ts.
 *
 * YAML that does not parse keeps what it can: the top-level entries are read
 * one by one (yaml-recovery.ts), with a warning that says so.
 */
import matter from 'gray-matter';
import { findDelimited } from './delimited.js';
import { parseJsonObject } from './json.js';
import { firstLine, oversized } from './limits.js';
import { parseToml } from './toml.js';
import type { MetadataStyle, ReadBlock } from './types.js';
import { recoverTopLevelEntries } from './yaml-recovery.js';

const UNSAFE_LANGUAGES = ['js', 'javascript', 'coffee', 'coffeescript', 'cson'];

function refuse(language: string): () => never {
  return () => {
    throw new Error(`front matter language '${language}' is not supported`);
  };
}

/** Engines that override gray-matter's evaluating ones; built once. */
const SAFE_ENGINES: Record<string, () => never> = Object.fromEntries(UNSAFE_LANGUAGES.map((lang) => [lang, refuse(lang)]));

const LANGUAGE_STYLES: Record<string, MetadataStyle> = { '': 'yaml', yaml: 'yaml', yml: 'yaml', json: 'json', toml: 'toml' };

// Opening line: "---" and an optional language name.
const OPEN_RE = /^---([^\n-][^\n]*)?\n/;
// The first line that is not blank or a comment, when it is "key:" (possibly quoted).
const FIRST_KEY_RE = /^(?:[ \t]*(?:#[^\n]*)?\n)*(?:[^\s#:\-'"][^\n:]*|"[^"\n]*"|'[^'\n]*')[ \t]*:(?:[ \t\n]|$)/;
// A "---" first line followed by "key:" looks like front matter whose closing line is missing.
const UNCLOSED_RE = /^---[ \t]*\n[A-Za-z_][\w-]*[ \t]*:/;

/**
 * Parses YAML text with gray-matter, safely (see the module comment). Throws
 * js-yaml's error for text that is not YAML.
 */
export function parseYaml(raw: string): unknown {
  // Hand gray-matter only the block, so its own delimiter search cannot disagree with ours.
  return matter(`---\n${raw}\n---\n`, { engines: SAFE_ENGINES, language: 'yaml' }).data;
}

interface YamlLikeError {
  reason?: unknown;
  mark?: { line?: unknown; column?: unknown };
  message?: unknown;
}

/** js-yaml's error as "line L, column C: reason", L counted in the file. */
function describeYamlError(err: unknown): string {
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

function readYaml(raw: string, body: string): ReadBlock {
  try {
    return { style: 'yaml', parsed: parseYaml(raw), raw, body, warnings: [] };
  } catch (err) {
    const problem = `front matter is not valid YAML (${describeYamlError(err)})`;
    const recovered = recoverTopLevelEntries(raw, parseYaml);
    if (recovered.count === 0) return { style: 'yaml', parsed: undefined, raw, body, warnings: [`${problem}; ignored`] };
    const lines = recovered.count === 1 ? 'line' : 'lines';
    return { style: 'yaml', parsed: recovered.data, raw, body, warnings: [`${problem}; read ${recovered.count} plain key: value ${lines}`] };
  }
}

/** The front matter of a text that starts with a "---" line; null when that line is Markdown (a thematic break). */
export function readDashBlock(text: string): ReadBlock | null {
  const open = OPEN_RE.exec(text);
  if (!open) return null;
  const block = findDelimited(text, open[0].length, '---');
  if (!block) {
    if (!UNCLOSED_RE.test(text)) return null;
    return { style: 'none', parsed: undefined, raw: '', body: text, warnings: ["front matter has no closing '---' line; read as Markdown"] };
  }
  const { raw } = block;
  const language = (open[1] ?? '').trim().toLowerCase();
  // Without a language the block must start like a YAML mapping: a document that opens
  // with a thematic break ("---", text, "---") is Markdown, and its text must not vanish.
  if (language === '' && raw.trim() !== '' && !FIRST_KEY_RE.test(raw)) return null;
  const body = text.slice(block.bodyStart);
  const style = LANGUAGE_STYLES[language] ?? 'none';
  const ignored = (warning: string): ReadBlock => ({ style, parsed: undefined, raw, body, warnings: [warning] });

  const tooLarge = oversized(raw);
  if (tooLarge) return ignored(tooLarge);
  if (raw.trim() === '') return { style, parsed: undefined, raw, body, warnings: [] };
  switch (language) {
    case '':
    case 'yaml':
    case 'yml':
      return readYaml(raw, body);
    case 'json':
      return { ...parseJsonObject(raw), raw, body };
    case 'toml':
      // The block's first line is the file's second.
      return { ...parseToml(raw, 1), raw, body };
    default:
      return ignored(`front matter language '${language}' is not supported; ignored`);
  }
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
