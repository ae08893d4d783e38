/**
 * The trend chart's geometry, shared by the chart on screen (TrendChart.tsx)
 * and the SVG file it exports (trend-svg.ts), so both draw the same picture:
 * scales, "nice" value ticks, period labels that do not crowd, a polyline
 * per query and its points. Pure: numbers in, coordinates out.
 */
import type { TrendsResponse } from '../../../shared/research.js';

/** Okabe–Ito colours (told apart with the common colour-vision deficiencies), one per query, for each theme. */
export const TREND_COLOURS: Record<'light' | 'dark', readonly string[]> = {
  light: ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#b07800', '#3d8fc4'],
  dark: ['#56b4e9', '#ff8c4a', '#2fc59a', '#e8a1cf', '#f0c040', '#a6d8f7'],
};

export interface ChartPoint {
  /** Index of the period. */
  k: number;
  x: number;
  y: number;
  value: number;
  count: number;
}

export interface ChartLine {
  series: number;
  colour: string;
  /** SVG path data through the points. */
  path: string;
  points: ChartPoint[];
}

export interface ChartLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  yTicks: { y: number; label: string }[];
  xLabels: { x: number; label: string }[];
  lines: ChartLine[];
  /** The x of each period's centre. */
  xs: number[];
}

export interface LayoutOptions {
  width: number;
  height: number;
  theme: 'light' | 'dark';
  /** A value as the axis shows it (a count, or a share as a percentage). */
  formatValue: (value: number) => string;
}

const MARGIN = { left: 56, right: 16, top: 12, bottom: 34 };
const Y_TICKS = 5;
/** Period labels are at least this many pixels apart. */
const LABEL_SPACING = 72;

/** A round step so that about `ticks` steps cover `max` (1, 2 or 5 times a power of ten). */
export function niceStep(max: number, ticks: number): number {
  if (!(max > 0)) return 1;
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

/** Positions and paths of the chart of `r` in a box of the given size. */
export function chartLayout(r: TrendsResponse, o: LayoutOptions): ChartLayout {
  const plot = { left: MARGIN.left, top: MARGIN.top, right: o.width - MARGIN.right, bottom: o.height - MARGIN.bottom };
  const n = r.periods.length;
  const max = Math.max(0, ...r.series.flatMap((s) => s.values));
  const step = r.normalise ? niceStep(max || 0.01, Y_TICKS) : Math.max(1, Math.ceil(niceStep(max || 1, Y_TICKS)));
  const top = Math.max(step, Math.ceil(max / step) * step);
  const slot = n === 0 ? 0 : (plot.right - plot.left) / n;
  const xs = r.periods.map((_, k) => plot.left + slot * (k + 0.5));
  const y = (v: number): number => plot.bottom - (v / top) * (plot.bottom - plot.top);
  const yTicks: ChartLayout['yTicks'] = [];
  for (let v = 0; v <= top + step / 2; v += step) yTicks.push({ y: y(v), label: o.formatValue(v) });
  const every = Math.max(1, Math.ceil(LABEL_SPACING / Math.max(slot, 1)));
  const xLabels = r.periods.flatMap((p, k) => (k % every === 0 ? [{ x: xs[k]!, label: p.key }] : []));
  const colours = TREND_COLOURS[o.theme];
  const lines = r.series.map((s, series): ChartLine => {
    const points = s.values.map((value, k) => ({ k, x: xs[k]!, y: y(value), value, count: s.counts[k] ?? 0 }));
    const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join('');
    return { series, colour: colours[series % colours.length]!, path, points };
  });
  return { width: o.width, height: o.height, plot, yTicks, xLabels, lines, xs };
}

/** The period nearest to an x coordinate (-1 without periods). */
export function periodAt(layout: ChartLayout, x: number): number {
  let best = -1;
  let distance = Infinity;
  layout.xs.forEach((px, k) => {
    const d = Math.abs(px - x);
    if (d < distance) {
      best = k;
      distance = d;
    }
  });
  return best;
}
