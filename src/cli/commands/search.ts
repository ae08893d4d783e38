/** `almanac search <query...> --vault <vault>`: ranked full-text search with filters and facets. */
import type { Range, SearchRequest, SearchResponse, SortOrder } from '../../shared/api.js';
import { parseDateBound } from '../../shared/dates.js';
import { searchRequest } from '../../shared/validate.js';
import { parseCommandLine, wholeNumber } from '../args.js';
import { EXIT, UsageError, type CliContext, type Command, type CommandSpec } from '../command.js';
import { openCliVault, VAULT_DB_OPTIONS } from '../vault.js';

export const SEARCH_HELP = `Usage: almanac search <query...> --vault <vault> [options]

Searches the digests of a vault (Chinese and English) and prints the matching
digests, best first, with their best sections. The index is brought up to
date first. Query language (see docs/ARCHITECTURE.md):
  words            all must match (Chinese runs match as written: 后门检测)
  "a phrase"       words next to each other        -word / -"phrase"  exclude
  a OR b           either                          tag:AI  -tag:x     by tag
  after:2026-01    on or after 2026-01-01          before:2026-02     before 2026-02-01
  date:2026-02     in February 2026 (or a year / a day)   week:2026-W06
  title:word       in the title                    heading:word       in a heading
  in:folder        digests under that folder of the vault
Exclusions can be typed as they are: almanac search 深度学习 -芯片 --vault DIR.
The last word also matches as a prefix (anthro finds Anthropic) and longer
words tolerate a typo; such matches rank after exact ones.

Options:
  --vault DIR        the vault folder (required)
  --db FILE          index file (default: a per-user cache folder)
  --tag TAG          only digests with this tag (repeatable: any of them)
  --all-tags         with several --tag: digests with all of them
  --from DATE        only digests dated on or after DATE (YYYY-MM-DD)
  --to DATE          only digests dated on or before DATE (YYYY-MM-DD)
  --sort ORDER       relevance (default), newest or oldest
  --limit N          digests to print (default 20; 0 = all)
  --offset N         skip the first N digests
  --json             print the results as JSON on stdout
  -h, --help         show this help
`;

const OPTIONS = {
  ...VAULT_DB_OPTIONS,
  tag: { type: 'string', multiple: true },
  'all-tags': { type: 'boolean' },
  from: { type: 'string' },
  to: { type: 'string' },
  sort: { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const SORTS: readonly SortOrder[] = ['relevance', 'newest', 'oldest'];

function dateOption(option: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || parseDateBound(text, 'start') === null) {
    throw new UsageError(`search: ${option} must be a date YYYY-MM-DD, got ${JSON.stringify(text)}`);
  }
  return text;
}

/** The response exactly as `--json` prints it. */
export function searchJson(r: SearchResponse): unknown {
  return {
    total: r.total,
    totalSections: r.totalSections,
    tookMs: r.tookMs,
    results: r.results.map((h) => ({
      path: h.path,
      title: h.title,
      date: h.date,
      week: h.week,
      tags: h.tags,
      score: h.score,
      sectionCount: h.sectionCount,
      ...(h.titleOnly ? { titleOnly: true } : {}),
      ...(h.titleRanges ? { titleRanges: h.titleRanges } : {}),
      sections: h.sections.map((s) => ({
        id: s.id,
        heading: s.heading,
        headingPath: s.headingPath,
        // The section's own date when its heading carries one, else the digest's.
        date: s.date,
        week: s.week,
        ...(s.datePrecision ? { datePrecision: s.datePrecision } : {}),
        snippet: s.snippet,
        ranges: s.ranges,
        ...(s.headingRanges ? { headingRanges: s.headingRanges } : {}),
        ...(s.preview ? { preview: true } : {}),
        ...(s.boilerplate ? { boilerplate: true } : {}),
        ...(s.repeats ? { repeats: s.repeats } : {}),
      })),
    })),
    facets: r.facets,
    // Code and parameters for scripts to act on, the English message to show.
    notices: r.notices.map(({ code, params, message }) => ({ code, params, message })),
  };
}

/** Wraps the ranges of `text` in ANSI bold yellow (or leaves it plain). */
export function highlight(text: string, ranges: readonly Range[], color: boolean): string {
  if (!color || ranges.length === 0) return text;
  let out = '';
  let pos = 0;
  for (const [start, end] of ranges) {
    if (start < pos || end > text.length) continue;
    out += `${text.slice(pos, start)}\u001b[1;33m${text.slice(start, end)}\u001b[0m`;
    pos = end;
  }
  return out + text.slice(pos);
}

/** The first n facet entries, most frequent first (year-like keys come back numerically ordered from a Record). */
function topEntries(record: Record<string, number>, n: number): string {
  return Object.entries(record)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : -1))
    .slice(0, n)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

export function formatResults(r: SearchResponse, offset: number, color: boolean): string {
  const out: string[] = [];
  const bold = (s: string): string => (color ? `\u001b[1m${s}\u001b[0m` : s);
  const dim = (s: string): string => (color ? `\u001b[2m${s}\u001b[0m` : s);
  for (const n of r.notices) out.push(`note: ${n.message}`);
  const shown = r.results.length === 0 ? '' : `, showing ${offset + 1}-${offset + r.results.length}`;
  out.push(`${r.total} digest${r.total === 1 ? '' : 's'}, ${r.totalSections} section${r.totalSections === 1 ? '' : 's'}${shown} (${r.tookMs} ms)`);
  r.results.forEach((h, i) => {
    const when = h.date ? `${h.date}${h.week ? ` ${h.week}` : ''}` : 'undated';
    const tags = h.tags.length > 0 ? `  [${h.tags.join(', ')}]` : '';
    out.push('', `${offset + i + 1}. ${bold(h.title)}  ${dim(`${when}  ${h.path}`)}${tags}`);
    for (const s of h.sections) {
      const label = s.preview ? ' (preview: the title matched)' : s.boilerplate ? ' (repeated in most issues)' : '';
      out.push(`   ${s.headingPath === '' ? '(introduction)' : s.headingPath}${dim(label)}`);
      if (s.snippet !== '') out.push(`     ${highlight(s.snippet, s.ranges, color)}`);
      if (s.repeats) out.push(dim(`     (also in ${s.repeats.length} other week${s.repeats.length === 1 ? '' : 's'}: ${s.repeats.map((x) => x.week ?? x.path).join(', ')})`));
    }
    const more = h.sectionCount - h.sections.length;
    if (more > 0) out.push(dim(`   (+${more} more matching section${more === 1 ? '' : 's'})`));
  });
  if (r.total > 0 && Object.keys(r.facets.tags).length > 0) out.push('', `Tags: ${topEntries(r.facets.tags, 10)}`);
  if (r.total > 0 && Object.keys(r.facets.years).length > 0) out.push(`Years: ${topEntries(r.facets.years, 10)}`);
  return `${out.join('\n')}\n`;
}

function useColor(ctx: CliContext): boolean {
  return ctx.stdout.isTTY === true && (ctx.env.NO_COLOR === undefined || ctx.env.NO_COLOR === '');
}

const run: Command = async (argv: string[], ctx: CliContext) => {
  const { values, positionals } = parseCommandLine('search', argv, OPTIONS, { dashedPositionals: true });
  if (values.help) {
    ctx.stdout.write(SEARCH_HELP);
    return EXIT.ok;
  }
  if (values.vault === undefined) throw new UsageError('search: missing --vault <vault>');
  const query = positionals.join(' ');
  const sort = values.sort ?? 'relevance';
  if (!SORTS.includes(sort as SortOrder)) throw new UsageError(`search: --sort must be relevance, newest or oldest, got ${JSON.stringify(sort)}`);
  const request: SearchRequest = {
    query,
    sort: sort as SortOrder,
    limit: wholeNumber('search', '--limit', values.limit) ?? 20,
    offset: wholeNumber('search', '--offset', values.offset) ?? 0,
  };
  const tags = values.tag ?? [];
  if (tags.length > 0) {
    request.tags = tags;
    request.tagMode = values['all-tags'] ? 'all' : 'any';
  }
  const from = dateOption('--from', values.from);
  const to = dateOption('--to', values.to);
  if (from !== undefined) request.from = from;
  if (to !== undefined) request.to = to;
  if (query.trim() === '' && tags.length === 0 && from === undefined && to === undefined) {
    throw new UsageError('search: missing query (almanac search <query...> --vault <vault>)');
  }
  // The service's own checks, before the index is opened and brought up to date (errors name the option: searchCommand.arguments).
  searchRequest('search: request', request);

  const opened = await openCliVault({ vault: values.vault, db: values.db, progress: !values.json }, ctx);
  try {
    const response = await opened.service.search(request);
    if (values.json) ctx.stdout.write(`${JSON.stringify(searchJson(response), null, 2)}\n`);
    else ctx.stdout.write(formatResults(response, request.offset ?? 0, useColor(ctx)));
    return EXIT.ok;
  } finally {
    await opened.close();
  }
};

export const searchCommand: CommandSpec = {
  run,
  help: SEARCH_HELP,
  arguments: { query: 'the query', limit: '--limit', offset: '--offset', tags: '--tag', from: '--from', to: '--to', sort: '--sort' },
  options: OPTIONS,
};
