/**
 * Export's fold of repeated items (ExportOptions.foldRepeats, issue 21): of
 * sections listing the same item in several weeks (one repeat cluster), the
 * earliest week's stays, whatever the selection order, and names the weeks
 * of the others; without the option every section is exported.
 */
import { describe, expect, it } from 'vitest';
import { buildMarkdownExport, type ExportPart } from '../../src/core/export/index.js';
import { planExport } from '../../src/core/export/plan.js';

function event(week: number, group: number | null, text = 'WebAssembly 与 Rust 线下交流会，欢迎报名参加'): ExportPart {
  const date = `2024-03-${String(week).padStart(2, '0')}`;
  return {
    sectionId: `s${week}`,
    digestPath: `weekly/issue-${week}.md`,
    digestTitle: `第 ${week} 期`,
    date,
    week: `2024-W${String(9 + week).padStart(2, '0')}`,
    heading: '活动',
    headingPath: ['活动'],
    level: 2,
    ordinal: 2,
    markdown: `## 活动\n\n- ${date} | 上海 | ${text}\n`,
    repeatGroup: group,
  };
}

describe('export foldRepeats', () => {
  const parts = [event(12, 7), event(5, 7), event(19, 7), event(8, null, '另一场活动：数据库读书会')];

  it('keeps the earliest section of each repeated item and lists the others under it, in any order', () => {
    for (const order of ['date', 'given'] as const) {
      const plan = planExport(parts, { foldRepeats: true, order });
      const shown = plan.groups.flatMap((g) => g.parts);
      expect(shown.map((p) => p.part.sectionId).sort(), order).toEqual(['s5', 's8']);
      const kept = shown.find((p) => p.part.sectionId === 's5')!;
      expect(kept.repeats.map((p) => p.sectionId), order).toEqual(['s12', 's19']);
      expect(plan.partCount).toBe(2);
    }
  });

  it('names the other weeks in the document', () => {
    const md = buildMarkdownExport(parts, { foldRepeats: true });
    expect(md).toContain('Same item also in: 第 12 期');
    expect(md).toContain('第 19 期');
    expect(md.match(/WebAssembly/g)).toHaveLength(1);
  });

  it('exports every section without the option (the default)', () => {
    const plan = planExport(parts, {});
    expect(plan.groups.flatMap((g) => g.parts).map((p) => p.part.sectionId)).toEqual(['s5', 's8', 's12', 's19']);
    expect(plan.groups.flatMap((g) => g.parts).every((p) => p.repeats.length === 0)).toBe(true);
  });
});
