/**
 * The one door to a file's metadata. The style is decided once, by the first
 * character of the file (as Hugo and Pelican keep a table of front-matter
 * formats keyed by their delimiters), and one reader reads it:
 *
 * | starts with          | style   | reader      |
 * |----------------------|---------|-------------|
 * | `---` line           | yaml (`---json`: json, `---toml`: toml) | yaml.ts |
 * | `+++` line           | toml    | toml.ts     |
 * | `{` then `"` or `}`  | json    | json.ts     |
 * | a known `Key:` line  | pelican | pelican.ts  |
 * | anything else        | none    |             |
 *
 * Each reader looks at the header only, never the body. Then the shared
 * checks (finish): the block must be a mapping, and it is copied with the
 * size and node bounds of limits.ts. Nothing throws past readMetadata: a
 * reader's failure becomes a warning and the whole text stays the body.
 */
import { firstLine, toJsonSafe } from './limits.js';
import { readHeaderBlock } from './pelican.js';
import { readJsonBlock } from './json.js';
import { readTomlBlock } from './toml.js';
import type { MetadataBlock, ReadBlock } from './types.js';
import { readDashBlock } from './yaml.js';

type Reader = (text: string) => ReadBlock | null;

const READERS: Record<string, Reader> = { '-': readDashBlock, '+': readTomlBlock, '{': readJsonBlock };

function readerFor(text: string): Reader | null {
  const c = text[0];
  if (c === undefined) return null;
  return READERS[c] ?? (/[A-Za-z]/.test(c) ? readHeaderBlock : null);
}

function finish(block: ReadBlock): MetadataBlock {
  const { style, parsed, raw, body } = block;
  const warnings = [...block.warnings];
  const result = (data: MetadataBlock['data']): MetadataBlock => ({ style, data, raw, body, warnings });
  if (parsed === null || parsed === undefined) return result(null);
  if (typeof parsed !== 'object' || Array.isArray(parsed) || parsed instanceof Date) {
    warnings.push('front matter is not a mapping of keys to values; ignored');
    return result(null);
  }
  const copy = toJsonSafe(parsed);
  if (!copy.ok) {
    warnings.push(`front matter ${copy.reason}; ignored`);
    return result(null);
  }
  return result(copy.value as MetadataBlock['data']);
}

/** Splits `text` (LF line ends, no BOM) into its metadata and its Markdown body. */
export function readMetadata(text: string): MetadataBlock {
  try {
    const block = readerFor(text)?.(text);
    return block ? finish(block) : { style: 'none', data: null, raw: '', body: text, warnings: [] };
  } catch (err) {
    const reason = err instanceof Error ? firstLine(err.message) : String(err);
    return { style: 'none', data: null, raw: '', body: text, warnings: [`front matter could not be read (${reason}); read as Markdown`] };
  }
}
