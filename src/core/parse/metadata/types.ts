/**
 * What every metadata reader returns (read-metadata.ts detects the style once,
 * at the top of the file, and hands the file to one reader).
 */

/** How a file states its metadata; 'none' when it states none (or a block could not be read). */
export type MetadataStyle = 'yaml' | 'toml' | 'json' | 'pelican' | 'none';

export type MetadataData = Record<string, unknown>;

export interface MetadataBlock {
  style: MetadataStyle;
  /** The key/value mapping, JSON-safe; null when there is none or it was ignored. */
  data: MetadataData | null;
  /** The block's text without its delimiters ('' when there is no block). */
  raw: string;
  /** The Markdown after the block (the whole text when there is none). */
  body: string;
  /** Each names the problem, never the file (the caller prefixes the path). */
  warnings: string[];
}

/**
 * A reader's answer before the shared checks (read-metadata.ts finish()):
 * `parsed` is what the format's parser returned, undefined when nothing was
 * parsed (an empty or an ignored block).
 */
export interface ReadBlock {
  style: MetadataStyle;
  parsed: unknown;
  raw: string;
  body: string;
  warnings: string[];
}
