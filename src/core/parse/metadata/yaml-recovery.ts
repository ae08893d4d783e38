/**
 * What can be kept of a YAML front matter that does not parse: each top-level
 * entry (a `key: value` line at column 0 with its indented lines) is parsed on
 * its own, so one bad quote loses one entry, not the title, date and tags with
 * it. A one-line entry that still does not parse is read as plain text with
 * its quotes removed, unless its value starts with YAML syntax that plain text
 * cannot stand for (an anchor, alias, tag, block scalar, or an open list or
 * mapping). The first entry of a key wins.
 */
import type { MetadataData } from './types.js';

// key: a plain word-ish key or a quoted one, at column 0, then ":" and a space or the line's end.
const ENTRY_RE = /^([^\s#:\-'"[\]{}][^:\n]*?|"[^"\n]*"|'[^'\n]*')[ \t]*:(?:[ \t]+(.*))?$/;
const NOT_PLAIN_RE = /^[&*!|>[{]/;

interface Entry {
  key: string;
  value: string;
  /** The entry's lines (its first line and the indented ones after it). */
  source: string;
  single: boolean;
}

function unquoteKey(key: string): string {
  const q = key[0];
  return (q === '"' || q === "'") && key.endsWith(q) && key.length >= 2 ? key.slice(1, -1) : key.trim();
}

function topLevelEntries(raw: string): Entry[] {
  const lines = raw.split('\n');
  const entries: Entry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = ENTRY_RE.exec(lines[i]!);
    if (!m) continue;
    let end = i + 1;
    while (end < lines.length && (lines[end]!.trim() === '' || /^[ \t]/.test(lines[end]!) || lines[end]!.startsWith('- '))) end++;
    entries.push({ key: unquoteKey(m[1]!), value: (m[2] ?? '').trim(), source: lines.slice(i, end).join('\n'), single: end === i + 1 });
    i = end - 1;
  }
  return entries;
}

/** A one-line value as plain text: quotes removed (also an unclosed opening one), a trailing comment dropped. */
function plainValue(value: string): string | null {
  if (value === '' || NOT_PLAIN_RE.test(value)) return null;
  const q = value[0];
  if (q === '"' || q === "'") {
    const close = value.lastIndexOf(q);
    return close > 0 ? value.slice(1, close) : value.slice(1).trim();
  }
  return value.replace(/[ \t]+#.*$/, '').trim();
}

/**
 * The entries of `raw` that can be read one by one, with `parse` (the safe
 * YAML parser) first and as plain text second; `count` is how many were read.
 */
export function recoverTopLevelEntries(raw: string, parse: (yaml: string) => unknown): { data: MetadataData; count: number } {
  const entries: [string, unknown][] = [];
  const seen = new Set<string>();
  for (const entry of topLevelEntries(raw)) {
    if (seen.has(entry.key)) continue;
    let value: unknown;
    try {
      const parsed = parse(entry.source);
      value = parsed !== null && typeof parsed === 'object' ? Object.values(parsed)[0] : undefined;
    } catch {
      value = entry.single ? plainValue(entry.value) ?? undefined : undefined;
    }
    if (value === undefined) continue;
    seen.add(entry.key);
    entries.push([entry.key, value]);
  }
  // fromEntries defines own properties: a "__proto__" key stays a plain key.
  return { data: Object.fromEntries(entries), count: entries.length };
}
