/**
 * `almanac export --vault <vault> (--section ID ... | --query Q)`: selected
 * sections as one Markdown or self-contained HTML document, on standard output
 * or into --out FILE (written atomically; an existing file only with --force).
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { writeExportFile, ExportFileExistsError } from '../../core/export/index.js';
import { isInsideRoot } from '../../core/vault/paths.js';
import type { ExportFormat, ExportRequest } from '../../shared/api.js';
import { parseCommandLine } from '../args.js';
import { EXIT, NotFoundError, UsageError, type CliContext, type Command } from '../command.js';
import { openCliVault, resolveVaultFolder } from '../vault.js';

export const EXPORT_HELP = `Usage: almanac export --vault <vault> (--section ID ... | --query Q) [options]

Exports sections of the vault's digests as one document: each section's
original Markdown, headings rebased under one outline (H1 title, H2 per week
or per heading, H3 per section), with a note citing its digest, date, ISO
week and path. Relative links to other vault files are unlinked and show the
vault path instead. HTML is one self-contained, script-free file that prints
well (print it to PDF from a browser). The index is brought up to date first.

Options:
  --vault DIR           the vault folder (required)
  --db FILE             index file (default: a per-user cache folder)
  --section ID          a section id, as printed by 'almanac show --json' or
                        'almanac search --json' (repeatable; order kept with --order given)
  --query Q             export every section the search Q matches
  --format md|html      output format (default: from --out's extension, else md)
  --out FILE            write to FILE instead of standard output
  --force               replace FILE if it exists
  --group-by week|heading
                        one group per digest/week (default) or per section heading
  --order date|given    oldest digest first (default) or the order of --section
  --title TEXT          document title (default "Almanac export")
  --no-source-notes     leave out the source note under each section
  --no-dedupe           keep identical sections found in several digests
  --front-matter        Markdown: start with YAML front matter listing the sources
  -h, --help            show this help
`;

const OPTIONS = {
  vault: { type: 'string' },
  db: { type: 'string' },
  section: { type: 'string', multiple: true },
  query: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  'group-by': { type: 'string' },
  order: { type: 'string' },
  title: { type: 'string' },
  'no-source-notes': { type: 'boolean' },
  'no-dedupe': { type: 'boolean' },
  'front-matter': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`export: ${option} must be ${allowed.join(' or ')}, got ${JSON.stringify(value)}`);
}

function formatFor(format: string | undefined, out: string | undefined): ExportFormat {
  const chosen = oneOf('--format', format, ['md', 'html'] as const);
  if (chosen) return chosen;
  return out !== undefined && /\.html?$/i.test(out) ? 'html' : 'md';
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

/** The absolute --out path after the checks that need no index: folder exists, no file unless --force. */
function checkOut(out: string, force: boolean, ctx: CliContext): string {
  const dest = path.resolve(ctx.cwd, out);
  let folderOk = false;
  try {
    folderOk = statSync(path.dirname(dest)).isDirectory();
  } catch {
    folderOk = false;
  }
  if (!folderOk) throw new NotFoundError(`export: the folder of --out does not exist: ${path.dirname(dest)}`);
  if (exists(dest) && !force) throw new UsageError(`export: refusing to overwrite existing file: ${dest} (add --force to replace it)`);
  return dest;
}

export const exportCommand: Command = async (argv: string[], ctx: CliContext) => {
  const { values, positionals } = parseCommandLine('export', argv, OPTIONS);
  if (values.help) {
    ctx.stdout.write(EXPORT_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`export: unexpected argument ${JSON.stringify(positionals[0])}`);
  if (values.vault === undefined) throw new UsageError('export: missing --vault <vault>');
  const sections = values.section ?? [];
  const query = values.query;
  if (sections.length > 0 && query !== undefined) throw new UsageError('export: give either --section or --query, not both');
  if (sections.length === 0 && query === undefined) throw new UsageError('export: missing --section ID or --query Q');
  if (query !== undefined && query.trim() === '') throw new UsageError('export: --query is empty');

  const format = formatFor(values.format, values.out);
  const request: ExportRequest = {
    sectionIds: sections,
    format,
    groupBy: oneOf('--group-by', values['group-by'], ['week', 'heading'] as const),
    order: oneOf('--order', values.order, ['date', 'given'] as const),
    sourceNotes: !values['no-source-notes'],
    dedupe: !values['no-dedupe'],
    frontMatter: values['front-matter'] ?? false,
  };
  if (values.title !== undefined) request.title = values.title;
  const dest = values.out !== undefined ? checkOut(values.out, values.force ?? false, ctx) : null;
  // Writing into the vault happens only when the user typed such a path: allowed, but said.
  if (dest !== null && isInsideRoot(resolveVaultFolder(values.vault, ctx.cwd), dest)) {
    ctx.stderr.write(`almanac: note: ${dest} is inside the vault; the next index run will include it\n`);
  }

  const opened = await openCliVault({ vault: values.vault, db: values.db, progress: dest !== null }, ctx);
  try {
    if (query !== undefined) {
      const response = await opened.service.search({ query, limit: 0, sort: 'oldest', facets: false, sectionsPerDigest: 0 });
      request.query = query;
      request.sectionIds = response.results.flatMap((d) => d.sections.map((s) => s.id));
      if (request.sectionIds.length === 0) throw new NotFoundError(`export: no sections match the query ${JSON.stringify(query)}`);
    }
    let result;
    try {
      result = await opened.service.exportSections(request);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (/unknown section id/.test(message)) throw new NotFoundError(message);
      if (/section ?id|export request|sectionIds/i.test(message)) throw new UsageError(message);
      throw err;
    }
    if (dest === null) {
      ctx.stdout.write(result.content);
      return EXIT.ok;
    }
    try {
      await writeExportFile(dest, result.content, { overwrite: values.force ?? false });
    } catch (err) {
      if (err instanceof ExportFileExistsError) throw new UsageError(`export: ${err.message} (add --force to replace it)`);
      throw err;
    }
    const count = result.sectionCount ?? request.sectionIds.length;
    ctx.stderr.write(`almanac: exported ${count} section${count === 1 ? '' : 's'} to ${dest}\n`);
    return EXIT.ok;
  } finally {
    await opened.close();
  }
};
