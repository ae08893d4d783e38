/** Removes terminal colour codes. */
export function stripAnsi(text: string): string;
/** Vitest's closing "Tests ..." counts, e.g. "741 passed, 1 skipped"; null when absent. */
export function vitestCounts(output: string): string | null;
/** Playwright's closing counts, e.g. "44 passed, 1 skipped"; null when absent. */
export function playwrightCounts(output: string): string | null;
/** The bench's target count, e.g. "9 of 10 targets met — information only"; null when absent. */
export function benchTargets(output: string): string | null;
/** `git status --porcelain` entries the run added or removed. */
export function workTreeChanges(before: string, after: string): string[];
/** 372000 -> "6m12s". */
export function formatDuration(ms: number): string;
