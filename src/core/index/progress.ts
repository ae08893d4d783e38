/** Index progress for the UI: at most one event per PROGRESS_INTERVAL_MS, except the forced ones (phase changes). */
import type { IndexPhase, IndexProgress } from '../../shared/api.js';

const PROGRESS_INTERVAL_MS = 100;
/** Before this, too little is known for a useful estimate. */
const ETA_AFTER_MS = 200;

export class ProgressReporter {
  private lastEmit = 0;
  private readonly started = performance.now();

  constructor(private readonly listener: ((p: IndexProgress) => void) | undefined) {}

  report(phase: IndexPhase, done: number, total: number, currentFile: string | null, force = false): void {
    if (!this.listener) return;
    const now = performance.now();
    if (!force && now - this.lastEmit < PROGRESS_INTERVAL_MS) return;
    this.lastEmit = now;
    const elapsed = now - this.started;
    const etaMs = done > 0 && done < total && elapsed > ETA_AFTER_MS ? Math.round((elapsed / done) * (total - done)) : done >= total && total > 0 ? 0 : null;
    this.listener({ phase, done, total, currentFile, etaMs });
  }
}
