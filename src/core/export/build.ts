/**
 * An export job (sections loaded from the index, format, options) -> the
 * document and its suggested file name. The same function runs on the calling
 * thread and in the export worker (export-worker.ts), so both give one result.
 */
import type { ExportResult } from '../../shared/api.js';
import { suggestedFileName } from './file-name.js';
import { renderHtml } from './html-export.js';
import { renderMarkdown } from './markdown-export.js';
import type { ExportImages } from './export-images.js';
import { planExport, type PlanMode } from './plan.js';
import type { ExportOptions, ExportPart } from './types.js';

/** What an export is built from: the selected sections as loaded, and the checked request's choices. */
export interface ExportJob {
  parts: ExportPart[];
  format: 'md' | 'html';
  options: ExportOptions;
  /** HTML: the vault images it embeds (export-images.ts); absent: none. */
  images?: ExportImages;
}

/** The export of `job`; with a PlainReason as mode no section is parsed (see PlanMode). */
export function buildExport(job: ExportJob, mode: PlanMode = 'convert'): ExportResult {
  const { parts, format, options } = job;
  const plan = planExport(parts, options, format, mode, job.images ?? null);
  const shown = plan.groups.flatMap((g) => g.parts.map((p) => p.part));
  return {
    format,
    fileName: suggestedFileName(shown, format),
    content: format === 'html' ? renderHtml(plan) : renderMarkdown(plan, options),
    sectionCount: plan.partCount,
  };
}

/** Characters of Markdown a job holds (its size for choosing where to build it). */
export function jobChars(job: ExportJob): number {
  let chars = 0;
  for (const part of job.parts) chars += part.markdown.length;
  return chars;
}
