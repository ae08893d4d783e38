/**
 * Matches per week (or month, or year for long spans) as SVG bars. Clicking a
 * bar, or dragging across bars, sets the date range; each bar is also a
 * keyboard button with an accessible name ("2026-W06: 3 matches").
 */
import { useId, useMemo, useRef, useState } from 'react';
import type { Facets } from '../../../shared/api.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { histogramBuckets, rangeOfBuckets, type DateFilter } from '../../lib/date-ranges.js';

export interface HistogramProps {
  facets: Facets | null;
  range: DateFilter;
  onChange: (range: DateFilter) => void;
}

const HEIGHT = 64;
const BAR = 10;
/** A few bars do not stretch across the whole panel: at least this many slots, the bars centred. */
const MIN_SLOTS = 16;

export function Histogram({ facets, range, onChange }: HistogramProps) {
  const { t } = useI18n();
  const headingId = useId();
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ start: number; end: number } | null>(null);
  const { buckets } = useMemo(
    () => (facets ? histogramBuckets(facets.weeks, facets.months, facets.years) : { buckets: [] }),
    [facets],
  );
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const n = buckets.length;
  const slots = Math.max(n, MIN_SLOTS);
  const offset = ((slots - n) * BAR) / 2;

  const indexAt = (clientX: number): number => {
    const box = svgRef.current?.getBoundingClientRect();
    if (!box || box.width === 0) return 0;
    const x = ((clientX - box.left) / box.width) * slots * BAR - offset;
    return Math.max(0, Math.min(n - 1, Math.floor(x / BAR)));
  };

  const inRange = (i: number): boolean => {
    if (drag) return i >= Math.min(drag.start, drag.end) && i <= Math.max(drag.start, drag.end);
    const b = buckets[i];
    if (!b || (!range.from && !range.to)) return false;
    return (!range.from || b.to >= range.from) && (!range.to || b.from <= range.to);
  };

  return (
    <section className="filter-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="filter-heading">
        {t('histogram')}
      </h2>
      {n === 0 ? (
        <p className="muted filter-empty">{t('histogramEmpty')}</p>
      ) : (
        <>
          <svg
            ref={svgRef}
            className="histogram"
            viewBox={`0 0 ${slots * BAR} ${HEIGHT}`}
            preserveAspectRatio="none"
            role="group"
            aria-labelledby={headingId}
            onPointerDown={(e) => {
              if (e.button !== 0) return;
              const i = indexAt(e.clientX);
              e.currentTarget.setPointerCapture(e.pointerId);
              setDrag({ start: i, end: i });
            }}
            onPointerMove={(e) => {
              if (drag) setDrag({ ...drag, end: indexAt(e.clientX) });
            }}
            onPointerUp={(e) => {
              if (!drag) return;
              const r = rangeOfBuckets(buckets, drag.start, indexAt(e.clientX));
              setDrag(null);
              if (r) onChange(r);
            }}
            onPointerCancel={() => setDrag(null)}
          >
            {buckets.map((b, i) => {
              const h = b.count === 0 ? 0 : Math.max(3, (b.count / max) * (HEIGHT - 4));
              const label = t('histogramBar', { period: b.key, count: b.count });
              return (
                <g
                  key={b.key}
                  role="button"
                  tabIndex={0}
                  aria-label={label}
                  aria-pressed={inRange(i)}
                  className={`histogram-bar${inRange(i) ? ' selected' : ''}`}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      onChange({ from: b.from, to: b.to });
                    }
                  }}
                >
                  <title>{label}</title>
                  <rect x={offset + i * BAR} y={0} width={BAR} height={HEIGHT} className="histogram-hit" />
                  <rect x={offset + i * BAR + 1} y={HEIGHT - h} width={BAR - 2} height={h} className="histogram-fill" />
                </g>
              );
            })}
          </svg>
          <div className={`histogram-axis${offset > 0 ? ' centred' : ''}`} aria-hidden="true">
            <span>{buckets[0]!.key}</span>
            {n > 1 && <span>{buckets[n - 1]!.key}</span>}
          </div>
          <p className="histogram-hint muted">{t('histogramHint')}</p>
        </>
      )}
    </section>
  );
}
