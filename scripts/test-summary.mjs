// What `npm test` (scripts/test.mjs) reads from its steps' output to write its
// one summary line, and how it compares the work tree before and after.
// Pure functions, tested in tests/unit/test-script.test.ts.

// Colour codes (the steps keep their colours on a terminal).
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

export function stripAnsi(text) {
  return text.replace(ANSI, '');
}

/** Vitest's closing "Tests  741 passed | 1 skipped (742)" as "741 passed, 1 skipped"; null when absent. */
export function vitestCounts(output) {
  const lines = stripAnsi(output).split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^\s*Tests\s+(.+?)\s*\(\d+\)\s*$/.exec(lines[i]);
    if (m) return m[1].split('|').map((part) => part.trim()).join(', ');
  }
  return null;
}

const PLAYWRIGHT_KINDS = ['passed', 'failed', 'flaky', 'skipped', 'interrupted', 'did not run'];

/** Playwright's closing count lines ("  44 passed (2.1m)", "  1 skipped") as "44 passed, 1 skipped"; null when absent. */
export function playwrightCounts(output) {
  const counts = new Map();
  for (const line of stripAnsi(output).split('\n')) {
    const m = /^\s+(\d+) (passed|failed|flaky|skipped|interrupted|did not run)\b/.exec(line);
    if (m) counts.set(m[2], Number(m[1]));
  }
  if (counts.size === 0) return null;
  return PLAYWRIGHT_KINDS.filter((k) => counts.has(k))
    .map((k) => `${counts.get(k)} ${k}`)
    .join(', ');
}

/** The bench report's "Targets met: 9 of 10 measured ..." line as "9 of 10 targets met — information only"; null when absent. */
export function benchTargets(output) {
  const m = /^Targets met: (\d+) of (\d+) measured/m.exec(stripAnsi(output));
  return m ? `${m[1]} of ${m[2]} targets met — information only` : null;
}

/**
 * Entries of `git status --porcelain` that the run added or removed: a file
 * already dirty before keeps its line and is not counted.
 */
export function workTreeChanges(before, after) {
  const lines = (text) => new Set(text.split('\n').filter((l) => l.trim() !== ''));
  const was = lines(before);
  const now = lines(after);
  return [
    ...[...now].filter((l) => !was.has(l)),
    ...[...was].filter((l) => !now.has(l)).map((l) => `${l} (as it was before the run)`),
  ];
}

/** 372000 -> "6m12s", 45000 -> "45s". */
export function formatDuration(ms) {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
