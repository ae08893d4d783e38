/**
 * Every week of the vault as a contribution-style grid: one row per year, one
 * cell per ISO week, shaded by the current query's matches in that week. A cell
 * with a digest opens it; a week that only a section of a longer file carries
 * (a weekly list kept in one README) opens that file at the section.
 */
import { useMemo } from 'react';
import type { TimelineEntry } from '../../../shared/api.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { shadeLevel, timelineGrid } from '../../lib/timeline-grid.js';
import './Timeline.css';

export interface TimelineProps {
  entries: readonly TimelineEntry[];
  weekCounts: Record<string, number>;
  openPath: string | null;
  onOpen: (path: string, sectionId: string | null) => void;
}

export function Timeline({ entries, weekCounts, openPath, onOpen }: TimelineProps) {
  const { t } = useI18n();
  const rows = useMemo(() => timelineGrid(entries), [entries]);
  const max = Math.max(0, ...Object.values(weekCounts));
  if (rows.length === 0) return <p className="muted timeline-empty">{t('timelineEmpty')}</p>;
  return (
    <div className="timeline">
      <p className="muted timeline-intro">{t('timelineIntro')}</p>
      {rows.map((row) => (
        <div className="timeline-row" key={row.year} role="group" aria-label={String(row.year)}>
          <div className="timeline-year" aria-hidden="true">
            {row.year}
          </div>
          <div className="timeline-cells">
            {row.cells.map((cell) => {
              const count = weekCounts[cell.week] ?? 0;
              const level = shadeLevel(count, max);
              const entry = cell.entries[0];
              if (!entry) return <span key={cell.week} className="timeline-cell empty" title={t('timelineNoDigest', { week: cell.week })} />;
              const label = t('timelineCell', { week: cell.week, count });
              const titles = cell.entries.map((e) => (e.heading ? `${e.title} › ${e.heading}` : e.title)).join(' · ');
              return (
                <button
                  key={cell.week}
                  type="button"
                  className={`timeline-cell level-${level}${cell.entries.some((e) => e.path === openPath) ? ' open' : ''}`}
                  aria-label={label}
                  title={`${label}\n${titles}`}
                  onClick={() => onOpen(entry.path, entry.sectionId ?? null)}
                />
              );
            })}
          </div>
        </div>
      ))}
    </div>
  );
}
