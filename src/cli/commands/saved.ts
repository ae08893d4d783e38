/**
 * `almanac saved list|add|remove|run --vault <vault>`: searches kept under a
 * name beside the index (never in the vault), each with the number of new
 * matching digests since it was last opened; `run` opens one (its matches
 * count as seen from then on) and prints its results as `almanac search` does.
 */
import type { SavedSearch, SavedSearchInput } from '../../shared/research.js';
import { savedSearchInput, savedSearchName } from '../../shared/validate-research.js';
import { requestOf } from '../../core/service/saved-searches.js';
import { parseCommandLine } from '../args.js';
import { EXIT, UsageError, type CliContext, type Command, type CommandSpec } from '../command.js';
import { displayWidth, fit, padEnd, padStart } from '../table.js';
import { openCliVault, VAULT_DB_OPTIONS } from '../vault.js';
import { formatResults, searchJson } from './search.js';

export const SAVED_HELP = `Usage: almanac saved list --vault <vault> [--json]
       almanac saved add <name> <query...> --vault <vault> [--tag TAG] [--from DATE] [--to DATE] [--mention NAME]
       almanac saved remove <name> --vault <vault>
       almanac saved run <name> --vault <vault> [--json]

Saved searches: a query and its filters under a name. The list shows, for
each, how many matching digests are new since it was last opened (or saved);
the count follows every index run. 'run' opens it: prints its results, and
from then on its current matches count as seen. They are kept in a JSON file
beside the index (the desktop app keeps its own in its settings), never in
the vault. The index is brought up to date first.

Options:
  --vault DIR       the vault folder (required)
  --db FILE         index file (default: a per-user cache folder)
  --tag TAG         add: only digests with this tag (repeatable: any of them)
  --all-tags        add: with several --tag, digests with all of them
  --mention NAME    add: only digests that mention NAME (repeatable: all)
  --from DATE       add: only digests dated on or after DATE (YYYY-MM-DD)
  --to DATE         add: only digests dated on or before DATE (YYYY-MM-DD)
  --json            list, run: print JSON on stdout
  -h, --help        show this help
`;

const OPTIONS = {
  ...VAULT_DB_OPTIONS,
  tag: { type: 'string', multiple: true },
  'all-tags': { type: 'boolean' },
  mention: { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseCommandLine<typeof OPTIONS>>['values'];

/** What the filters of a saved search are, in one line ("tag:ai, 2024-01-01..", "mention:OpenAI"). */
function filtersText(s: SavedSearchInput): string {
  const parts = [...(s.tags ?? []).map((t) => `tag:${t}`), ...(s.mentions ?? []).map((m) => `mention:${m}`)];
  if (s.from !== undefined || s.to !== undefined) parts.push(`${s.from ?? ''}..${s.to ?? ''}`);
  return parts.join(', ');
}

/** The list as a table: name, new digests, query, filters. */
export function formatSaved(list: readonly SavedSearch[], columns: number | undefined): string {
  if (list.length === 0) return "No saved searches. Save one with 'almanac saved add <name> <query...>'.\n";
  const rows = list.map((s) => [s.name, String(s.newCount), s.query, filtersText(s)]);
  const header = ['NAME', 'NEW', 'QUERY', 'FILTERS'];
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  const rest = columns === undefined ? Infinity : Math.max(12, columns - widths[0]! - widths[1]! - widths[2]! - 6);
  const line = (c: string[]): string => [padEnd(c[0]!, widths[0]!), padStart(c[1]!, widths[1]!), padEnd(c[2]!, widths[2]!), fit(c[3]!, rest)].join('  ').trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

/** The search `add` saves, checked by the service's own rules before the index is opened. */
function inputOf(positionals: readonly string[], values: Values): SavedSearchInput {
  const [name, ...query] = positionals;
  if (name === undefined) throw new UsageError('saved add: missing the name (almanac saved add <name> <query...>)');
  const draft: Record<string, unknown> = { name, query: query.join(' ') };
  if (values.tag !== undefined) Object.assign(draft, { tags: values.tag, tagMode: values['all-tags'] ? 'all' : 'any' });
  if (values.mention !== undefined) draft.mentions = values.mention;
  if (values.from !== undefined) draft.from = values.from;
  if (values.to !== undefined) draft.to = values.to;
  if (query.join('').trim() === '' && Object.keys(draft).length === 2) throw new UsageError('saved add: missing the query (almanac saved add <name> <query...>)');
  return savedSearchInput('saved: search', draft);
}

/** The one name `remove` and `run` take. */
function nameOf(action: string, positionals: readonly string[]): string {
  if (positionals.length !== 1) throw new UsageError(`saved ${action}: expected one name, got ${positionals.length} arguments`);
  return savedSearchName('saved: name', positionals[0]);
}

const ACTIONS = ['list', 'add', 'remove', 'run'];

const run: Command = async (argv: string[], ctx: CliContext) => {
  const { values, positionals } = parseCommandLine('saved', argv, OPTIONS, { dashedPositionals: true });
  if (values.help) {
    ctx.stdout.write(SAVED_HELP);
    return EXIT.ok;
  }
  const [action, ...rest] = positionals;
  if (action === undefined || !ACTIONS.includes(action)) {
    throw new UsageError(`saved: expected list, add, remove or run, got ${action === undefined ? 'nothing' : JSON.stringify(action)}`);
  }
  if (values.vault === undefined) throw new UsageError('saved: missing --vault <vault>');
  if (action === 'list' && rest.length > 0) throw new UsageError(`saved list: unexpected argument ${JSON.stringify(rest[0])}`);
  const input = action === 'add' ? inputOf(rest, values) : null;
  const name = action === 'remove' || action === 'run' ? nameOf(action, rest) : null;

  const opened = await openCliVault({ vault: values.vault, db: values.db, progress: !values.json }, ctx);
  try {
    const service = opened.service;
    if (input !== null) ctx.stdout.write(`Saved ${JSON.stringify(input.name)}.\n${formatSaved(await service.saveSearch(input), undefined)}`);
    else if (action === 'remove') ctx.stdout.write(`Removed ${JSON.stringify(name)}.\n${formatSaved(await service.removeSavedSearch(name!), undefined)}`);
    else if (action === 'list') {
      const list = await service.savedSearches();
      ctx.stdout.write(values.json ? `${JSON.stringify(list, null, 2)}\n` : formatSaved(list, ctx.stdout.isTTY ? ctx.stdout.columns : undefined));
    } else {
      const before = (await service.savedSearches()).find((s) => s.name === name);
      const search = await service.openSavedSearch(name!);
      const response = await service.search(requestOf(search));
      const newCount = before?.newCount ?? 0;
      if (values.json) ctx.stdout.write(`${JSON.stringify({ search: { ...search, newCount }, ...(searchJson(response) as object) }, null, 2)}\n`);
      else ctx.stdout.write(`${search.name}: ${newCount} new since ${before?.openedAt ?? search.openedAt}\n${formatResults(response, 0, false)}`);
    }
    return EXIT.ok;
  } finally {
    await opened.close();
  }
};

export const savedCommand: CommandSpec = {
  run,
  help: SAVED_HELP,
  arguments: { name: 'the name', query: 'the query', tags: '--tag', mentions: '--mention', from: '--from', to: '--to' },
  options: OPTIONS,
};
