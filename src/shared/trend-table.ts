/**
 * A trend's numbers as a table: the CSV the CLI prints (`almanac trends
 * --csv`) and the desk exports are this one text. A row per period: its key,
 * first and last day, what it holds in all, then each query's count, and each
 * query's share of the period when the trend is normalised.
 */
import type { TrendsResponse } from './research.js';

/** A CSV field: quoted when it holds a comma, quote or line break; a text a spreadsheet would run as a formula ('=', '+', '-', '@' first) is prefixed with "'". */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A share rounded to 6 decimals (enough for a chart, short in a file). */
export function roundShare(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The header and rows of a trend (see the module comment). */
export function trendRows(r: TrendsResponse): (string | number)[][] {
  const unit = r.unit === 'digests' ? 'digests' : 'sections';
  const header: (string | number)[] = ['period', 'from', 'to', `total ${unit}`, ...r.series.map((s) => s.query)];
  if (r.normalise) header.push(...r.series.map((s) => `${s.query} (share)`));
  const rows = r.periods.map((p, k) => {
    const row: (string | number)[] = [p.key, p.from, p.to, p.total, ...r.series.map((s) => s.counts[k] ?? 0)];
    if (r.normalise) row.push(...r.series.map((s) => roundShare(s.values[k] ?? 0)));
    return row;
  });
  return [header, ...rows];
}

/** The trend as CSV (RFC 4180, CRLF line ends). */
export function trendCsv(r: TrendsResponse): string {
  return `${trendRows(r)
    .map((row) => row.map(csvField).join(','))
    .join('\r\n')}\r\n`;
}
