/**
 * The trend as files: the numbers as CSV (shared/trend-table.ts, the same
 * text `almanac trends --csv` prints), the chart as a standalone SVG (the
 * geometry of chart-layout.ts with its colours written out, a generic
 * sans-serif font and no external resource) and as a PNG drawn from that SVG
 * on a canvas.
 */
import type { TrendsResponse } from '../../../shared/research.js';
import { trendCsv } from '../../../shared/trend-table.js';
import { downloadBlob } from '../ExportDialog/browser-output.js';
import { chartLayout } from './chart-layout.js';

export const EXPORT_WIDTH = 960;
export const EXPORT_HEIGHT = 440;
const LEGEND_HEIGHT = 28;
const PNG_SCALE = 2;

const PAPER: Record<'light' | 'dark', { bg: string; fg: string; muted: string; grid: string }> = {
  light: { bg: '#ffffff', fg: '#1f2328', muted: '#5d646d', grid: '#dedcd6' },
  dark: { bg: '#1e2024', fg: '#e6e6e3', muted: '#a3a8b0', grid: '#30333a' },
};

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export interface SvgOptions {
  theme: 'light' | 'dark';
  title: string;
  formatValue: (value: number) => string;
}

/** The chart as an SVG document (see the module comment). */
export function trendSvg(r: TrendsResponse, o: SvgOptions): string {
  const paper = PAPER[o.theme];
  const layout = chartLayout(r, { width: EXPORT_WIDTH, height: EXPORT_HEIGHT - LEGEND_HEIGHT, theme: o.theme, formatValue: o.formatValue });
  const { plot } = layout;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${EXPORT_WIDTH}" height="${EXPORT_HEIGHT}" viewBox="0 0 ${EXPORT_WIDTH} ${EXPORT_HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(o.title)}</title>`,
    `<rect width="100%" height="100%" fill="${paper.bg}"/>`,
  ];
  let legendX = plot.left;
  layout.lines.forEach((line, i) => {
    const label = escapeXml(r.series[i]!.query || '(all)');
    out.push(`<rect x="${legendX}" y="9" width="14" height="3" fill="${line.colour}"/>`, `<text x="${legendX + 20}" y="16" fill="${paper.fg}">${label}</text>`);
    legendX += 34 + Math.min(200, label.length * 8);
  });
  out.push(`<g transform="translate(0 ${LEGEND_HEIGHT})">`);
  for (const tick of layout.yTicks) {
    out.push(`<line x1="${plot.left}" x2="${plot.right}" y1="${tick.y.toFixed(1)}" y2="${tick.y.toFixed(1)}" stroke="${paper.grid}"/>`);
    out.push(`<text x="${plot.left - 6}" y="${(tick.y + 4).toFixed(1)}" text-anchor="end" fill="${paper.muted}">${escapeXml(tick.label)}</text>`);
  }
  for (const label of layout.xLabels) {
    out.push(`<text x="${label.x.toFixed(1)}" y="${plot.bottom + 18}" text-anchor="middle" fill="${paper.muted}">${escapeXml(label.label)}</text>`);
  }
  for (const line of layout.lines) {
    out.push(`<path d="${line.path}" fill="none" stroke="${line.colour}" stroke-width="2" stroke-linejoin="round"/>`);
    for (const p of line.points) out.push(`<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="2.5" fill="${line.colour}"/>`);
  }
  out.push('</g></svg>');
  return `${out.join('\n')}\n`;
}

/** "almanac-trends-month" + extension. */
export function exportName(r: TrendsResponse, extension: string): string {
  return `almanac-trends-${r.by}${r.normalise ? '-share' : ''}.${extension}`;
}

export function downloadCsv(r: TrendsResponse): void {
  // A byte-order mark, so that spreadsheet programs read the Chinese queries as UTF-8.
  downloadBlob(new Blob(['\ufeff', trendCsv(r)], { type: 'text/csv;charset=utf-8' }), exportName(r, 'csv'));
}

export function downloadSvg(r: TrendsResponse, o: SvgOptions): void {
  downloadBlob(new Blob([trendSvg(r, o)], { type: 'image/svg+xml;charset=utf-8' }), exportName(r, 'svg'));
}

/** Draws the SVG on a canvas (twice the size, for sharp text) and downloads it as PNG. */
export async function downloadPng(r: TrendsResponse, o: SvgOptions): Promise<void> {
  const url = URL.createObjectURL(new Blob([trendSvg(r, o)], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the chart could not be drawn as an image'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = EXPORT_WIDTH * PNG_SCALE;
    canvas.height = EXPORT_HEIGHT * PNG_SCALE;
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('this browser has no 2D canvas');
    context.scale(PNG_SCALE, PNG_SCALE);
    context.drawImage(image, 0, 0, EXPORT_WIDTH, EXPORT_HEIGHT);
    const png = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas gave no PNG'))), 'image/png'));
    downloadBlob(png, exportName(r, 'png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
