/**
 * Operator tokens found in the query text (tag:ai, after:2026-01, -tag:"x y")
 * shown as removable chips. Only recognised operators become chips; removing
 * one cuts exactly its characters out of the query.
 */

export const CHIP_OPERATORS = ['tag', 'after', 'before', 'date', 'week', 'title', 'heading', 'in', 'mention', 'site', 'link'] as const;
export type ChipOperator = (typeof CHIP_OPERATORS)[number];

export interface QueryChip {
  operator: ChipOperator;
  negated: boolean;
  value: string;
  /** The token's [start, end) in the query. */
  start: number;
  end: number;
}

const TOKEN_RE = /(^|\s)(-?)([a-z]+):("[^"]*"?|\S+)/gi;

export function queryChips(query: string): QueryChip[] {
  const out: QueryChip[] = [];
  for (const m of query.matchAll(TOKEN_RE)) {
    const op = m[3]!.toLowerCase();
    if (!(CHIP_OPERATORS as readonly string[]).includes(op)) continue;
    const start = m.index + m[1]!.length;
    const raw = m[4]!;
    out.push({
      operator: op as ChipOperator,
      negated: m[2] === '-',
      value: raw.replace(/^"|"$/g, ''),
      start,
      end: m.index + m[0].length,
    });
  }
  return out;
}

export function removeChip(query: string, chip: Pick<QueryChip, 'start' | 'end'>): string {
  return `${query.slice(0, chip.start)} ${query.slice(chip.end)}`.replace(/\s{2,}/g, ' ').trim();
}

export function chipLabel(chip: QueryChip): string {
  return `${chip.negated ? '-' : ''}${chip.operator}:${chip.value}`;
}
