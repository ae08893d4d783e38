/**
 * The read/parse stage: what one file of a run becomes (an Outcome). The file
 * is read and hashed; the same hash as its stored row makes it unchanged, the
 * hash of an indexed path gone from the vault makes it a move (renames.ts),
 * anything else is parsed and its links resolved.
 *
 * One bad file never stops the others: whatever goes wrong with it becomes a
 * skipped outcome saying why (a FileProblem). Only a failure of the parse pool itself
 * (PoolFailure) is thrown, and stops the run.
 */
import { fileProblem } from '../../shared/file-problems.js';
import { readDigestFile } from '../read/read.js';
import type { FileState, IndexEntry } from '../store/store.js';
import type { ParsedDigest, ParseOptions, ReadResult, ScannedFile } from '../types.js';
import type { LinkTargetResolver } from './link-targets.js';
import { MIN_INDEX_ENTRIES, scanIndexPage } from './index-page.js';
import { errorText, type Outcome } from './outcome.js';
import type { RenameMatcher } from './renames.js';

/** What the indexer needs of the parse pool (tests wrap it to count calls). */
export interface DigestParser {
  parse(text: string, path: string, options?: ParseOptions): Promise<ParsedDigest>;
}

/** The parse pool failed as a whole (not because of one file's content): the run stops. */
export class PoolFailure extends Error {}

/** What the stage needs to know of the run. */
export interface FileOutcomeContext {
  maxFileBytes: number;
  /** The index format changed: every file read is parsed again (never unchanged or moved). */
  formatChanged: boolean;
  /** Stored rows of the run's paths. */
  stored: ReadonlyMap<string, FileState>;
  renames: RenameMatcher;
  links: LinkTargetResolver;
  pool: DigestParser;
  /** The vault's parse options (run-plan.ts). */
  parseOptions: ParseOptions;
  /** The hrefs stored for a digest's links (a moved digest keeps its links, resolved from its new place). */
  linkHrefs(path: string): string[];
}

type ReadText = Extract<ReadResult, { ok: true }>;

/**
 * The dated links of an index page (index-page.ts). Only a page with a dated
 * heading and enough links can be one, so most digests are not read twice.
 */
function indexEntriesOf(text: string, parsed: ParsedDigest): IndexEntry[] {
  if (parsed.links.length < MIN_INDEX_ENTRIES || !parsed.sections.some((s) => s.date)) return [];
  return scanIndexPage(text);
}

async function parsedOutcome(f: ScannedFile, read: ReadText, ctx: FileOutcomeContext): Promise<Outcome> {
  let parsed: ParsedDigest;
  try {
    parsed = await ctx.pool.parse(read.text, f.path, ctx.parseOptions);
  } catch (err) {
    throw new PoolFailure(`the parser stopped working while reading ${f.path}: ${errorText(err)}`, { cause: err });
  }
  return {
    kind: 'digest',
    record: {
      path: f.path,
      size: f.size,
      mtimeMs: f.mtimeMs,
      hash: read.hash,
      encoding: read.encoding,
      parsed,
      links: await ctx.links.resolve(f.path, parsed.links),
      warnings: [...read.warnings, ...parsed.warnings],
      indexEntries: indexEntriesOf(read.text, parsed),
    },
  };
}

async function decide(f: ScannedFile, ctx: FileOutcomeContext): Promise<Outcome> {
  const read = await readDigestFile(f.absPath, { maxFileBytes: ctx.maxFileBytes });
  if (!read.ok) return { kind: 'skipped', file: f, hash: read.hash, problem: read.problem };
  const row = ctx.stored.get(f.path);
  if (!ctx.formatChanged && row?.status === 'indexed' && row.hash === read.hash) return { kind: 'unchanged', file: f };
  if (!row && !ctx.formatChanged) {
    const from = ctx.renames.claim(read.hash, f.path);
    if (from !== null) {
      try {
        const hrefs = ctx.linkHrefs(from).map((href) => ({ href }));
        return { kind: 'moved', from, file: f, links: await ctx.links.resolve(f.path, hrefs) };
      } catch (err) {
        // Not moved after all: the old path must be removed with the other gone paths, not left claimed.
        ctx.renames.release(from);
        throw err;
      }
    }
  }
  return parsedOutcome(f, read, ctx);
}

/** The outcome of one file; rejects only with a PoolFailure. */
export async function fileOutcome(f: ScannedFile, ctx: FileOutcomeContext): Promise<Outcome> {
  try {
    return await decide(f, ctx);
  } catch (err) {
    if (err instanceof PoolFailure) throw err;
    return { kind: 'skipped', file: f, hash: null, problem: fileProblem('could-not-be-indexed', { error: errorText(err) }) };
  }
}
