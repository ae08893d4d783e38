/**
 * `npm run bench:quality [-- --before-root DIR] [--corpora DIR] [--judgments DIR]`
 *
 * Ranking checked on real text (issue 21): the judged queries of
 * bench/judgments/*.json (for each, the digests a researcher would want
 * first, graded 1 or 2; see docs/SEARCH-QUALITY.md) are searched through the
 * real CLI of this working tree, and of a baseline build when --before-root
 * names one, over the real archives in --corpora. Reports nDCG@10 and P@10
 * per query and on average, CJK exactness (precision and recall of every
 * result against a substring oracle over the parsed texts), and on the first
 * page of each query the section hits without a visible highlight and those
 * showing text the vault repeats in most issues. Writes
 * bench-results/quality-<time>.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BuildCli, type BenchResponse, type BenchSection } from './cli.js';
import { readCorpus, showsRepeatedLine, substringOracle, type Corpus } from './corpus.js';
import { mean, ndcgAt, precisionAt, setAgreement, type Judgments } from './metrics.js';

interface JudgedQuery {
  query: string;
  lang: 'zh' | 'en' | 'mixed';
  judgments: Judgments;
}

interface JudgmentFile {
  /** The vault, relative to --corpora. */
  vault: string;
  about: string;
  queries: JudgedQuery[];
}

interface QueryResult {
  vault: string;
  query: string;
  lang: string;
  ndcg10: number;
  p10: number;
  top10: string[];
  /** First page (20 digests): section hits with no highlight in snippet or heading (previews of title-only hits aside). */
  unhighlighted: number;
  /** First page: section hits showing a line the vault repeats in most issues. */
  repeatedShown: number;
  /** Those hits: path, heading and the snippet's start, to look at. */
  repeatedHits: string[];
  /** CJK queries: every result against the substring oracle. */
  exactness?: { precision: number; recall: number };
}

interface BuildReport {
  label: string;
  indexMs: Record<string, number>;
  queries: QueryResult[];
  mean: { ndcg10: number; p10: number };
  byLang: Record<string, { ndcg10: number; p10: number; queries: number }>;
}

interface Options {
  after: BuildCli;
  before: BuildCli | null;
  corpora: string;
  judgments: string;
  root: string;
}

const USAGE = 'usage: npm run bench:quality -- [--before-root DIR] [--corpora DIR] [--judgments DIR]';

function parseArgs(argv: readonly string[]): Options {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (!flag.startsWith('--') || value === undefined) throw new Error(`bench:quality: ${flag} needs a value\n${USAGE}`);
    values.set(flag, value);
  }
  const cli = values.get('--cli');
  if (cli === undefined) throw new Error(`bench:quality: --cli is set by run.mjs\n${USAGE}`);
  const beforeRoot = values.get('--before-root');
  return {
    after: new BuildCli(cli, values.get('--cli-label') ?? 'working tree'),
    before: beforeRoot === undefined ? null : new BuildCli(path.join(path.resolve(beforeRoot), 'bin', 'almanac.js'), values.get('--before-label') ?? beforeRoot),
    corpora: path.resolve(values.get('--corpora') ?? path.join(root, '..', 'shared', 'corpora')),
    judgments: path.resolve(values.get('--judgments') ?? path.join(root, 'bench', 'judgments')),
    root,
  };
}

function loadJudgments(dir: string): JudgmentFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as JudgmentFile);
}

const isCjkQuery = (q: string): boolean => /^[\p{Script=Han}]+$/u.test(q);

/** A section hit shows where it matched: a highlight in its snippet or heading (a title-only hit's preview is not a match). */
function unhighlighted(s: BenchSection): boolean {
  return s.preview !== true && s.ranges.length === 0 && (s.headingRanges?.length ?? 0) === 0;
}

function pageChecks(page: BenchResponse, corpus: Corpus): Pick<QueryResult, 'unhighlighted' | 'repeatedShown' | 'repeatedHits'> {
  const sections = page.results.flatMap((h) => h.sections.map((s) => ({ path: h.path, s })));
  const marked = (s: BenchSection): string[] => s.ranges.map(([a, b]) => s.snippet.slice(a, b));
  const repeated = sections.filter(({ s }) => s.boilerplate === true || (s.boilerplate === undefined && showsRepeatedLine(corpus, s.snippet, marked(s))));
  return {
    unhighlighted: sections.filter(({ s }) => unhighlighted(s)).length,
    repeatedShown: repeated.length,
    repeatedHits: repeated.map(({ path: p, s }) => `${p} ${s.heading || '(lead)'}: ${s.snippet.slice(0, 60)}`),
  };
}

async function measureQuery(cli: BuildCli, vault: string, db: string, q: JudgedQuery, corpus: Corpus, name: string): Promise<QueryResult> {
  const page = await cli.search(vault, db, q.query, 20);
  const top10 = page.results.slice(0, 10).map((h) => h.path);
  const result: QueryResult = {
    vault: name,
    query: q.query,
    lang: q.lang,
    ndcg10: ndcgAt(top10, q.judgments),
    p10: precisionAt(top10, q.judgments),
    top10,
    ...pageChecks(page, corpus),
  };
  if (isCjkQuery(q.query)) {
    // A week folded into another's hit (the same item repeated) is returned too, in that hit's repeats.
    const all = await cli.search(vault, db, q.query, 0);
    const found = all.results.flatMap((h) => [h.path, ...h.sections.flatMap((s) => (s.repeats ?? []).map((r) => r.path))]);
    result.exactness = setAgreement([...new Set(found)], substringOracle(corpus, q.query));
  }
  return result;
}

function summarise(label: string, indexMs: Record<string, number>, queries: QueryResult[]): BuildReport {
  const byLang: BuildReport['byLang'] = {};
  for (const lang of [...new Set(queries.map((q) => q.lang))].sort()) {
    const of = queries.filter((q) => q.lang === lang);
    byLang[lang] = { ndcg10: mean(of.map((q) => q.ndcg10)), p10: mean(of.map((q) => q.p10)), queries: of.length };
  }
  return { label, indexMs, queries, mean: { ndcg10: mean(queries.map((q) => q.ndcg10)), p10: mean(queries.map((q) => q.p10)) }, byLang };
}

async function measureBuild(cli: BuildCli, files: readonly JudgmentFile[], corpora: Map<string, Corpus>, opts: Options): Promise<BuildReport> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-quality-'));
  const indexMs: Record<string, number> = {};
  const queries: QueryResult[] = [];
  try {
    for (const file of files) {
      const vault = path.join(opts.corpora, file.vault);
      const db = path.join(tmp, `${path.basename(file.vault)}.db`);
      indexMs[file.vault] = Math.round(await cli.index(vault, db));
      for (const q of file.queries) queries.push(await measureQuery(cli, vault, db, q, corpora.get(file.vault)!, path.basename(file.vault)));
      process.stderr.write(`[quality] ${cli.label}: ${file.vault} (${file.queries.length} queries)\n`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return summarise(cli.label, indexMs, queries);
}

const f2 = (n: number): string => n.toFixed(3);

function formatReport(builds: readonly BuildReport[]): string {
  const lines: string[] = [];
  const header = ['query', 'vault', ...builds.flatMap((b) => [`nDCG@10 ${b.label}`, `P@10 ${b.label}`])];
  lines.push(header.join(' | '));
  builds[0]!.queries.forEach((q, i) => {
    lines.push([q.query, q.vault, ...builds.flatMap((b) => [f2(b.queries[i]!.ndcg10), f2(b.queries[i]!.p10)])].join(' | '));
  });
  for (const b of builds) {
    const exact = b.queries.filter((q) => q.exactness);
    lines.push(
      '',
      `${b.label}: mean nDCG@10 ${f2(b.mean.ndcg10)}, P@10 ${f2(b.mean.p10)}; ` +
        Object.entries(b.byLang)
          .map(([lang, m]) => `${lang} (${m.queries}) ${f2(m.ndcg10)} / ${f2(m.p10)}`)
          .join(', '),
      `  CJK exactness over ${exact.length} queries: precision ${f2(mean(exact.map((q) => q.exactness!.precision)))}, recall ${f2(mean(exact.map((q) => q.exactness!.recall)))} (min ${f2(Math.min(...exact.map((q) => Math.min(q.exactness!.precision, q.exactness!.recall))))})`,
      `  first pages: ${b.queries.reduce((n, q) => n + q.unhighlighted, 0)} section hits without a highlight, ${b.queries.reduce((n, q) => n + q.repeatedShown, 0)} showing repeated text`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const files = loadJudgments(opts.judgments);
  const corpora = new Map<string, Corpus>();
  for (const f of files) corpora.set(f.vault, await readCorpus(path.join(opts.corpora, f.vault)));
  const builds: BuildReport[] = [];
  if (opts.before) builds.push(await measureBuild(opts.before, files, corpora, opts));
  builds.push(await measureBuild(opts.after, files, corpora, opts));
  process.stdout.write(formatReport(builds));
  const outDir = path.join(opts.root, 'bench-results');
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `quality-${new Date().toISOString().replace(/[:.]/g, '').slice(0, 15)}Z.json`);
  fs.writeFileSync(file, `${JSON.stringify({ corpora: opts.corpora, builds }, null, 1)}\n`);
  process.stdout.write(`wrote ${path.relative(opts.root, file)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
