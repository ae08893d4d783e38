/**
 * Types of the export core: what a selected section looks like once loaded
 * from the index (ExportPart) and the options both builders share.
 */

/** One selected section with everything an export needs to show and cite it. */
export interface ExportPart {
  sectionId: string;
  /** Vault-relative POSIX path of the digest, e.g. "weekly/2026-02-06.md". */
  digestPath: string;
  digestTitle: string;
  /** "YYYY-MM-DD" or null. */
  date: string | null;
  /** "YYYY-Www" or null. */
  week: string | null;
  /** Heading text (plain); '' for the lead section before the first heading. */
  heading: string;
  headingPath: string[];
  /** 0 for the lead section, else the heading level in the digest (1-6). */
  level: number;
  /** Position of the section in its digest (used to keep document order when sorting by date). */
  ordinal: number;
  /** The section's exact Markdown source, heading line included. */
  markdown: string;
  /** The repeat cluster of the section (the same item listed in several weeks of its series, store/section-marks.ts); null or absent for none. */
  repeatGroup?: number | null;
}

export type ExportGroupBy = 'week' | 'heading';
export type ExportOrder = 'date' | 'given';

export interface ExportOptions {
  /** Document title (H1 and <title>). Default "Almanac export". */
  title?: string;
  /** 'week' (default): one group per digest, titled "2026-W06 · title"; 'heading': one group per section heading. */
  groupBy?: ExportGroupBy;
  /** Cite each part's digest title, date, ISO week and vault path under its heading. Default true. */
  sourceNotes?: boolean;
  /** Keep only the first of sections whose normalised Markdown is identical, and say where the others were. Default true. */
  dedupe?: boolean;
  /** Keep only the first (the earliest, by date order) of sections listing the same item in several weeks, and say which weeks the others were. Default false. */
  foldRepeats?: boolean;
  /** 'date' (default): oldest digest first, document order inside a digest; 'given': selection order. */
  order?: ExportOrder;
  /** Markdown only: YAML front matter listing the title, the query and the sources. Default false. */
  frontMatter?: boolean;
  /** The search query the selection came from, shown in the summary and the front matter. */
  query?: string;
}

export const DEFAULT_EXPORT_TITLE = 'Almanac export';
