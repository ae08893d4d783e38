/**
 * A section's heading path: how it is shown, and how it is stored.
 *
 * Stored form of a section's heading path (section.ancestors, schema V4):
 * the path without its last entry, which is always the section's own heading
 * (parse/sections.ts builds it that way), so each heading is stored once. The
 * 10k synthetic vault's paths took 3.5 MB stored whole.
 *
 * A path that does not end with its heading (never produced by the parser, but
 * the store does not rely on that) is stored whole as {"path": [...]}.
 */

/** How a heading path is shown as one string ("深度报道与点评 › 1. OpenAI ..."); the FTS heading column uses the same form. */
export const HEADING_PATH_SEPARATOR = ' \u203a ';

export function formatHeadingPath(headingPath: readonly string[]): string {
  return headingPath.join(HEADING_PATH_SEPARATOR);
}

/** section.ancestors for a section with this heading path, heading and level. */
export function encodeHeadingPath(path: readonly string[], heading: string, level: number): string {
  if (level === 0 && path.length === 0) return '[]';
  if (level > 0 && path.length > 0 && path[path.length - 1] === heading) return JSON.stringify(path.slice(0, -1));
  return JSON.stringify({ path });
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/**
 * The heading path of a stored section. A value that cannot be read (only a
 * damaged index has one) yields the heading alone.
 */
export function decodeHeadingPath(ancestors: string, heading: string, level: number): string[] {
  let v: unknown;
  try {
    v = JSON.parse(ancestors);
  } catch {
    v = undefined;
  }
  if (isStringArray(v)) return level > 0 ? [...v, heading] : v;
  if (typeof v === 'object' && v !== null && isStringArray((v as { path?: unknown }).path)) return (v as { path: string[] }).path;
  return heading === '' ? [] : [heading];
}

/** The columns of a stored section that hold its heading path. */
export interface StoredHeading {
  ancestors: string;
  heading: string;
  level: number;
}

/** The heading path of a stored section row. */
export function headingPathOf(row: StoredHeading): string[] {
  return decodeHeadingPath(row.ancestors, row.heading, row.level);
}
