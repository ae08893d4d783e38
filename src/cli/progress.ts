/**
 * A one-line progress bar for index runs, drawn on stderr when it is a
 * terminal (never in --json mode or when piped), redrawn at most every 100 ms.
 */
import type { IndexProgress, IndexSummary } from '../shared/api.js';

const REDRAW_MS = 100;
const BAR_WIDTH = 24;

export function formatDurationMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** "813 files: 806 indexed, 0 unchanged, 0 moved, 7 skipped; 0 removed": every file accounted for, as the summary is. */
export function summaryCounts(s: IndexSummary): string {
  return `${s.files} files: ${s.indexed} indexed, ${s.unchanged} unchanged, ${s.moved} moved, ${s.skippedThisRun} skipped; ${s.removed} removed`;
}

export function progressLine(p: IndexProgress, columns: number): string {
  if (p.phase === 'scan') return 'Scanning the vault…'.slice(0, columns);
  const ratio = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
  const filled = Math.round(ratio * BAR_WIDTH);
  const eta = p.etaMs !== null && p.etaMs > 0 ? ` ${formatDurationMs(p.etaMs)} left` : '';
  const head = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${p.done}/${p.total} ${p.phase}${eta}`;
  const file = p.currentFile ? ` ${p.currentFile}` : '';
  const line = head + file;
  return line.length > columns ? `${line.slice(0, Math.max(0, columns - 1))}…` : line;
}

export class ProgressBar {
  private last = 0;
  private drawn = false;

  constructor(private readonly out: NodeJS.WritableStream & { columns?: number }) {}

  update(p: IndexProgress): void {
    const now = Date.now();
    if (p.phase !== 'done' && now - this.last < REDRAW_MS) return;
    this.last = now;
    if (p.phase === 'done') return this.clear();
    this.out.write(`\r\x1b[K${progressLine(p, (this.out.columns || 80) - 1)}`);
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.out.write('\r\x1b[K');
    this.drawn = false;
  }
}
