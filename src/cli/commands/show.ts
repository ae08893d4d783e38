/** `almanac show <path> --vault <vault>`: one digest with its place in its series, links and backlinks. */
import type { Digest, DigestListEntry, DigestRef } from '../../shared/api.js';
import { isAlmanacError } from '../../shared/errors.js';
import { onePositional, parseCommandLine } from '../args.js';
import { EXIT, NotFoundError, UsageError, type CliContext, type Command, type CommandSpec } from '../command.js';
import { openCliVault, VAULT_DB_OPTIONS } from '../vault.js';

export const SHOW_HELP = `Usage: almanac show <path> --vault <vault> [options]

Shows one digest: title, date and ISO week, tags, sections, its place in its
series and the previous and next digest there (the series almanac list shows),
its links and the digests linking to it. <path> is relative to the vault
("weekly/2026-02-06.md"; the extension may be left out). The index is brought
up to date first.

Options:
  --vault DIR   the vault folder (required)
  --db FILE     index file (default: a per-user cache folder)
  --json        print the digest as JSON on stdout
  -h, --help    show this help
`;

const OPTIONS = {
  ...VAULT_DB_OPTIONS,
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The digest exactly as `--json` prints it. */
export function showJson(d: Digest): unknown {
  return {
    path: d.path,
    title: d.title,
    date: d.date,
    week: d.week,
    tags: d.tags,
    description: d.description,
    sections: d.sections.map((s) => ({ id: s.id, heading: s.heading, level: s.level, headingPath: s.headingPath })),
    prev: d.prev,
    next: d.next,
    links: d.links.map((l) => ({ href: l.href, text: l.text, target: l.target, external: l.external })),
    backlinks: d.backlinks,
  };
}

function ref(r: DigestRef): string {
  return `${r.title} (${r.date ?? 'undated'}) — ${r.path}`;
}

/** "3 of 10 in weekly/#" (the series as almanac list names it), counted along the series' neighbours. */
function seriesPosition(d: Digest, list: readonly DigestListEntry[]): string {
  if (!d.series) return 'in no series';
  const members = new Map(list.filter((e) => e.series === d.series).map((e) => [e.path, e]));
  let place = 1;
  for (let e = members.get(d.path); e?.prev && place <= members.size; e = members.get(e.prev)) place++;
  return `${place} of ${members.size} in ${d.series}`;
}

export function formatDigestCard(d: Digest, list: readonly DigestListEntry[]): string {
  const out: string[] = [d.title, '='.repeat(Math.min(60, Math.max(8, d.title.length * 2)))];
  out.push(`Path:    ${d.path}`);
  out.push(`Date:    ${d.date ?? 'undated'}${d.week ? `  (${d.week})` : ''}`);
  if (d.tags.length > 0) out.push(`Tags:    ${d.tags.join(', ')}`);
  if (d.description) out.push(`About:   ${d.description}`);
  out.push(`Series:  ${seriesPosition(d, list)}`);
  out.push(`  ← prev: ${d.prev ? ref(d.prev) : '—'}`);
  out.push(`  → next: ${d.next ? ref(d.next) : '—'}`);
  out.push('', `Sections (${d.sections.length}):`);
  for (const s of d.sections) {
    const indent = '  '.repeat(Math.max(1, s.level));
    out.push(`${indent}${s.heading === '' ? '(introduction)' : s.heading}  [${s.id}]`);
  }
  const internal = d.links.filter((l) => !l.external);
  const external = d.links.length - internal.length;
  out.push('', `Links: ${d.links.length} (${external} external)`);
  for (const l of internal) {
    const where = l.target ?? (l.broken ? 'not found in the vault' : 'not a digest');
    out.push(`  ${l.text || l.href} -> ${where}`);
  }
  out.push('', `Backlinks (${d.backlinks.length}):`);
  for (const b of d.backlinks) out.push(`  ${ref(b)}`);
  if (d.warnings.length > 0) {
    out.push('', 'Warnings:');
    for (const w of d.warnings) out.push(`  ${w}`);
  }
  return `${out.join('\n')}\n`;
}

const run: Command = async (argv: string[], ctx: CliContext) => {
  const { values, positionals } = parseCommandLine('show', argv, OPTIONS);
  if (values.help) {
    ctx.stdout.write(SHOW_HELP);
    return EXIT.ok;
  }
  const digestPath = onePositional('show', positionals, 'the digest path (almanac show <path> --vault <vault>)');
  if (values.vault === undefined) throw new UsageError('show: missing --vault <vault>');
  const opened = await openCliVault({ vault: values.vault, db: values.db, progress: !values.json }, ctx);
  try {
    let digest: Digest;
    try {
      digest = await opened.service.getDigest(digestPath);
    } catch (err) {
      if (isAlmanacError(err, 'not-found')) throw new NotFoundError(`${err.message} (in ${opened.vaultPath})`);
      throw err;
    }
    if (values.json) ctx.stdout.write(`${JSON.stringify(showJson(digest), null, 2)}\n`);
    else ctx.stdout.write(formatDigestCard(digest, await opened.service.listDigests()));
    return EXIT.ok;
  } finally {
    await opened.close();
  }
};

export const showCommand: CommandSpec = { run, help: SHOW_HELP, arguments: { path: 'the digest path' }, options: OPTIONS };
