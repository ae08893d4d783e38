/**
 * The Markdown export: one document with an H1 title, a summary line, one H2
 * per group and, per selected section, its original Markdown with rebased
 * headings (see rebase-headings.ts), relative links unlinked (see
 * rewrite-links.ts) and a source note citing where it came from.
 */
import { codeSpan, escapeMarkdownInline, fencedText } from './markdown-text.js';
import { type ExportPlan, type PlannedPart, partHeadingText, planExport, plainNote, planSummary, sourceFields } from './plan.js';
import type { ExportOptions, ExportPart } from './types.js';

/** "Title · 2026-02-06 · 2026-W06 · `weekly/2026-02-06.md`" */
function citation(part: ExportPart): string {
  const f = sourceFields(part);
  return [escapeMarkdownInline(f.title), f.date, f.week, codeSpan(f.path)].filter((x) => x !== null && x !== '').join(' · ');
}

function notes(planned: PlannedPart, sourceNotes: boolean): string[] {
  const lines: string[] = [];
  if (sourceNotes) lines.push(`Source: ${citation(planned.part)}`);
  if (planned.duplicates.length > 0) {
    lines.push(`Identical section also in: ${planned.duplicates.map(citation).join('; ')}`);
  }
  if (planned.repeats.length > 0) lines.push(`Same item also in: ${planned.repeats.map(citation).join('; ')}`);
  return lines;
}

function partMarkdown(planned: PlannedPart, sourceNotes: boolean): string {
  const blocks = [planned.heading];
  const noteLines = notes(planned, sourceNotes);
  // Italic lines, not a blockquote: a section that starts with a quote stays unambiguous.
  for (const line of noteLines) blocks.push(`*${line}*`);
  if (planned.plain !== null) {
    blocks.push(`*${plainNote(planned.plain)}*`);
    if (planned.body !== '') blocks.push(fencedText(planned.body));
  } else if (planned.body !== '') {
    blocks.push(planned.body);
  }
  return blocks.join('\n\n');
}

/**
 * A string as a YAML double-quoted scalar. JSON's escapes are valid YAML
 * escapes; what JSON leaves raw but YAML treats as a line break or forbids
 * (NEL, LS, PS, C1 controls, BOM, non-characters, lone surrogates) is escaped too.
 */
export function yamlString(value: string): string {
  const wellFormed = value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return JSON.stringify(wellFormed).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function yamlNullable(value: string | null): string {
  return value === null ? 'null' : yamlString(value);
}

/** YAML front matter: title, query, and each source digest with the headings exported from it. */
function frontMatter(plan: ExportPlan): string {
  const lines = ['---', `title: ${yamlString(plan.title)}`];
  if (plan.query !== null) lines.push(`query: ${yamlString(plan.query)}`);
  const sources = new Map<string, { part: ExportPart; headings: string[] }>();
  for (const group of plan.groups) {
    for (const planned of group.parts) {
      const entry = sources.get(planned.part.digestPath) ?? { part: planned.part, headings: [] };
      entry.headings.push(partHeadingText(planned.part));
      sources.set(planned.part.digestPath, entry);
    }
  }
  lines.push('sources:');
  if (sources.size === 0) lines[lines.length - 1] = 'sources: []';
  for (const { part, headings } of sources.values()) {
    const f = sourceFields(part);
    lines.push(
      `  - path: ${yamlString(f.path)}`,
      `    title: ${yamlString(f.title)}`,
      `    date: ${yamlNullable(f.date)}`,
      `    week: ${yamlNullable(f.week)}`,
      '    sections:',
      ...headings.map((h) => `      - ${yamlString(h)}`),
    );
  }
  lines.push('---');
  return lines.join('\n');
}

export function renderMarkdown(plan: ExportPlan, options: Pick<ExportOptions, 'frontMatter'> = {}): string {
  const blocks: string[] = [];
  if (options.frontMatter) blocks.push(frontMatter(plan));
  blocks.push(`# ${escapeMarkdownInline(plan.title)}`, escapeMarkdownInline(planSummary(plan)));
  if (plan.query !== null) blocks.push(`Query: ${codeSpan(plan.query)}`);
  for (const group of plan.groups) {
    blocks.push(`## ${escapeMarkdownInline(group.title)}`);
    for (const planned of group.parts) blocks.push(partMarkdown(planned, plan.sourceNotes));
  }
  return `${blocks.join('\n\n')}\n`;
}

/** The selected parts as one Markdown document (see ExportOptions for the choices). */
export function buildMarkdownExport(parts: readonly ExportPart[], options: ExportOptions = {}): string {
  return renderMarkdown(planExport(parts, options), options);
}
