/**
 * The export part of the AlmanacApi contract (src/shared/api.ts re-exports
 * it): what exportSections and saveExport take and give.
 */

export type ExportFormat = 'md' | 'html';

export interface ExportRequest {
  /** Section ids as returned by search() and getDigest(); unknown ids are an error naming them. */
  sectionIds: string[];
  format: ExportFormat;
  /** 'week' (default): one group per digest; 'heading': one group per section heading. */
  groupBy?: 'week' | 'heading';
  /** Cite title, date, ISO week and vault path under each section (default true). */
  sourceNotes?: boolean;
  /** Keep only the first of identical sections (default true). */
  dedupe?: boolean;
  /**
   * Keep only the earliest of the sections that list the same item in
   * several weeks of a series (an event carried for a month: search folds
   * them into one hit), noting the weeks of the others (default false).
   */
  foldRepeats?: boolean;
  /** Markdown only: YAML front matter with the title, query and sources (default false). */
  frontMatter?: boolean;
  /** The query the selection came from, shown in the export. */
  query?: string;
  /** 'date' (default): oldest digest first; 'given': the order of sectionIds. */
  order?: 'date' | 'given';
  /** Document title (default "Almanac export"). */
  title?: string;
  /** HTML: keep https: images as images (loaded when the file is opened) instead of links. Default false. Vault images are embedded either way. */
  remoteImages?: boolean;
}

export interface ExportResult {
  format: ExportFormat;
  /** Suggested, already sanitized file name, e.g. "almanac-export-2026-W05-to-2026-W07.md". */
  fileName: string;
  content: string;
  /** Sections in the export (identical duplicates left out). */
  sectionCount?: number;
}

/** What saveExport writes: the export request plus 'pdf' (the HTML export printed by the desktop shell). */
export type SaveExportRequest = Omit<ExportRequest, 'format'> & { format: ExportFormat | 'pdf' };

/** Where saveExport wrote the file (absolute path, shown to the user), or that the user cancelled the save dialog. */
export type SaveExportResult = { path: string } | { cancelled: true };
