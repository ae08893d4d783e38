/**
 * What an archive itself states about its files, written down by the
 * archive-specific extractors of this folder (never by Almanac's parser): the
 * truth the archive bench measures Almanac against.
 */

export type DatePrecision = 'day' | 'week' | 'month' | 'year';

/** A date the archive states, as the first day it names ("2016" -> 2016-01-01, precision year). */
export interface StatedDate {
  date: string;
  precision: DatePrecision;
  /** Where the archive states it: "front matter", "file name", "path". */
  from: string;
}

/**
 * issue: a newsletter issue (or a part of one), measured for title, date and series order;
 * page: a file of the archive with its own title and date but in no newsletter series
 *   (redox's other news posts, a season collection), measured for title and date only;
 * other: not a digest of the archive (template, include, note): listed, not measured.
 */
export type EntryKind = 'issue' | 'page' | 'other';

export interface TruthEntry {
  /** Vault-relative POSIX path. */
  path: string;
  kind: EntryKind;
  /** Why a file is a page or other. */
  note?: string;
  /** Accepted titles; the first is the archive's own (metadata, H1 or file name). */
  titles: string[];
  /** null: the archive states no date for this file, and the right answer is "undated". */
  date: StatedDate | null;
  /** True when the file carries a metadata block (front matter): Almanac must read it or warn. */
  metadata: boolean;
  /** Issues: the series they belong to, and their sort key in it. */
  series?: string;
  order?: readonly (string | number)[];
}

/** One archive: its folder under the corpus and the rules that write its truth. */
export interface ArchiveRules {
  folder: string;
  /** The truth of one Markdown file (`path` vault-relative); `text()` reads it without BOM, with LF line ends. */
  entry(path: string, text: () => string): TruthEntry;
}
