/**
 * The trend as a line chart in plain SVG (geometry: chart-layout.ts): a line
 * per query, a point per period. Hovering shows the period and every query's
 * value there; the points are one roving tab stop (← → move between
 * periods, ↑ ↓ between queries, Home/End to the ends), each with an
 * accessible name, and a click or Enter on a point asks to search that
 * query in that period.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { TrendsResponse } from '../../../shared/research.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { chartLayout, periodAt } from './chart-layout.js';

/** Drawn at the width the chart has on screen (text stays at its CSS size), at least this wide. */
const MIN_WIDTH = 360;
const HEIGHT = 300;

/** The width of an element, followed as it changes. */
function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

export interface TrendChartProps {
  response: TrendsResponse;
  theme: 'light' | 'dark';
  /** A value as the chart shows it (a count, or a share as a percentage). */
  formatValue: (value: number) => string;
  formatCount: (count: number) => string;
  queryLabel: (query: string) => string;
  onSelect: (series: number, period: number) => void;
}

interface Spot {
  series: number;
  period: number;
}

export function TrendChart({ response, theme, formatValue, formatCount, queryLabel, onSelect }: TrendChartProps) {
  const { t } = useI18n();
  const tooltipId = useId();
  const svgRef = useRef<SVGSVGElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const width = Math.max(MIN_WIDTH, useWidth(boxRef));
  const layout = useMemo(() => chartLayout(response, { width, height: HEIGHT, theme, formatValue }), [response, width, theme, formatValue]);
  const [hover, setHover] = useState<number | null>(null);
  const [active, setActive] = useState<Spot>({ series: 0, period: Math.max(0, response.periods.length - 1) });
  const [focused, setFocused] = useState(false);
  const n = response.periods.length;
  const lines = layout.lines.length;
  const spot: Spot = { series: Math.min(active.series, Math.max(0, lines - 1)), period: Math.min(active.period, Math.max(0, n - 1)) };
  const shown = hover ?? (focused ? spot.period : null);

  useEffect(() => {
    if (!focused) return;
    svgRef.current?.querySelector<SVGElement>(`[data-spot="${spot.series}-${spot.period}"]`)?.focus();
  }, [focused, spot.series, spot.period]);

  const toViewBox = (e: { clientX: number; clientY: number; currentTarget: Element }): { x: number; y: number } => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - box.left) / Math.max(1, box.width)) * width, y: ((e.clientY - box.top) / Math.max(1, box.height)) * HEIGHT };
  };
  const nearestSeries = (period: number, y: number): number => {
    let best = 0;
    layout.lines.forEach((line, i) => {
      if (Math.abs(line.points[period]!.y - y) < Math.abs(layout.lines[best]!.points[period]!.y - y)) best = i;
    });
    return best;
  };
  const onKeyDown = (e: KeyboardEvent<SVGElement>): void => {
    const moves: Record<string, Spot> = {
      ArrowLeft: { ...spot, period: Math.max(0, spot.period - 1) },
      ArrowRight: { ...spot, period: Math.min(n - 1, spot.period + 1) },
      ArrowUp: { ...spot, series: Math.max(0, spot.series - 1) },
      ArrowDown: { ...spot, series: Math.min(lines - 1, spot.series + 1) },
      Home: { ...spot, period: 0 },
      End: { ...spot, period: n - 1 },
    };
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(spot.series, spot.period);
    } else if (moves[e.key]) {
      e.preventDefault();
      setHover(null);
      setActive(moves[e.key]!);
    }
  };

  const period = shown === null ? null : response.periods[shown];
  const tooltipLeft = shown === null ? 0 : (layout.xs[shown]! / width) * 100;
  return (
    <div className="trend-chart" ref={boxRef}>
      <svg
        ref={svgRef}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        role="group"
        aria-label={t('trendChart')}
        aria-describedby={shown === null ? undefined : tooltipId}
        onPointerMove={(e) => setHover(periodAt(layout, toViewBox(e).x))}
        onPointerLeave={() => setHover(null)}
        onClick={(e) => {
          const { x, y } = toViewBox(e);
          const k = periodAt(layout, x);
          if (k >= 0 && lines > 0) onSelect(nearestSeries(k, y), k);
        }}
      >
        {layout.yTicks.map((tick) => (
          <g key={tick.label} className="trend-grid" aria-hidden="true">
            <line x1={layout.plot.left} x2={layout.plot.right} y1={tick.y} y2={tick.y} />
            <text x={layout.plot.left - 6} y={tick.y + 4} textAnchor="end">
              {tick.label}
            </text>
          </g>
        ))}
        {layout.xLabels.map((label) => (
          <text key={label.label} className="trend-axis" x={label.x} y={layout.plot.bottom + 18} textAnchor="middle" aria-hidden="true">
            {label.label}
          </text>
        ))}
        {shown !== null && <line className="trend-cursor" x1={layout.xs[shown]} x2={layout.xs[shown]} y1={layout.plot.top} y2={layout.plot.bottom} aria-hidden="true" />}
        {layout.lines.map((line) => (
          <g key={line.series} className="trend-line" style={{ color: line.colour }}>
            <path d={line.path} aria-hidden="true" />
            {line.points.map((p) => {
              const isActive = spot.series === line.series && spot.period === p.k;
              const query = queryLabel(response.series[line.series]!.query);
              const value = response.normalise ? `${formatValue(p.value)} (${formatCount(p.count)})` : formatCount(p.count);
              return (
                <circle
                  key={p.k}
                  data-spot={`${line.series}-${p.k}`}
                  className={`trend-point${shown === p.k ? ' shown' : ''}`}
                  cx={p.x}
                  cy={p.y}
                  r={shown === p.k ? 5 : 3}
                  role="button"
                  tabIndex={isActive ? 0 : -1}
                  aria-label={t('trendPoint', { query, period: response.periods[p.k]!.key, value })}
                  onFocus={() => {
                    setFocused(true);
                    setActive({ series: line.series, period: p.k });
                  }}
                  onBlur={() => setFocused(false)}
                  onKeyDown={onKeyDown}
                  onClick={(e) => {
                    e.stopPropagation();
                    onSelect(line.series, p.k);
                  }}
                />
              );
            })}
          </g>
        ))}
      </svg>
      {period && (
        <div id={tooltipId} role="tooltip" className="trend-tooltip" style={{ left: `${tooltipLeft}%` }}>
          <div className="trend-tooltip-period">
            {period.key} · {t('trendPeriodTotal', { n: formatCount(period.total) })}
          </div>
          {response.series.map((s, i) => (
            <div key={i} className="trend-tooltip-row">
              <span className="trend-swatch" style={{ background: layout.lines[i]!.colour }} aria-hidden="true" />
              <span className="trend-tooltip-query">{queryLabel(s.query)}</span>
              <span className="trend-tooltip-value">
                {response.normalise ? `${formatValue(s.values[shown!] ?? 0)} (${formatCount(s.counts[shown!] ?? 0)})` : formatCount(s.counts[shown!] ?? 0)}
              </span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
