/**
 * TOML front matter between "+++" lines (Hugo, Zola), parsed by smol-toml: a
 * maintained parser that evaluates nothing, with a nesting limit. Native TOML
 * dates (`date = 2026-07-07`) become smol-toml's TomlDate, which prints as
 * written, so the date read is the one the author wrote (limits.ts toJsonSafe);
 * `useLegacyDate` pins that choice against a change of the library's default.
 */
import { parse, TomlError } from 'smol-toml';
import { findDelimited } from './delimited.js';
import { firstLine, MAX_FRONT_MATTER_DEPTH, oversized } from './limits.js';
import type { ReadBlock } from './types.js';

const OPEN_RE = /^\+\+\+[ \t]*\n/;

/**
 * smol-toml's parse of a front matter block: the parsed value, or a warning.
 * `firstLineOfBlock` is the file's line number of the line before the block,
 * so the warning names the file's line.
 */
export function parseToml(raw: string, firstLineOfBlock: number): Pick<ReadBlock, 'style' | 'parsed' | 'warnings'> {
  try {
    return { style: 'toml', parsed: parse(raw, { maxDepth: MAX_FRONT_MATTER_DEPTH, useLegacyDate: true }), warnings: [] };
  } catch (err) {
    let reason: string;
    if (err instanceof TomlError) {
      const what = firstLine(err.message).replace(/^Invalid TOML document:\s*/, '');
      reason = `line ${err.line + firstLineOfBlock}, column ${err.column}: ${what}`;
    } else {
      reason = err instanceof Error ? firstLine(err.message) : String(err);
    }
    return { style: 'toml', parsed: undefined, warnings: [`front matter is not valid TOML (${reason}); ignored`] };
  }
}

/** The TOML front matter of a text that starts with a "+++" line; null when it does not. */
export function readTomlBlock(text: string): ReadBlock | null {
  const open = OPEN_RE.exec(text);
  if (!open) return null;
  const block = findDelimited(text, open[0].length, '+++');
  if (!block) {
    return { style: 'none', parsed: undefined, raw: '', body: text, warnings: ["front matter has no closing '+++' line; read as Markdown"] };
  }
  const body = text.slice(block.bodyStart);
  const tooLarge = oversized(block.raw);
  if (tooLarge) return { style: 'toml', parsed: undefined, raw: block.raw, body, warnings: [tooLarge] };
  return { ...parseToml(block.raw, 1), raw: block.raw, body };
}
