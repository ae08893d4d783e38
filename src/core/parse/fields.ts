/**
 * The digest fields a file's metadata states, whatever its style: title,
 * date, tags, description, and every other key as meta. Keys are matched
 * case-insensitively (the exact lower-case spelling first), in this order:
 *
 * - title: `title`, else `linkTitle`;
 * - date: the first of `date`, `pubDate`, `pubDatetime`, `publishDate`,
 *   `publish_date`, `published`, `published_at`, `date_published`,
 *   `datePublished`, `created`, `created_at` that holds a value (a boolean, such as Jekyll's `published: true`, is not
 *   one); `lastmod`, `updated` and `modified` say when a page changed, not
 *   which week it is about, and stay in meta;
 * - tags: `tags`, `tag`, `keywords`, `categories`, `category`, all merged;
 * - description: `description`.
 *
 * A key read as a field leaves meta; the others stay, so nothing is dropped.
 * Fallbacks that need the body or the path (first heading, dates in names)
 * are applied by parse.ts.
 */
import { isDateProblem, readDateValue, type DateReading } from '../../shared/dates.js';
import type { MetadataBlock, MetadataData } from './metadata/types.js';
import { rawTopLevelScalar } from './metadata/yaml.js';

export interface MetadataFields {
  /** Non-empty title text, or null when the metadata gives none. */
  title: string | null;
  date: DateReading | null;
  /** The date value that names no date, described with why ("'2021-02-29' (no such day)"); null when none. */
  invalidDate: string | null;
  tags: string[];
  description: string | null;
  meta: Record<string, unknown>;
  warnings: string[];
}

const TITLE_KEYS = ['title', 'linktitle'];
// Site generators' spellings of a publication date (Astro themes: pubDatetime; Ghost and
// exported CMS posts: published_at, date_published), strongest first.
const DATE_KEYS = ['date', 'pubdate', 'pubdatetime', 'publishdate', 'publish_date', 'published', 'published_at', 'date_published', 'datepublished', 'created', 'created_at'];
const TAG_KEYS = ['tags', 'tag', 'keywords', 'categories', 'category'];
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

/** The key spelling for each lower-case name: the exact lower-case key if present, else the first case variant. */
function keySpellings(data: MetadataData): Map<string, string> {
  const keys = new Map<string, string>();
  for (const key of Object.keys(data)) {
    const lower = key.toLowerCase();
    if (!keys.has(lower) || key === lower) keys.set(lower, key);
  }
  return keys;
}

/** Reads the digest fields from a metadata block (its JSON-safe data, and its raw text for YAML dates). */
export function metadataFields(block: Pick<MetadataBlock, 'style' | 'data' | 'raw'>): MetadataFields {
  const warnings: string[] = [];
  const { data } = block;
  if (!data) return { title: null, date: null, invalidDate: null, tags: [], description: null, meta: {}, warnings };
  const keys = keySpellings(data);
  const used = new Set<string>();
  const take = (name: string): { key: string; value: unknown } | null => {
    const key = keys.get(name);
    if (key === undefined) return null;
    used.add(key);
    return { key, value: data[key] };
  };

  let title: string | null = null;
  for (const name of TITLE_KEYS) {
    const found = title === null ? take(name) : null;
    if (!found) continue;
    const text = textValue(found.value);
    if (text === 'bad') warnings.push(`${found.key} ${describeValue(found.value)} is not text; ignored`);
    else title = text;
  }

  const descriptionValue = take('description')?.value;
  const description = textValue(descriptionValue);
  if (description === 'bad') warnings.push(`description ${describeValue(descriptionValue)} is not text; ignored`);

  const { date, invalidDate } = readDateField(data, keys, block, take);

  const tags: string[] = [];
  for (const name of TAG_KEYS) {
    const found = take(name);
    if (found) tags.push(...normalizeTags(found.value, found.key, warnings));
  }

  // fromEntries defines own properties: a "__proto__" key stays a plain key.
  const meta = Object.fromEntries(Object.entries(data).filter(([key]) => !used.has(key)));
  return {
    // A block scalar title may span lines; a title is one line.
    title: title === null ? null : title.replace(/\s+/g, ' '),
    date,
    invalidDate,
    tags: normalizeTags(tags, 'tags', warnings),
    description: description === 'bad' ? null : description,
    meta,
    warnings,
  };
}

function readDateField(
  data: MetadataData,
  keys: Map<string, string>,
  block: Pick<MetadataBlock, 'style' | 'raw'>,
  take: (name: string) => { key: string; value: unknown } | null,
): { date: DateReading | null; invalidDate: string | null } {
  const name = DATE_KEYS.find((n) => {
    const key = keys.get(n);
    const value = key === undefined ? undefined : data[key];
    return value !== undefined && value !== null && value !== '' && typeof value !== 'boolean';
  });
  if (name === undefined) return { date: null, invalidDate: null };
  const { key, value } = take(name)!;
  let input = value;
  if (block.style === 'yaml' && typeof value === 'string') {
    // An unquoted YAML timestamp was a Date: take the text as written instead.
    const written = rawTopLevelScalar(block.raw, key);
    if (written !== null && YAML_TIMESTAMP_RE.test(written)) input = written;
  }
  const reading = readDateValue(input);
  if (reading === null) return { date: null, invalidDate: null };
  if (isDateProblem(reading)) return { date: null, invalidDate: `${describeValue(input)} (${reading.problem})` };
  return { date: reading, invalidDate: null };
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
