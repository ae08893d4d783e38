/**
 * The archive bench's outputs: the before/after table on the terminal, a JSON
 * summary per run (misses counted by cause), and the list of every miss as
 * Markdown so that each can be looked up and fixed.
 */
import { formatTable } from '../table.js';
import type { ArchiveScore, Check, Miss, Ratio } from './compare.js';

/** The target of issue 14: at least this share right on title, date and series order. */
export const TARGET = 0.98;

export interface RunInfo {
  label: string;
  commit: string;
  /** 'list' or 'digest-table': how Almanac's answers were read. */
  via: string;
  measuredAt: string;
}

export interface ArchiveSummary extends Omit<ArchiveScore, 'misses' | 'other'> {
  other: number;
  causes: Record<Check, Record<string, number>>;
}

export interface RunSummary extends RunInfo {
  archives: ArchiveSummary[];
}

export function summarize(info: RunInfo, scores: readonly ArchiveScore[]): RunSummary {
  return {
    ...info,
    archives: scores.map(({ misses, other, ...rest }) => ({ ...rest, other: other.length, causes: causeCounts(misses) })),
  };
}

function causeCounts(misses: readonly Miss[]): Record<Check, Record<string, number>> {
  const causes: Record<Check, Record<string, number>> = { title: {}, date: {}, series: {} };
  for (const m of misses) causes[m.check][m.cause] = (causes[m.check][m.cause] ?? 0) + 1;
  return causes;
}

const share = (r: Ratio): number => (r.total === 0 ? 1 : r.right / r.total);
export const percent = (r: Ratio | undefined): string => (r === undefined ? '-' : r.total === 0 ? 'n/a' : `${(share(r) * 100).toFixed(1)}%`);

/** True when the archive meets the target on every check and drops no metadata silently. */
export function meetsTarget(a: ArchiveSummary): boolean {
  return [a.title, a.date, a.series].every((r) => share(r) >= TARGET) && a.silent === 0;
}

/** One row per archive: counts, then each check as "before -> after". */
export function formatComparison(after: RunSummary, before: RunSummary | null): string {
  const beforeOf = (name: string): ArchiveSummary | undefined => before?.archives.find((a) => a.archive === name);
  const pair = (b: Ratio | undefined, a: Ratio): string => (before ? `${percent(b)} → ${percent(a)}` : percent(a));
  const rows = after.archives.map((a) => {
    const b = beforeOf(a.archive);
    return [
      a.archive,
      String(a.files),
      String(a.issues),
      String(a.pages),
      before ? `${b?.digests ?? '-'} → ${a.digests}` : String(a.digests),
      pair(b?.title, a.title),
      pair(b?.date, a.date),
      pair(b?.series, a.series),
      before ? `${b?.silent ?? '-'} → ${a.silent}` : String(a.silent),
      meetsTarget(a) ? 'met' : 'not met',
    ];
  });
  const header = ['archive', 'files', 'issues', 'pages', 'digests', 'title', 'date', 'series order', 'silent', 'target'];
  const met = after.archives.filter(meetsTarget).length;
  const precision = after.archives.some((a) => a.precisionChecked) ? 'dates checked with their precision' : 'precision not reported (digest table): dates checked by day';
  return [
    formatTable(header, rows),
    '',
    `target ≥ ${TARGET * 100}% right on title, date and series order, no silent metadata loss: met on ${met} of ${after.archives.length}`,
    `${before ? `before: ${before.label} @ ${before.commit} (${before.via}); ` : ''}after: ${after.label} @ ${after.commit} (${after.via}); ${precision}`,
  ].join('\n');
}

/** The main causes of misses per archive, most frequent first. */
export function formatCauses(summary: RunSummary, limit = 3): string {
  const lines: string[] = [];
  for (const a of summary.archives) {
    const top = (['title', 'date', 'series'] as const)
      .flatMap((check) => Object.entries(a.causes[check]).map(([cause, n]) => ({ check, cause, n })))
      .sort((x, y) => y.n - x.n)
      .slice(0, limit);
    if (top.length > 0) lines.push(`${a.archive}: ${top.map((t) => `${t.check} ${t.n}× ${t.cause}`).join('; ')}`);
  }
  return lines.join('\n');
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Every miss of the run, per archive and check, as Markdown tables. */
export function formatMissList(info: RunInfo, scores: readonly ArchiveScore[]): string {
  const out = [
    `# Archive bench: every miss (${info.label} @ ${info.commit}, ${info.via})`,
    '',
    'Written by `npm run bench:archives` (bench/archives/). Expected = what the archive states (docs/ARCHIVES.md says from where); got = what Almanac understood.',
  ];
  for (const s of scores) {
    out.push('', `## ${s.archive}`, '', `${s.misses.length} misses. Not measured: ${s.other.length === 0 ? 'none' : s.other.map((o) => `\`${o.path}\` (${o.note})`).join(', ')}.`);
    for (const check of ['title', 'date', 'series'] as const) {
      const misses = s.misses.filter((m) => m.check === check);
      for (const cause of new Set(misses.map((m) => m.cause))) {
        const rows = misses.filter((m) => m.cause === cause);
        out.push('', `### ${check}: ${cause} (${rows.length})`, '', '| path | expected | got |', '|---|---|---|');
        out.push(...rows.map((m) => `| ${cell(m.path)} | ${cell(m.expected)} | ${cell(m.got)} |`));
      }
    }
  }
  return `${out.join('\n')}\n`;
}
