/** `almanac index <vault>`: brings the vault's index up to date and reports what changed. */
import type { IndexSummary } from '../../shared/api.js';
import { parseByteSize, parseCommandLine, onePositional } from '../args.js';
import { gitDatesFlag } from './git-dates-flag.js';
import { EXIT, UsageError, type CliContext, type Command, type CommandSpec } from '../command.js';
import { formatDurationMs, summaryCounts } from '../progress.js';
import { openCliVault } from '../vault.js';

export const INDEX_HELP = `Usage: almanac index <vault> [options]

Indexes the Markdown digests of the folder <vault>. Only files changed since
the last run are read again; the vault itself is never written to.

Options:
  --db FILE               index file (default: a per-user cache folder,
                          or $ALMANAC_CACHE_DIR when set)
  --exclude GLOB          skip matching files or folders (repeatable)
  --no-exclude            forget the exclude patterns of earlier runs
  --max-file-size BYTES   skip larger files (default 8M; accepts K, M, G)
  --no-git-dates          do not date undated digests by their first git
                          commit (--git-dates: do again; default on)
  --json                  print the summary as JSON on stdout
  -h, --help              show this help

--exclude, --max-file-size and --no-git-dates are remembered by the index:
later runs of any command on the same index use them until they are given
again.

The summary accounts for every file: files = indexed + unchanged + moved +
skipped, where skipped counts this run's files that could not be indexed
(each listed with its reason; problems of the scan such as dangling links are
listed too but are not files). A run that cannot account for a file fails.
`;

const OPTIONS = {
  db: { type: 'string' },
  exclude: { type: 'string', multiple: true },
  'no-exclude': { type: 'boolean' },
  'max-file-size': { type: 'string' },
  'git-dates': { type: 'boolean' },
  'no-git-dates': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The summary exactly as `--json` prints it (key order fixed). */
export function summaryJson(s: IndexSummary): IndexSummary {
  return {
    files: s.files,
    indexed: s.indexed,
    unchanged: s.unchanged,
    moved: s.moved,
    skippedThisRun: s.skippedThisRun,
    removed: s.removed,
    skipped: s.skipped.map(({ path, reason, code, params }) => ({ path, reason, code, params })),
    warnings: s.warnings.map(({ path, message }) => ({ path, message })),
    digests: s.digests,
    sections: s.sections,
    elapsedMs: s.elapsedMs,
  };
}

export function formatSummary(s: IndexSummary, vaultPath: string, dbPath: string): string {
  const lines = [
    `Indexed ${vaultPath}`,
    `  ${summaryCounts(s)}`,
    `  ${s.digests} digests, ${s.sections} sections in the index (${formatDurationMs(s.elapsedMs)})`,
    `  index: ${dbPath}`,
  ];
  if (s.skipped.length > 0) {
    lines.push('Skipped:');
    for (const k of s.skipped) lines.push(`  ${k.path}: ${k.reason}`);
  }
  if (s.warnings.length > 0) {
    lines.push('Warnings:');
    for (const w of s.warnings) lines.push(`  ${w.message.startsWith(`${w.path}:`) ? w.message : `${w.path}: ${w.message}`}`);
  }
  return `${lines.join('\n')}\n`;
}

const run: Command = async (argv: string[], ctx: CliContext) => {
  const { values, positionals } = parseCommandLine('index', argv, OPTIONS);
  if (values.help) {
    ctx.stdout.write(INDEX_HELP);
    return EXIT.ok;
  }
  const vault = onePositional('index', positionals, 'the vault folder (almanac index <vault>)');
  if (values['no-exclude'] && values.exclude) throw new UsageError('index: --exclude and --no-exclude cannot be used together');
  const exclude = values['no-exclude'] ? [] : values.exclude;
  const maxFileBytes = values['max-file-size'] !== undefined ? parseByteSize('--max-file-size', values['max-file-size']) : undefined;
  const opened = await openCliVault(
    { vault, db: values.db, exclude, maxFileBytes, gitDates: gitDatesFlag('index', values), progress: !values.json },
    ctx,
  );
  try {
    const summary = opened.summary!;
    ctx.stdout.write(values.json ? `${JSON.stringify(summaryJson(summary), null, 2)}\n` : formatSummary(summary, opened.vaultPath, opened.dbPath));
    return EXIT.ok;
  } finally {
    await opened.close();
  }
};

export const indexCommand: CommandSpec = {
  run,
  help: INDEX_HELP,
  arguments: { exclude: '--exclude', maxFileBytes: '--max-file-size' },
  options: OPTIONS,
};
