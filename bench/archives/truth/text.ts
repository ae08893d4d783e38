/**
 * Small, literal readers the truth extractors share: file listing, the text of
 * a file, top-level `key: value` / `key = "value"` lines of a front matter,
 * ATX headings outside code fences. Deliberately simpler than Almanac's parser
 * (and independent of it): each archive's rules say which of these they use.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { StatedDate } from './types.js';

const MARKDOWN_RE = /\.(?:md|markdown|mdx)$/i;

/** Every Markdown file of the vault (.md, .markdown, .mdx), vault-relative POSIX paths, sorted. */
export function markdownFiles(vault: string): string[] {
  const found: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(vault, rel), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && MARKDOWN_RE.test(entry.name)) found.push(child);
    }
  };
  walk('');
  return found.sort();
}

/** The file as text, without a byte-order mark, with LF line ends. */
export function readText(vault: string, rel: string): string {
  const text = fs.readFileSync(path.join(vault, rel), 'utf8');
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
}

/** "content/news/this-week-in-redox-1.md" -> "this-week-in-redox-1". */
export function stem(rel: string): string {
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  return name.replace(MARKDOWN_RE, '');
}

export interface FrontMatter {
  style: 'yaml' | 'toml' | null;
  /** Top-level scalar lines only, values unquoted. */
  fields: Record<string, string>;
  body: string;
}

const FENCES: readonly { fence: string; style: 'yaml' | 'toml' }[] = [
  { fence: '---', style: 'yaml' },
  { fence: '+++', style: 'toml' },
];

function unquote(raw: string): string {
  const value = raw.trim();
  const single = /^'(.*)'$/.exec(value);
  if (single) return single[1]!.replace(/''/g, "'");
  const double = /^"(.*)"$/.exec(value);
  if (double) return double[1]!.replace(/\\(["\\])/g, '$1');
  return value;
}

/** A `---` (YAML) or `+++` (TOML) block at the very top of the file, read as `key: value` / `key = value` lines. */
export function frontMatter(text: string): FrontMatter {
  for (const { fence, style } of FENCES) {
    if (!text.startsWith(`${fence}\n`)) continue;
    const lines = text.split('\n');
    const end = lines.indexOf(fence, 1);
    if (end < 0) continue;
    const fields: Record<string, string> = {};
    for (const line of lines.slice(1, end)) {
      const m = /^([A-Za-z_][\w-]*)\s*[:=]\s*(.*)$/.exec(line);
      if (m) fields[m[1]!] = unquote(m[2]!);
    }
    return { style, fields, body: lines.slice(end + 1).join('\n') };
  }
  return { style: null, fields: {}, body: text };
}

export interface Heading {
  level: number;
  text: string;
}

/** Heading text as a reader sees it: no closing #s, no `{#id}` suffix, link text instead of links, `\'` as `'`. */
export function headingText(raw: string): string {
  return raw
    .replace(/\s+#+\s*$/, '')
    .replace(/\s*\{#[^}]*\}\s*$/, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .trim();
}

/** ATX headings (`# x` .. `###### x`) of a Markdown body, skipping fenced code blocks. */
export function atxHeadings(body: string): Heading[] {
  const headings: Heading[] = [];
  let open: { char: string; length: number } | null = null;
  for (const line of body.split('\n')) {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      const marker = fence[1]!;
      if (open === null) open = { char: marker[0]!, length: marker.length };
      else if (marker[0] === open.char && marker.length >= open.length && line.trim() === marker) open = null;
      continue;
    }
    if (open !== null) continue;
    const m = /^ {0,3}(#{1,6})(?:[ \t]+(.*))?$/.exec(line);
    if (m) headings.push({ level: m[1]!.length, text: headingText(m[2] ?? '') });
  }
  return headings;
}

/** The text of a `# ` heading on the body's first non-blank line, or null. */
export function firstLineH1(body: string): string | null {
  const first = body.split('\n').find((line) => line.trim() !== '') ?? '';
  const m = /^# +(.+)$/.exec(first);
  return m ? headingText(m[1]!) : null;
}

/** The body's first heading when it is level 1 and the only level-1 heading outside code, or null. */
export function soleTopH1(body: string): string | null {
  const headings = atxHeadings(body);
  const first = headings[0];
  if (!first || first.level !== 1 || first.text === '') return null;
  return headings.filter((h) => h.level === 1).length === 1 ? first.text : null;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A stated day, or null when y-m-d names no real day. */
export function statedDay(y: number, m: number, d: number, from: string): StatedDate | null {
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return null;
  return { date: `${pad(y, 4)}-${pad(m)}-${pad(d)}`, precision: 'day', from };
}

/** The day a value starting "YYYY-MM-DD" or "YYYY/MM/DD" writes (a time and zone after it do not move it). */
export function writtenDay(value: string, from: string): StatedDate | null {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})/.exec(value.trim());
  return m ? statedDay(Number(m[1]), Number(m[2]), Number(m[3]), from) : null;
}

/** A file name that starts with its issue number: "posts/239-山顶咖啡.md" -> { name: "239-山顶咖啡", number: 239 }; else null. */
export function numberedStem(rel: string): { name: string; number: number } | null {
  const name = stem(rel);
  const number = leadingNumber(name);
  return number === null ? null : { name, number };
}

/** The leading number of a name ("239-山顶咖啡" -> 239), or null. */
export function leadingNumber(name: string): number | null {
  const m = /^(\d+)/.exec(name);
  return m ? Number(m[1]) : null;
}
