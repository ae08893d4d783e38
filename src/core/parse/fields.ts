/**
 * The digest fields held in front matter: title, date, tags, description, and
 * every other key as meta. Values are checked and normalised here; fallbacks
 * that need the body or the file name (first H1, date in the name) are applied
 * by parse.ts.
 */
import { parseDateValue } from '../../shared/dates.js';
import type { FrontMatterData } from './frontmatter.js';
import { rawTopLevelScalar } from './frontmatter.js';

export interface FrontMatterFields {
  /** Non-empty title text, or null when front matter gives none. */
  title: string | null;
  /** "YYYY-MM-DD"; null when absent; 'invalid' with the offending value (quoted) in invalidDate. */
  date: string | null | 'invalid';
  invalidDate: string | null;
  tags: string[];
  description: string | null;
  meta: Record<string, unknown>;
  warnings: string[];
}

/** Front matter keys read as digest fields (matched case-insensitively, exact spelling first). */
const FIELD_NAMES = ['title', 'date', 'tags', 'tag', 'description'] as const;
type FieldName = (typeof FIELD_NAMES)[number];
/** What js-yaml turns into a Date; such values are re-read from the raw text (see rawTopLevelScalar). */
const YAML_TIMESTAMP_RE = /^\d{4}-\d{1,2}-\d{1,2}(?:[Tt\s].*)?$/;
/** Longest rendering of a bad value inside a warning. */
const MAX_VALUE_IN_WARNING = 60;

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  const s = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  return s.length > MAX_VALUE_IN_WARNING ? `${s.slice(0, MAX_VALUE_IN_WARNING - 1)}…` : s;
}

function textValue(value: unknown): string | null | 'bad' {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
  return 'bad';
}

/** Reads the digest fields from (JSON-safe) front matter data and its raw text. */
export function frontMatterFields(data: FrontMatterData | null, raw: string): FrontMatterFields {
  const warnings: string[] = [];
  if (!data) return { title: null, date: null, invalidDate: null, tags: [], description: null, meta: {}, warnings };

  const keys = fieldKeys(data);
  const used = new Set<string>();
  const field = (name: FieldName): unknown => {
    const key = keys.get(name);
    if (key === undefined) return undefined;
    used.add(key);
    return data[key];
  };

  const titleValue = field('title');
  const title = textValue(titleValue);
  if (title === 'bad') warnings.push(`title ${describeValue(titleValue)} is not text; ignored`);

  const descriptionValue = field('description');
  const description = textValue(descriptionValue);
  if (description === 'bad') warnings.push(`description ${describeValue(descriptionValue)} is not text; ignored`);

  let dateInput = field('date');
  if (typeof dateInput === 'string') {
    // An unquoted YAML timestamp was a Date: take the text as written instead.
    const written = rawTopLevelScalar(raw, keys.get('date') ?? 'date');
    if (written !== null && YAML_TIMESTAMP_RE.test(written)) dateInput = written;
  }
  const date = parseDateValue(dateInput);

  // `tag` is read only when `tags` gives nothing; otherwise it stays in meta.
  const tagsValue = field('tags');
  const useTagKey = (tagsValue === undefined || tagsValue === null) && keys.has('tag');
  const tags = useTagKey ? normalizeTags(field('tag'), 'tag', warnings) : normalizeTags(tagsValue, 'tags', warnings);

  // fromEntries defines own properties: a "__proto__" key stays a plain key.
  const meta = Object.fromEntries(Object.entries(data).filter(([key]) => !used.has(key)));

  return {
    // A block scalar title may span lines; a title is one line.
    title: title === 'bad' || title === null ? null : title.replace(/\s+/g, ' '),
    date,
    invalidDate: date === 'invalid' ? describeValue(dateInput) : null,
    tags,
    description: description === 'bad' ? null : description,
    meta,
    warnings,
  };
}

/** The key spelling used for each field: the exact lower-case key if present, else the first case variant. */
function fieldKeys(data: FrontMatterData): Map<FieldName, string> {
  const keys = new Map<FieldName, string>();
  for (const key of Object.keys(data)) {
    const name = FIELD_NAMES.find((n) => n === key.toLowerCase());
    if (name !== undefined && (!keys.has(name) || key === name)) keys.set(name, key);
  }
  return keys;
}

const TAG_SEPARATOR_RE = /[,，]/;

/**
 * Tags from a YAML list or a comma-separated string: trimmed, leading '#'
 * removed, empty ones dropped, numbers kept as text (`2021`), anything else
 * (objects, lists, booleans, null) dropped with a warning, duplicates removed
 * case-insensitively keeping the first spelling.
 */
export function normalizeTags(value: unknown, key: string, warnings: string[]): string[] {
  if (value === null || value === undefined) return [];
  let items: unknown[];
  if (typeof value === 'string') items = value.split(TAG_SEPARATOR_RE);
  else if (Array.isArray(value)) items = value;
  else if (typeof value === 'number' && Number.isFinite(value)) items = [value];
  else {
    warnings.push(`${key} ${describeValue(value)} is neither a list nor comma-separated text; ignored`);
    return [];
  }
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const item of items) {
    let tag: string;
    if (typeof item === 'string') tag = item;
    else if (typeof item === 'number' && Number.isFinite(item)) tag = String(item);
    else {
      warnings.push(`tag ${describeValue(item)} is not text; dropped`);
      continue;
    }
    tag = tag.trim().replace(/^#+/, '').trim();
    if (tag === '') continue;
    const fold = tag.normalize('NFKC').toLowerCase();
    if (seen.has(fold)) continue;
    seen.add(fold);
    tags.push(tag);
  }
  return tags;
}
