/**
 * Types that cross the core's internal module edges: scan -> read -> parse ->
 * store. The public DTOs live in src/shared/api.ts.
 */
import type { DatePrecision, DateSource, DayMonthOrder } from '../shared/dates.js';
import type { FileProblem, FileProblemEntry } from '../shared/file-problems.js';

/** A Markdown file found in the vault. */
export interface ScannedFile {
  /** Vault-relative POSIX path, e.g. "weekly/2026-02-06.md". */
  path: string;
  /** Absolute path to read from (the real path; inside the vault). */
  absPath: string;
  size: number;
  mtimeMs: number;
}

/** A vault entry the scan did not follow, and why (the same shape as a skipped file). */
export type ScanProblem = FileProblemEntry;

export interface ScanResult {
  files: ScannedFile[];
  /** Entries that were not followed: dangling symlinks, links leaving the vault, loops. */
  problems: ScanProblem[];
}

export interface ScanOptions {
  /** Folder names or simple globs ("drafts", "archive/**", "*.tmp.md") to skip. */
  exclude?: string[];
}

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type ReadResult =
  | { ok: true; text: string; encoding: TextEncoding; hash: string; warnings: string[] }
  | { ok: false; problem: FileProblem; hash: string | null };

export interface ReadOptions {
  /** Files larger than this are skipped with reason "too large". Default 8 MiB. */
  maxFileBytes?: number;
}

export interface ParsedSection {
  /** 0-based position in the digest. */
  ordinal: number;
  /** Heading text (plain); '' for the lead section before the first heading. */
  heading: string;
  /** 0 for the lead section, else 1-3. */
  level: number;
  /** Headings from the outermost to this one, e.g. ["深度报道与点评", "1. OpenAI 与 Anthropic 旗舰模型新纪元"]. */
  headingPath: string[];
  /** Plain text of the section body (heading excluded), for search. */
  text: string;
  /** [start, end) offsets in the digest body (front matter removed) of the section's Markdown, heading line included. */
  start: number;
  end: number;
  /**
   * "YYYY-MM-DD" when the section's own heading carries a date or a date range
   * (its start), else null (parse/heading-dates.ts). Set by the parser; absent
   * only in sections built by hand.
   */
  date?: string | null;
  datePrecision?: DatePrecision | null;
}

export interface ParsedLink {
  href: string;
  text: string;
  /** Ordinal of the section the link appears in. */
  section: number;
}

/** A name the digest sets apart in bold or as link text (core/text/mention-name.ts), by the ordinal of its section. */
export interface ParsedMention {
  name: string;
  section: number;
}

export interface ParsedDigest {
  title: string;
  /** "YYYY-MM-DD" (the start of the period `datePrecision` names) or null. */
  date: string | null;
  /*
   * The fields below are always set by the parser (parse/parse.ts); they are
   * optional so that digests built by hand (store tests) need not name them.
   */
  /** Where `date` came from (parse/date-chain.ts); 'none' when there is no date. */
  dateSource?: DateSource;
  datePrecision?: DatePrecision | null;
  /** For a date written as numbers with the year last ("08-19-2026"): which number was read as the month. */
  dateOrder?: DayMonthOrder | null;
  /** When that order was a guess ("03-04-2024"): the date read the other way, for a vault-wide pass. */
  dateAlternative?: string | null;
  /** The issue number the file name or title states (parse/issue-number.ts); null when none. */
  number?: number | null;
  tags: string[];
  description: string | null;
  /** Front-matter keys other than title, date, tags, description. JSON-safe. */
  meta: Record<string, unknown>;
  /**
   * The Markdown body (front matter removed, CRLF normalised). Empty in a
   * digest from the parse worker, as are the sections' `text`: they travel
   * packed in `prepared.text` (store/prepare.ts attachPrepared).
   */
  body: string;
  sections: ParsedSection[];
  links: ParsedLink[];
  /** Distinct per section and key, in document order (bold spans, then link texts); set by the parser. */
  mentions?: ParsedMention[];
  warnings: string[];
  /**
   * What the store writes for this digest, computed in the parse worker so
   * that the main thread neither tokenises nor compresses (see
   * core/store/prepare.ts). Absent: the store prepares it itself.
   */
  prepared?: PreparedDigest;
}

/** A digest's FTS token strings and packed texts, ready to store (core/store/prepare.ts). */
export interface PreparedDigest {
  /** Token string of the FTS title column. */
  titleTokens: string;
  /** Per section, in order: token strings of the FTS heading and body columns. */
  sections: { headingTokens: string; bodyTokens: string }[];
  /** The body and the sections' plain texts, packed (core/store/stored-text.ts). */
  text: Uint8Array;
  /**
   * The links (core/store/link-list.ts: `list`, packed; null when there are
   * none) and what search keeps of them (core/store/link-data.ts). Absent in
   * forms made before links were data: the store prepares them then.
   */
  links?: { list: Uint8Array | null; sites: string[]; keys: string };
  /** Near-duplicate signatures of the sections and lead lines, packed (core/store/section-sigs.ts); absent: none stored. */
  sigs?: Uint8Array;
  /** The mention row (core/store/mention-rows.ts), null when the digest names nothing; absent: the store encodes `mentions`. */
  mentions?: Uint8Array | null;
}

/**
 * Markdown engine of the indexing parse. 'fast' (markdown-it) yields the same
 * sections and links as 'remark' (the renderer's parser) at several times the
 * speed; see src/core/parse/fast/.
 */
export type ParseEngine = 'remark' | 'fast';

export interface ParseOptions {
  /** Default 'fast'. */
  engine?: ParseEngine;
  /** Read `#tags` in the text as tags (a note-taking app's vault: vault/note-vault.ts). Default false. */
  inlineTags?: boolean;
  /** Time budget per file for the Markdown parse, in ms. Default 10 000. */
  timeBudgetMs?: number;
  /** Heap budget per parse worker, in MB. Default 512. */
  memoryBudgetMb?: number;
}
