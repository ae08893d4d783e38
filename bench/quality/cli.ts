/**
 * A build of Almanac as the quality bench drives it: its real CLI, `index`
 * into a temporary --db and `search --json`, so a build of any commit (the
 * baseline's worktree) answers the same questions.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What the bench reads of a section hit (fields a build may not have are absent). */
export interface BenchSection {
  heading: string;
  headingPath: string;
  snippet: string;
  ranges: [number, number][];
  headingRanges?: [number, number][];
  preview?: boolean;
  boilerplate?: boolean;
  /** Weeks folded into this hit (the same item repeated). */
  repeats?: { path: string }[];
}

export interface BenchHit {
  path: string;
  sections: BenchSection[];
}

export interface BenchResponse {
  total: number;
  results: BenchHit[];
}

export class BuildCli {
  constructor(
    /** The CLI's entry (bin/almanac.js or a bundled cli.js). */
    readonly cli: string,
    readonly label: string,
  ) {}

  /** Indexes `vault` into `db`; returns the wall time. */
  async index(vault: string, db: string): Promise<number> {
    const started = performance.now();
    await run(process.execPath, [this.cli, 'index', vault, '--db', db], { maxBuffer: 1 << 26 });
    return performance.now() - started;
  }

  /** The query as submitted (a trailing space: the last word is not a prefix being typed), first `limit` digests (0: all). */
  async search(vault: string, db: string, query: string, limit: number): Promise<BenchResponse> {
    const { stdout } = await run(process.execPath, [this.cli, 'search', `${query} `, '--vault', vault, '--db', db, '--json', '--limit', String(limit)], {
      maxBuffer: 1 << 28,
    });
    return JSON.parse(stdout) as BenchResponse;
  }
}
