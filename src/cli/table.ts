/**
 * Text tables for a terminal: widths in columns, where CJK and full-width
 * characters take two (the list and trends commands print tables with
 * Chinese titles and queries).
 */
import { displayWidth } from '../shared/cjk.js';

/** Columns a string takes on a terminal (CJK and full-width characters take two). */
export { displayWidth };

export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/** The start of `s` that fits in `width` columns, with '…' when cut. */
export function fit(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = displayWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/** `s` right-aligned in `width` columns (numbers). */
export function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s;
}
