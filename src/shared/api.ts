/**
 * The AlmanacApi contract: written once, implemented by the core, served by the
 * Electron IPC adapter, the HTTP adapter (web mode) and used by the CLI; the
 * renderer only ever sees this type.
 *
 * Every path that crosses this boundary is a vault-relative POSIX path
 * ("weekly/2026-02-06.md"), never an absolute one. Dates are "YYYY-MM-DD",
 * ISO weeks "YYYY-Www".
 */
import type { DatePrecision, DateSource } from './dates.js';
import type { DigestImage } from './digest-image.js';
import type { SerializedError } from './errors.js';
import type { ExportRequest, ExportResult, SaveExportRequest, SaveExportResult } from './export-api.js';
import type { FileProblemEntry } from './file-problems.js';
import type { SearchRequest, SearchResponse } from './search-api.js';
import type { ResearchApi } from './research.js';

export type { DatePrecision, DateSource } from './dates.js';
export type { DigestImage } from './digest-image.js';
export type * from './research.js';
export type * from './search-api.js';
export type * from './export-api.js';
export type { FileProblem, FileProblemCode, FileProblemParams } from './file-problems.js';

/**
 * A file skipped entirely, or a vault entry not followed: why, as a code with
 * parameters (file-problems.ts) and as English text (`reason`).
 */
export type SkippedFile = FileProblemEntry;

/** A file indexed with a caveat. */
export interface FileWarning {
  path: string;
  message: string;
}

export interface DigestRef {
  path: string;
  title: string;
  date: string | null;
}

/**
 * What an index run did. Every file is accounted for:
 * files = indexed + unchanged + moved + skippedThisRun (checked at the end of
 * every run; a run that cannot account for a file fails instead).
 */
export interface IndexSummary {
  /** Indexable Markdown files the run looked at (the whole vault, or the changed paths of a targeted run). */
  files: number;
  /** Files (re-)parsed and stored in this run. */
  indexed: number;
  /** Files whose size, mtime or content hash showed no change. */
  unchanged: number;
  /** Files found under a new path with the same content (renames): moved in the index, not parsed again. */
  moved: number;
  /** Files of this run that could not be indexed (read, parse or store failures); listed in `skipped`. Scan problems are not files and are not counted. */
  skippedThisRun: number;
  /** Files in the index that are gone from the vault. */
  removed: number;
  /** Every skipped file of the index with its reason, and the scan's problems (dangling links, loops). */
  skipped: SkippedFile[];
  warnings: FileWarning[];
  /** Totals in the index after the run. */
  digests: number;
  sections: number;
  elapsedMs: number;
}

export type IndexPhase = 'scan' | 'parse' | 'store' | 'search-index' | 'done';

export interface IndexProgress {
  phase: IndexPhase;
  done: number;
  total: number;
  currentFile: string | null;
  /** Estimated milliseconds left, null while unknown. */
  etaMs: number | null;
}

export type IndexState = 'idle' | 'indexing' | 'error' | 'missing';

export interface VaultStatus {
  /** Absolute path of the open vault, shown to the user (never accepted back as an argument). */
  vaultPath: string;
  vaultName: string;
  isSample: boolean;
  digests: number;
  sections: number;
  tags: number;
  state: IndexState;
  /** ISO timestamp of the last finished index run, null if never. */
  lastIndexedAt: string | null;
  progress: IndexProgress | null;
  skipped: SkippedFile[];
  warnings: FileWarning[];
  /** Why the last index run failed when state is 'error': its message (English, for logs and scripts). */
  error: string | null;
  /** The same failure typed (code, params, message), so the UI can say it in its language; null when `error` is. */
  indexError: SerializedError | null;
}

export interface SectionInfo {
  id: string;
  heading: string;
  level: number;
  headingPath: string;
  ordinal: number;
  /** Offsets of this section in the digest's body Markdown. */
  start: number;
  end: number;
  /** The date the section's own heading carries ("## 2024-03-08", "### 四月" under "## 2024"), else absent. */
  date?: string;
  datePrecision?: DatePrecision;
  /**
   * What of the section its series repeats in most issues (a masthead, a
   * footer): 'all', or the repeated lines of its plain text (the reader dims
   * the paragraphs holding them). Absent when nothing is repeated.
   */
  boilerplate?: 'all' | string[];
}

export interface LinkInfo {
  href: string;
  text: string;
  /** Vault path of the digest the link resolves to, or null. */
  target: string | null;
  external: boolean;
  /** A relative link that does not resolve to any vault file. */
  broken: boolean;
  /** Section the link appears in. */
  sectionId: string;
}

export interface Digest {
  path: string;
  title: string;
  /** The first day of the period `datePrecision` names ("2024-04-01" for April 2024). */
  date: string | null;
  /** Null for a month- or year-level date, which names no ISO week. */
  week: string | null;
  /** Where the date came from ('none' when there is none); see docs/ARCHITECTURE.md, "Dates and series". */
  dateSource?: DateSource;
  datePrecision?: DatePrecision | null;
  /** The issue number the file name or title states. */
  number?: number | null;
  /** The series the digest belongs to (its previous and next follow it), null when none. */
  series?: string | null;
  tags: string[];
  description: string | null;
  /** Every other front-matter key. */
  meta: Record<string, unknown>;
  /** The body Markdown (front matter removed), for rendering. */
  markdown: string;
  sections: SectionInfo[];
  prev: DigestRef | null;
  next: DigestRef | null;
  links: LinkInfo[];
  backlinks: DigestRef[];
  warnings: string[];
  /** The images the Markdown shows, each source once, in document order (empty for a digest the reader shows as plain text). */
  images?: DigestImage[];
}

/** One digest as `listDigests()` lists it: what Almanac understood of it. */
export interface DigestListEntry {
  path: string;
  title: string;
  date: string | null;
  dateSource: DateSource;
  datePrecision: DatePrecision | null;
  week: string | null;
  /** The series (e.g. "docs/issue-#"), null for a digest in none (README, index pages, one-offs). */
  series: string | null;
  number: number | null;
  /** Paths of the previous and next digest of its series. */
  prev: string | null;
  next: string | null;
  tags: string[];
}

export interface TagCount {
  tag: string;
  count: number;
}

export interface TimelineEntry {
  path: string;
  title: string;
  date: string;
  week: string;
  /**
   * Set for a section whose own heading carries a date (a file holding many
   * weeks appears in each of them): the section to open, and its heading.
   */
  sectionId?: string;
  heading?: string;
}

export interface RelatedSection {
  id: string;
  path: string;
  title: string;
  date: string | null;
  heading: string;
  headingPath: string;
  snippet: string;
  score: number;
}

export type Theme = 'system' | 'light' | 'dark';
export type Language = 'system' | 'en' | 'zh-CN';

export interface Settings {
  /** Folder names or globs (relative to the vault) that the scan skips. */
  exclude: string[];
  /** Files larger than this are skipped with reason "too large". */
  maxFileBytes: number;
  language: Language;
  theme: Theme;
  /**
   * Date undated digests by when git first committed them, when the vault is
   * inside a git work tree and git is installed (one `git log` per change of
   * HEAD). Default true.
   */
  gitDates: boolean;
  /** Show every digest's https: images without asking; per vault (kept in its index). Default false: a remote image tells its server what is read. */
  remoteImages?: boolean;
}

export interface RecentVault {
  path: string;
  name: string;
  openedAt: string;
}

export type AlmanacEvent =
  | { type: 'index-progress'; progress: IndexProgress }
  | { type: 'index-finished'; summary: IndexSummary }
  /** `message` is `error.message`, kept for listeners that read only the text. */
  | { type: 'index-error'; message: string; error: SerializedError }
  | { type: 'vault-changed'; status: VaultStatus };

export type Unsubscribe = () => void;

/**
 * The one contract. Every method is async so that it can cross a process or
 * network boundary; arguments are plain JSON. Trends and saved searches are
 * written in research.ts.
 */
export interface AlmanacApi extends ResearchApi {
  getStatus(): Promise<VaultStatus>;
  /** Desktop: shows a folder dialog when path is omitted. Returns the new status. */
  openVault(path?: string): Promise<VaultStatus>;
  recentVaults(): Promise<RecentVault[]>;
  reindex(): Promise<IndexSummary>;
  search(request: SearchRequest): Promise<SearchResponse>;
  getDigest(path: string): Promise<Digest>;
  related(sectionId: string, limit?: number): Promise<RelatedSection[]>;
  tags(): Promise<TagCount[]>;
  timeline(): Promise<TimelineEntry[]>;
  /** Every digest with its date, date source, series and neighbours, by path. */
  listDigests(): Promise<DigestListEntry[]>;
  getSettings(): Promise<Settings>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  exportSections(request: ExportRequest): Promise<ExportResult>;
  /**
   * Desktop only: asks where to save (native dialog, which confirms replacing
   * a file), then writes the export there atomically; PDF is the HTML export
   * printed offscreen. Optional because only a shell with a save dialog has
   * it: the core service and web mode do not (web mode refuses the call; the
   * browser downloads exportSections()'s content instead).
   */
  saveExport?(request: SaveExportRequest): Promise<SaveExportResult>;
  /** Hands an http/https/mailto URL to the OS (desktop) — refused for any other scheme. */
  openExternal(url: string): Promise<void>;
  onEvent(listener: (event: AlmanacEvent) => void): Unsubscribe;
}

/** The names of the contract's request/response methods (everything but onEvent). */
export const API_METHODS = [
  'getStatus',
  'openVault',
  'recentVaults',
  'reindex',
  'search',
  'getDigest',
  'related',
  'tags',
  'timeline',
  'listDigests',
  'getSettings',
  'updateSettings',
  'exportSections',
  'saveExport',
  'openExternal',
  'trends',
  'savedSearches',
  'saveSearch',
  'removeSavedSearch',
  'openSavedSearch',
] as const satisfies readonly Exclude<keyof AlmanacApi, 'onEvent'>[];

export type ApiMethod = (typeof API_METHODS)[number];

/** Compile-time check that API_METHODS lists every method. */
type MissingMethods = Exclude<Exclude<keyof AlmanacApi, 'onEvent'>, ApiMethod>;
export const API_METHODS_COMPLETE: MissingMethods extends never ? true : MissingMethods = true;

export const DEFAULT_SETTINGS: Settings = {
  exclude: [],
  maxFileBytes: 8 * 1024 * 1024,
  language: 'system',
  theme: 'system',
  gitDates: true,
};
