/**
 * JSON front matter: Hugo's object at the very start of the file ("{" on the
 * first line, the object ending at its matching "}"), and the body of a
 * "---json" block (yaml.ts). JSON.parse evaluates nothing; the object's end is
 * found by a scan that knows strings, at most MAX_BLOCK_SEARCH_CHARS ahead.
 */
import { MAX_BLOCK_SEARCH_CHARS, oversized } from './limits.js';
import type { ReadBlock } from './types.js';

// "{" then a key or "}": a Markdown paragraph that starts with a brace ("{% raw %}", MDX's "{/* */}") is not JSON.
const JSON_START_RE = /^\{[ \t]*(?:\n[ \t]*)*(?:"|\})/;

/** JSON.parse of a front matter object: the parsed value, or a warning naming the error. */
export function parseJsonObject(raw: string): Pick<ReadBlock, 'style' | 'parsed' | 'warnings'> {
  try {
    return { style: 'json', parsed: JSON.parse(raw) as unknown, warnings: [] };
  } catch (err) {
    // V8 quotes the whole input in its message ('Unexpected token, "{…}" is not valid JSON'): keep the reason only.
    const message = err instanceof Error ? err.message : String(err);
    const reason = message.replace(/, "[\s\S]*" is not valid JSON$/, '').replace(/\s+/g, ' ');
    return { style: 'json', parsed: undefined, warnings: [`front matter is not valid JSON (${reason}); ignored`] };
  }
}

/** Offset just past the "}" that closes the object opening at 0; -1 when it does not close within the search limit. */
function objectEnd(text: string): number {
  const limit = Math.min(text.length, MAX_BLOCK_SEARCH_CHARS);
  let depth = 0;
  let inString = false;
  for (let i = 0; i < limit; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** The JSON object at the very start of `text`; null when the text does not start like one. */
export function readJsonBlock(text: string): ReadBlock | null {
  if (!JSON_START_RE.test(text)) return null;
  const end = objectEnd(text);
  if (end === -1) {
    return { style: 'none', parsed: undefined, raw: '', body: text, warnings: ["front matter opened with '{' has no closing '}'; read as Markdown"] };
  }
  const raw = text.slice(0, end);
  // The rest of the closing line belongs to the block when it is blank.
  const nl = text.indexOf('\n', end);
  const lineRest = nl === -1 ? text.slice(end) : text.slice(end, nl);
  const bodyStart = lineRest.trim() === '' ? (nl === -1 ? text.length : nl + 1) : end;
  const body = text.slice(bodyStart);
  const tooLarge = oversized(raw);
  if (tooLarge) return { style: 'json', parsed: undefined, raw, body, warnings: [tooLarge] };
  return { ...parseJsonObject(raw), raw, body };
}
