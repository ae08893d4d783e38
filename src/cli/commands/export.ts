/**
 * `almanac export --vault <vault> (--section ID ... | --query Q)`: selected
 * sections as one Markdown or self-contained HTML document, on standard output
 * or into --out FILE (written atomically; an existing file only with --force;
 * never inside the vault, never a folder, never a PDF: that needs the desktop
 * app's printing). Every check that needs no index runs before the index is
 * opened and brought up to date.
 */
import { statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { writeExportFile, ExportFileExistsError } from '../../core/export/index.js';
import { isInsideVault } from '../../core/paths/index-location.js';
import type { ExportFormat, ExportRequest } from '../../shared/api.js';
import { exportRequest, searchRequest } from '../../shared/validate.js';
import { parseCommandLine, type ParsedCommandLine } from '../args.js';
import { EXIT, NotFoundError, UsageError, type CliContext, type Command, type CommandSpec } from '../command.js';
import { openCliVault, resolveVaultFolder, VAULT_DB_OPTIONS, type CliVault } from '../vault.js';

export const EXPORT_HELP = `Usage: almanac export --vault <vault> (--section ID ... | --query Q) [options]

Exports sections of the vault's digests as one document: each section's
original Markdown, headings rebased under one outline (H1 title, H2 per week
or per heading, H3 per section), with a note citing its digest, date, ISO
week and path. The index is brought up to date first.

Options:
  --vault DIR           the vault folder (required)
  --db FILE             index file (default: a per-user cache folder)
  --section ID          a section id, as printed by 'almanac show --json' or
                        'almanac search --json' (repeatable; order kept with --order given)
  --query Q             export every section the search Q matches
  --format md|html      output format (default: from --out's extension
                        .md/.markdown or .html/.htm, else md)
  --out FILE            write to FILE instead of standard output (outside the
                        vault; a new file, or an existing one with --force)
  --force               replace FILE if it exists
  --group-by week|heading
                        one group per digest/week (default) or per section heading
  --order date|given    oldest digest first (default) or the order of --section
  --title TEXT          document title (default "Almanac export")
  --no-source-notes     leave out the source note under each section
  --no-dedupe           keep identical sections found in several digests
  --fold-repeats        keep only the earliest of sections listing the same
                        item in several weeks of a series (the others named)
  --front-matter        Markdown: start with YAML front matter listing the sources
  -h, --help            show this help

Relative links to other vault files are unlinked and show the vault path
instead. HTML is one self-contained, script-free file that prints well: print
it to PDF from a browser (PDF export itself needs the desktop app). A --query
with nothing searchable in it (only punctuation, or operators without words)
is refused rather than exporting everything.
`;

const OPTIONS = {
  ...VAULT_DB_OPTIONS,
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
  'fold-repeats': { type: 'boolean' },
  'front-matter': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`export: ${option} must be ${allowed.join(' or ')}, got ${JSON.stringify(value)}`);
}

const PDF_NEEDS_APP =
  'PDF export needs the desktop app (or write --format html and print it to PDF from a browser)';

/** The format --out's extension names, null when it names none. */
function formatOfFile(out: string): ExportFormat | 'pdf' | null {
  const ext = path.extname(out).toLowerCase();
  if (ext === '.md' || ext === '.markdown') return 'md';
  if (ext === '.html' || ext === '.htm') return 'html';
  return ext === '.pdf' ? 'pdf' : null;
}

/** --format, else the format of --out's extension, else md; a PDF or a format contradicting the extension is a usage error. */
function formatFor(format: string | undefined, out: string | undefined): ExportFormat {
  if (format === 'pdf') throw new UsageError(`export: ${PDF_NEEDS_APP}`);
  const chosen = oneOf('--format', format, ['md', 'html'] as const);
  const ofFile = out === undefined ? null : formatOfFile(out);
  if (ofFile === 'pdf') throw new UsageError(`export: --out ${JSON.stringify(out)}: ${PDF_NEEDS_APP}`);
  if (chosen !== undefined && ofFile !== null && chosen !== ofFile) {
    throw new UsageError(`export: --format ${chosen} does not match --out ${JSON.stringify(out)} (a .${ofFile} file)`);
  }
  return chosen ?? ofFile ?? 'md';
}

function statOrNull(p: string): Stats | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

/**
 * The absolute --out path after the checks that need no index: outside the
 * vault (read-only to Almanac), a file name (not a folder), its folder
 * exists, no existing file unless --force.
 */
function checkOut(out: string, force: boolean, vaultPath: string, ctx: CliContext): string {
  const dest = path.resolve(ctx.cwd, out);
  if (isInsideVault(dest, vaultPath)) {
    throw new UsageError(`export: --out ${dest} is inside the vault ${vaultPath}; Almanac never writes into a vault: choose a file outside it`);
  }
  const existing = statOrNull(dest);
  if (existing?.isDirectory()) throw new UsageError(`export: --out ${dest} is a folder; give the name of the file to write`);
  if (!statOrNull(path.dirname(dest))?.isDirectory()) throw new NotFoundError(`export: the folder of --out does not exist: ${path.dirname(dest)}`);
  if (existing && !force) throw new UsageError(`export: refusing to overwrite existing file: ${dest} (add --force to replace it)`);
  return dest;
}

/** The request from the command line, checked as the service checks it (errors name the options: exportCommand.arguments). */
function requestFrom(values: ExportValues, sections: string[], out: string | undefined): ExportRequest {
  const request: ExportRequest = {
    sectionIds: sections,
    format: formatFor(values.format, out),
    groupBy: oneOf('--group-by', values['group-by'], ['week', 'heading'] as const),
    order: oneOf('--order', values.order, ['date', 'given'] as const),
    sourceNotes: !values['no-source-notes'],
    dedupe: !values['no-dedupe'],
    foldRepeats: values['fold-repeats'] ?? false,
    frontMatter: values['front-matter'] ?? false,
  };
  if (values.title !== undefined) request.title = values.title;
  if (values.query !== undefined) {
    request.query = values.query;
    searchRequest('export: request', { query: values.query });
  }
  return exportRequest('export: request', request);
}

/** The sections --query matches; refuses a query the search says holds nothing to search (by the notice's code). */
async function sectionsOfQuery(vault: CliVault, query: string): Promise<string[]> {
  const response = await vault.service.search({ query, limit: 0, sort: 'oldest', facets: false, sectionsPerDigest: 0 });
  if (response.notices.some((n) => n.code === 'nothing-to-search')) {
    throw new UsageError(`export: --query ${JSON.stringify(query)} holds nothing to search (only punctuation, or operators without words); it would export nothing`);
  }
  // Every matching section: not a title-only hit's preview, and the items folded into a hit from other weeks too (--fold-repeats decides).
  const ids = response.results.flatMap((d) => d.sections.filter((s) => !s.preview).flatMap((s) => [s.id, ...(s.repeats ?? []).map((r) => r.sectionId)]));
  if (ids.length === 0) throw new NotFoundError(`export: no sections match the query ${JSON.stringify(query)}`);
  return ids;
}

async function writeOut(dest: string, content: string, force: boolean): Promise<void> {
  try {
    await writeExportFile(dest, content, { overwrite: force });
  } catch (err) {
    if (err instanceof ExportFileExistsError) throw new UsageError(`export: ${err.message} (add --force to replace it)`);
    throw err;
  }
}

type ExportValues = ParsedCommandLine<typeof OPTIONS>['values'];

const run: Command = async (argv: string[], ctx: CliContext) => {
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

  const force = values.force ?? false;
  const dest = values.out !== undefined ? checkOut(values.out, force, resolveVaultFolder(values.vault, ctx.cwd), ctx) : null;
  const request = requestFrom(values, sections, values.out);
  const opened = await openCliVault({ vault: values.vault, db: values.db, progress: dest !== null }, ctx);
  try {
    if (query !== undefined) request.sectionIds = await sectionsOfQuery(opened, query);
    const result = await opened.service.exportSections(request);
    if (dest === null) {
      ctx.stdout.write(result.content);
      return EXIT.ok;
    }
    await writeOut(dest, result.content, force);
    const count = result.sectionCount ?? request.sectionIds.length;
    ctx.stderr.write(`almanac: exported ${count} section${count === 1 ? '' : 's'} to ${dest}\n`);
    return EXIT.ok;
  } finally {
    await opened.close();
  }
};

export const exportCommand: CommandSpec = {
  run,
  help: EXPORT_HELP,
  arguments: { sectionIds: '--section', query: '--query', title: '--title', format: '--format', groupBy: '--group-by', order: '--order' },
  options: OPTIONS,
};
