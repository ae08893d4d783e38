/**
 * `almanac trends <query...> --vault <vault> --by week|month|year`: how many
 * sections (or digests) match each query per period, absolute or as a share
 * of what the period holds; a table on a terminal, `--csv` and `--json` for
 * other programs (AlmanacApi.trends, the desk's Trends view gives the same numbers).
 */
import { MAX_TREND_QUERIES, type TrendPeriod, type TrendsRequest, type TrendsResponse } from '../../shared/research.js';
import { roundShare, trendCsv } from '../../shared/trend-table.js';
import { trendsRequest } from '../../shared/validate-research.js';
import { parseCommandLine } from '../args.js';
import { EXIT, UsageError, type CliContext, type Command, type CommandSpec } from '../command.js';
import { displayWidth, fit, padEnd, padStart } from '../table.js';
import { openCliVault, VAULT_DB_OPTIONS } from '../vault.js';

export const TRENDS_HELP = `Usage: almanac trends <query>... --vault <vault> [options]

Counts, for each query (up to ${MAX_TREND_QUERIES}; one argument each, quoted when it has
spaces), the matching sections per week, month or year, and prints a table
with a column per query. A query is matched as almanac search matches it
(filters included: almanac trends "agent tag:AI" "RAG"); a section counts
in the period of its own date when its heading carries one, else of its
digest's. The index is brought up to date first.
  almanac trends agent RAG MCP --vault DIR --by month --from 2023-01-01

Options:
  --vault DIR         the vault folder (required)
  --db FILE           index file (default: a per-user cache folder)
  --by PERIOD         week, month (default) or year
  --from DATE         from this day on (YYYY-MM-DD)
  --to DATE           up to this day (YYYY-MM-DD)
  --unit UNIT         sections (default): matching sections; digests:
                      digests with a matching section
  --normalise         each count as a share of all the sections (or digests)
                      of its period
  --tag TAG           only digests with this tag (repeatable: any of them)
  --all-tags          with several --tag: digests with all of them
  --mention NAME      only digests that mention NAME (repeatable: all of them)
  --csv               print CSV: period, from, to, the period's total, a
                      count column per query (and a share column with --normalise)
  --json              print the answer as JSON on stdout
  -h, --help          show this help
`;

const OPTIONS = {
  ...VAULT_DB_OPTIONS,
  by: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  unit: { type: 'string' },
  normalise: { type: 'boolean' },
  tag: { type: 'string', multiple: true },
  'all-tags': { type: 'boolean' },
  mention: { type: 'string', multiple: true },
  csv: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A value as the table shows it: a count, or a share as a percentage. */
function cell(r: TrendsResponse, value: number): string {
  return r.normalise ? `${(roundShare(value) * 100).toFixed(2)}%` : String(value);
}

/** The table: a row per period, a column per query (headers cut to `columns` when a terminal is that narrow). */
export function formatTrends(r: TrendsResponse, columns: number | undefined): string {
  const notes = r.series.flatMap((s) => s.notices.map((n) => `note: ${JSON.stringify(s.query)}: ${n.message}\n`));
  if (r.periods.length === 0) return `${notes.join('')}No dated digests to count.\n`;
  const maxHeader = columns === undefined ? Infinity : Math.max(8, Math.floor(columns / (r.series.length + 2)) - 2);
  const header = ['PERIOD', r.unit === 'digests' ? 'DIGESTS' : 'SECTIONS', ...r.series.map((s) => fit(s.query === '' ? '(all)' : s.query, maxHeader))];
  const rows = r.periods.map((p, k) => [p.key, String(p.total), ...r.series.map((s) => cell(r, s.values[k] ?? 0))]);
  rows.push(['total', String(r.periods.reduce((n, p) => n + p.total, 0)), ...r.series.map((s) => String(s.total))]);
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((row) => displayWidth(row[i]!))));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? padEnd(c, widths[i]!) : padStart(c, widths[i]!))).join('  ');
  const clipped = r.clippedBefore === undefined ? '' : `note: periods before ${r.clippedBefore} are left out\n`;
  return `${notes.join('')}${clipped}${[line(header), ...rows.map(line)].join('\n')}\n`;
}

const run: Command = async (argv: string[], ctx: CliContext) => {
  const { values, positionals } = parseCommandLine('trends', argv, OPTIONS, { dashedPositionals: true });
  if (values.help) {
    ctx.stdout.write(TRENDS_HELP);
    return EXIT.ok;
  }
  if (values.vault === undefined) throw new UsageError('trends: missing --vault <vault>');
  if (positionals.length === 0) throw new UsageError('trends: missing queries (almanac trends <query>... --vault <vault>)');
  if (values.csv && values.json) throw new UsageError('trends: --csv and --json cannot be combined');
  const draft: Record<string, unknown> = { queries: positionals, by: (values.by ?? 'month') as TrendPeriod };
  if (values.unit !== undefined) draft.unit = values.unit;
  if (values.normalise) draft.normalise = true;
  if (values.from !== undefined) draft.from = values.from;
  if (values.to !== undefined) draft.to = values.to;
  if (values.tag !== undefined) Object.assign(draft, { tags: values.tag, tagMode: values['all-tags'] ? 'all' : 'any' });
  if (values.mention !== undefined) draft.mentions = values.mention;
  // The service's own checks, before the index is opened (errors name the option: trendsCommand.arguments).
  const request: TrendsRequest = trendsRequest('trends: request', draft);

  const opened = await openCliVault({ vault: values.vault, db: values.db, progress: !values.json && !values.csv }, ctx);
  try {
    const response = await opened.service.trends(request);
    if (values.json) ctx.stdout.write(`${JSON.stringify(response, null, 2)}\n`);
    else if (values.csv) ctx.stdout.write(trendCsv(response));
    else ctx.stdout.write(formatTrends(response, ctx.stdout.isTTY ? ctx.stdout.columns : undefined));
    return EXIT.ok;
  } finally {
    await opened.close();
  }
};

export const trendsCommand: CommandSpec = {
  run,
  help: TRENDS_HELP,
  arguments: { queries: 'the queries', by: '--by', unit: '--unit', from: '--from', to: '--to', tags: '--tag', mentions: '--mention', normalise: '--normalise' },
  options: OPTIONS,
};
