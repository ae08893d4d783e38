/**
 * The export plan: the selected parts put in order, de-duplicated, grouped and
 * rebased, once, so that the Markdown and the HTML builders show exactly the
 * same document.
 */
import { digestKey } from '../vault/paths.js';
import { MAX_CONVERTED_MARKDOWN_CHARS, type PlainReason } from './markdown-text.js';
import { plainSection, rebaseSection, type RebasedSection } from './rebase-headings.js';
import { exportHandlesImage, type ExportImages } from './export-images.js';
import { rewriteRelativeLinks } from './rewrite-links.js';
import { DEFAULT_EXPORT_TITLE, type ExportOptions, type ExportPart } from './types.js';

export interface PlannedPart {
  /** Anchor id in the HTML document, "g2-p1". */
  id: string;
  part: ExportPart;
  /** Own heading as an H3 line (relative links rewritten, see rewrite-links.ts). */
  heading: string;
  /** The section's Markdown after its heading: sub-headings rebased, relative links rewritten (as written when plain). */
  body: string;
  /** Why the body is shown as plain text instead of converted Markdown (see plainNote), null when it is converted. */
  plain: PlainReason | null;
  /** Later selected sections with the same normalised Markdown, left out of the export. */
  duplicates: ExportPart[];
  /** Later selected sections listing the same item in other weeks (ExportOptions.foldRepeats), left out of the export. */
  repeats: ExportPart[];
}

export interface PlannedGroup {
  /** Anchor id in the HTML document, "g2". */
  id: string;
  /** Plain-text group title: "2026-W06 · title" (by week) or the section heading (by heading). */
  title: string;
  parts: PlannedPart[];
}

export interface ExportPlan {
  title: string;
  query: string | null;
  groups: PlannedGroup[];
  /** Parts shown (duplicates excluded). */
  partCount: number;
  digestCount: number;
  /** Earliest and latest ISO week of the parts shown, null when none is dated. */
  weekRange: [string, string] | null;
  sourceNotes: boolean;
  /** The vault images an HTML export embeds (export-images.ts); null: none are. */
  images: ExportImages | null;
}

/** Digest title of a part, or its file name when the title is empty. */
export function digestLabel(part: ExportPart): string {
  return part.digestTitle.trim() || part.digestPath.slice(part.digestPath.lastIndexOf('/') + 1);
}

/** The heading a part is shown under: its own, or the digest's title for a lead section. */
export function partHeadingText(part: ExportPart): string {
  return part.heading.trim() || digestLabel(part);
}

function compareByDate(a: ExportPart, b: ExportPart): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? -1 : 1;
  }
  if (a.digestPath !== b.digestPath) return a.digestPath < b.digestPath ? -1 : 1;
  return a.ordinal - b.ordinal;
}

/** The earliest part (by date order) of each repeat cluster with more than one part. */
function earliestOfGroups(parts: readonly ExportPart[]): Map<number, ExportPart> {
  const out = new Map<number, ExportPart>();
  const count = new Map<number, number>();
  for (const part of parts) {
    const group = part.repeatGroup ?? null;
    if (group === null) continue;
    count.set(group, (count.get(group) ?? 0) + 1);
    const best = out.get(group);
    if (best === undefined || compareByDate(part, best) < 0) out.set(group, part);
  }
  for (const [group, n] of count) if (n < 2) out.delete(group);
  return out;
}

/** Markdown compared for de-duplication: rebased, NFC, no trailing spaces, single blank lines. */
function normalisedMarkdown(heading: string, body: string): string {
  return `${heading}\n\n${body}`
    .normalize('NFC')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function groupKey(part: ExportPart, groupBy: 'week' | 'heading'): { key: string; title: string } {
  if (groupBy === 'heading') {
    const title = partHeadingText(part);
    return { key: title.normalize('NFKC').replace(/\s+/g, ' ').toLowerCase(), title };
  }
  const label = digestLabel(part);
  return { key: part.digestPath, title: part.week ? `${part.week} · ${label}` : label };
}

/** A kept part before its links are rewritten. */
interface Rebased extends RebasedSection {
  part: ExportPart;
  duplicates: ExportPart[];
  repeats: ExportPart[];
}

/**
 * How sections become parts: 'convert' parses each (within the limits of
 * markdown-text.ts); a PlainReason parses none and shows every part as plain
 * text for that reason, for an export whose conversion ran out of time or
 * failed (off-thread.ts): linear in the size of the selection.
 */
export type PlanMode = 'convert' | PlainReason;

/** The line an export shows above a section exported as plain text, saying why. */
export function plainNote(reason: PlainReason): string {
  const why = {
    size: `the section is longer than ${MAX_CONVERTED_MARKDOWN_CHARS.toLocaleString('en')} characters`,
    nesting: 'the section nests lists or quotes too deeply',
    delimiters: 'the section has too many emphasis or link markers',
    error: 'the section could not be converted',
    time: 'converting this export took too long',
  }[reason];
  return `Shown as plain text: ${why}.`;
}

/**
 * The sections an export keeps, in order: of each repeated item the earliest
 * week's section (the others named under it), and of sections with the same
 * content the first (the others named as its duplicates).
 */
function keptSections(parts: readonly ExportPart[], options: ExportOptions, rebase: (part: ExportPart) => RebasedSection): Rebased[] {
  const ordered = options.order === 'given' ? [...parts] : [...parts].sort(compareByDate);
  const kept: Rebased[] = [];
  const byContent = new Map<string, Rebased>();
  // Of each repeated item, the earliest week's section stays (whatever the order), the others are named under it.
  const earliest = options.foldRepeats ? earliestOfGroups(parts) : new Map<number, ExportPart>();
  const repeatsOf = new Map<number, ExportPart[]>();
  for (const part of ordered) {
    const group = part.repeatGroup ?? null;
    const keep = group === null ? undefined : earliest.get(group);
    const repeats = group === null || keep === undefined ? [] : (repeatsOf.get(group) ?? repeatsOf.set(group, []).get(group)!);
    if (keep !== undefined && keep !== part) {
      repeats.push(part);
      continue;
    }
    const rebased: Rebased = { part, ...rebase(part), duplicates: [], repeats };
    if (options.dedupe ?? true) {
      const key = normalisedMarkdown(rebased.heading, rebased.body);
      const first = byContent.get(key);
      if (first) {
        first.duplicates.push(part);
        continue;
      }
      byContent.set(key, rebased);
    }
    kept.push(rebased);
  }
  return kept;
}

/**
 * The plan for `target`: in 'html', links to digests of the export lead to
 * their anchors; in 'md' they are unlinked like every other relative link.
 */
export function planExport(
  parts: readonly ExportPart[],
  options: ExportOptions = {},
  target: 'md' | 'html' = 'md',
  mode: PlanMode = 'convert',
  images: ExportImages | null = null,
): ExportPlan {
  const groupBy = options.groupBy ?? 'week';
  const rebase = (part: ExportPart): RebasedSection =>
    mode === 'convert'
      ? rebaseSection(part.markdown, part.level, partHeadingText(part))
      : plainSection(part.markdown, part.level, partHeadingText(part), mode);
  const kept = keptSections(parts, options, rebase);

  const grouped = new Map<string, { title: string; members: Rebased[] }>();
  for (const rebased of kept) {
    const { key, title } = groupKey(rebased.part, groupBy);
    const group = grouped.get(key) ?? { title, members: [] };
    group.members.push(rebased);
    grouped.set(key, group);
  }

  // Where links to a digest of the export lead: its group (by week) or its first section (by heading).
  const anchors = new Map<string, string>();
  [...grouped.values()].forEach((group, g) => {
    group.members.forEach((member, p) => {
      const key = digestKey(member.part.digestPath);
      if (!anchors.has(key)) anchors.set(key, groupBy === 'week' ? `g${g + 1}` : `g${g + 1}-p${p + 1}`);
    });
  });
  const anchorFor = (key: string): string | null => (target === 'html' ? (anchors.get(key) ?? null) : null);
  const keepImage = (part: ExportPart) => (src: string) => target === 'html' && exportHandlesImage(images, part.digestPath, src);

  const groups: PlannedGroup[] = [...grouped.values()].map((group, g) => ({
    id: `g${g + 1}`,
    title: group.title,
    parts: group.members.map((m, p) => ({
      id: `g${g + 1}-p${p + 1}`,
      part: m.part,
      heading: m.plain === null ? rewriteRelativeLinks(m.heading, m.part.digestPath, anchorFor, keepImage(m.part)) : m.heading,
      body: m.plain === null ? rewriteRelativeLinks(m.body, m.part.digestPath, anchorFor, keepImage(m.part)) : m.body,
      plain: m.plain,
      duplicates: m.duplicates,
      repeats: m.repeats,
    })),
  }));

  const weeks = kept.map((p) => p.part.week).filter((w): w is string => w !== null).sort();
  const query = options.query?.trim() ? options.query.trim() : null;
  return {
    title: options.title?.trim() || DEFAULT_EXPORT_TITLE,
    query,
    groups,
    partCount: kept.length,
    digestCount: new Set(kept.map((p) => p.part.digestPath)).size,
    weekRange: weeks.length > 0 ? [weeks[0] as string, weeks[weeks.length - 1] as string] : null,
    sourceNotes: options.sourceNotes ?? true,
    images: target === 'html' ? images : null,
  };
}

/** "3 sections from 2 digests, 2026-W05 – 2026-W07." */
export function planSummary(plan: ExportPlan): string {
  const sections = `${plan.partCount} section${plan.partCount === 1 ? '' : 's'}`;
  const digests = `${plan.digestCount} digest${plan.digestCount === 1 ? '' : 's'}`;
  let weeks = '';
  if (plan.weekRange) {
    const [from, to] = plan.weekRange;
    weeks = from === to ? `, ${from}` : `, ${from} – ${to}`;
  }
  return `${sections} from ${digests}${weeks}.`;
}

/** The parts of a citation: digest title, date, ISO week, vault path (missing ones left out). */
export function sourceFields(part: ExportPart): { title: string; date: string | null; week: string | null; path: string } {
  return { title: digestLabel(part), date: part.date, week: part.week, path: part.digestPath };
}
