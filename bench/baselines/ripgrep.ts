/**
 * ripgrep over the vault folder for the same queries: one `rg` process per
 * query, fixed string, case-insensitive, listing matching files. rg cannot AND
 * several terms in one pass, so it looks for the longest term of the query
 * (the most selective one); filters and ranking do not apply.
 */
import { spawnSync } from 'node:child_process';
import type { BenchQuery } from '../queries.js';
import { now, round, summarize, type LatencySummary } from '../measure.js';

export interface RipgrepResult {
  available: boolean;
  version: string | null;
  latency: LatencySummary | null;
  queries: { query: string; term: string; ms: number; files: number }[];
}

function longestTerm(terms: readonly string[]): string | null {
  let best: string | null = null;
  for (const t of terms) if (best === null || [...t].length > [...best].length) best = t;
  return best;
}

export function rgVersion(): string | null {
  const r = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout.split('\n')[0] ?? '').trim() : null;
}

export function runRipgrep(vaultPath: string, queries: readonly BenchQuery[], passes: number): RipgrepResult {
  const version = rgVersion();
  if (!version) return { available: false, version: null, latency: null, queries: [] };
  const samples: number[] = [];
  const perQuery: RipgrepResult['queries'] = [];
  const search = (term: string): { ms: number; files: number } => {
    const started = now();
    const r = spawnSync('rg', ['--files-with-matches', '--fixed-strings', '--ignore-case', '--no-messages', '-e', term, '.'], {
      cwd: vaultPath,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const ms = now() - started;
    if (r.status !== 0 && r.status !== 1) throw new Error(`bench: rg failed for "${term}" (exit ${String(r.status)}): ${r.stderr}`);
    return { ms, files: r.stdout ? r.stdout.split('\n').filter(Boolean).length : 0 };
  };
  const warm = longestTerm(queries[0]?.terms ?? []);
  if (warm) search(warm);
  for (let pass = 0; pass < passes; pass++) {
    for (const query of queries) {
      const term = longestTerm(query.terms);
      if (!term) continue;
      const { ms, files } = search(term);
      samples.push(ms);
      if (pass === 0) perQuery.push({ query: query.query, term, ms: round(ms, 2), files });
    }
  }
  return { available: true, version, latency: summarize(samples), queries: perQuery };
}
