/**
 * `almanac list --vault <vault>`: every digest with what Almanac understood of
 * it (its date and where the date came from, its series, issue number and
 * neighbours), so a user can audit a vault: a one-line summary, then a table;
 * `--json` prints AlmanacApi.listDigests() as it is.
 */
import type { DatePrecision, DateSource, DigestListEntry } from '../../shared/api.js';
import { parseCommandLine } from '../args.js';
import { EXIT, UsageError, type CliContext, type Command, type CommandSpec } from '../command.js';
import { displayWidth, fit, padEnd } from '../table.js';
import { openCliVault, VAULT_DB_OPTIONS } from '../vault.js';

export const LIST_HELP = `Usage: almanac list --vault <vault> [options]

Lists every digest of the vault with its date, where that date came from
(front matter, file name, path, heading, index page, git), its series, its
issue number and its title, after a one-line summary such as
"412 digests: 405 dated (380 front matter, 25 file name), 7 undated; 3 series".
A date that names a month or a year is shown as that month or year. The index
is brought up to date first.

Options:
  --vault DIR   the vault folder (required)
  --db FILE     index file (default: a per-user cache folder)
  --json        print every digest as JSON on stdout: path, title, date,
                dateSource, datePrecision, week, series, number, prev, next, tags
  -h, --help    show this help
`;

const OPTIONS = {
  ...VAULT_DB_OPTIONS,
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const SOURCE_NAMES: Record<DateSource, string> = {
  'front-matter': 'front matter',
  'file-name': 'file name',
  path: 'path',
  heading: 'heading',
  'index-page': 'index page',
  git: 'git',
  none: 'none',
};

/** "2024-04-05", "2024-W14", "2024-04" or "2024": the period a date names. */
export function periodLabel(date: string | null, precision: DatePrecision | null, week: string | null): string {
  if (date === null) return 'undated';
  if (precision === 'year') return date.slice(0, 4);
  if (precision === 'month') return date.slice(0, 7);
  if (precision === 'week' && week !== null) return week;
  return date;
}

/** "412 digests: 405 dated (380 front matter, 25 file name), 7 undated; 3 series". */
export function listSummary(entries: readonly DigestListEntry[]): string {
  const bySource = new Map<DateSource, number>();
  for (const e of entries) if (e.date !== null) bySource.set(e.dateSource, (bySource.get(e.dateSource) ?? 0) + 1);
  const dated = [...bySource.values()].reduce((a, b) => a + b, 0);
  const sources = [...bySource]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([source, n]) => `${n} ${SOURCE_NAMES[source]}`)
    .join(', ');
  const series = new Set(entries.flatMap((e) => (e.series === null ? [] : [e.series]))).size;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(entries.length, 'digest')}: ${dated} dated${dated > 0 ? ` (${sources})` : ''}, ${entries.length - dated} undated; ${series} series`;
}

/** The table: one row per digest, the title last (cut to the terminal's width when there is one). */
export function formatList(entries: readonly DigestListEntry[], columns: number | undefined): string {
  const header = ['DATE', 'SOURCE', 'SERIES', '#', 'PATH', 'TITLE'];
  const rows = entries.map((e) => [
    periodLabel(e.date, e.datePrecision, e.week),
    e.date === null ? '-' : SOURCE_NAMES[e.dateSource],
    e.series ?? '-',
    e.number === null ? '-' : String(e.number),
    e.path,
    e.title,
  ]);
  const widths = header.slice(0, -1).map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  const lead = widths.reduce((a, b) => a + b + 2, 0);
  const titleWidth = columns === undefined ? Infinity : Math.max(12, columns - lead);
  const line = (cells: string[]): string =>
    [...cells.slice(0, -1).map((c, i) => padEnd(c, widths[i]!)), fit(cells[cells.length - 1]!, titleWidth)].join('  ').trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

const run: Command = async (argv: string[], ctx: CliContext) => {
  const { values, positionals } = parseCommandLine('list', argv, OPTIONS);
  if (values.help) {
    ctx.stdout.write(LIST_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`list: unexpected argument ${JSON.stringify(positionals[0])} (the vault is given with --vault)`);
  if (values.vault === undefined) throw new UsageError('list: missing --vault <vault>');
  const opened = await openCliVault({ vault: values.vault, db: values.db, progress: !values.json }, ctx);
  try {
    const entries = await opened.service.listDigests();
    if (values.json) ctx.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    else ctx.stdout.write(`${listSummary(entries)}\n\n${formatList(entries, ctx.stdout.isTTY ? ctx.stdout.columns : undefined)}`);
    return EXIT.ok;
  } finally {
    await opened.close();
  }
};

export const listCommand: CommandSpec = { run, help: LIST_HELP, options: OPTIONS };
