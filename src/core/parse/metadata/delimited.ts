/**
 * Blocks between delimiter lines at the top of a file ("---" for YAML, "+++"
 * for TOML). The closing line is found line by line from the opening one, at
 * most MAX_BLOCK_SEARCH_CHARS ahead, so the cost is that of the header, not of
 * the body.
 */
import { MAX_BLOCK_SEARCH_CHARS } from './limits.js';

export interface Delimited {
  /** Text between the opening and the closing line, without the newline before the closing line. */
  raw: string;
  /** Offset of the body: after the closing line and its newline. */
  bodyStart: number;
}

function isClosingLine(text: string, at: number, delimiter: string): boolean {
  if (!text.startsWith(delimiter, at)) return false;
  for (let i = at + delimiter.length; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t') return false;
  }
  return true;
}

/** The block whose content starts at `contentStart` and ends at a line of `delimiter` alone; null when none closes it. */
export function findDelimited(text: string, contentStart: number, delimiter: string): Delimited | null {
  const limit = Math.min(text.length, contentStart + MAX_BLOCK_SEARCH_CHARS);
  let line = contentStart;
  while (line <= limit) {
    if (isClosingLine(text, line, delimiter)) {
      const nl = text.indexOf('\n', line);
      const bodyStart = nl === -1 ? text.length : nl + 1;
      return { raw: text.slice(contentStart, Math.max(contentStart, line - 1)), bodyStart };
    }
    const nl = text.indexOf('\n', line);
    if (nl === -1) return null;
    line = nl + 1;
  }
  return null;
}
