import { describe, expect, it } from 'vitest';
import { benchTargets, formatDuration, playwrightCounts, stripAnsi, vitestCounts, workTreeChanges } from '../../scripts/test-summary.mjs';

// `npm test` (scripts/test.mjs) quotes these counts in its one summary line.
describe('npm test summary', () => {
  it("reads vitest's closing Tests line, colours or not", () => {
    const out = ' Test Files  60 passed (60)\n      Tests  741 passed | 1 skipped (742)\n   Start at  10:00:00\n';
    expect(vitestCounts(out)).toBe('741 passed, 1 skipped');
    expect(vitestCounts('\u001b[2m      Tests \u001b[22m \u001b[1m\u001b[31m3 failed\u001b[39m\u001b[22m\u001b[2m | \u001b[22m\u001b[1m\u001b[32m738 passed\u001b[39m\u001b[22m\u001b[90m (741)\u001b[39m\n')).toBe('3 failed, 738 passed');
    expect(vitestCounts('no summary here')).toBeNull();
  });

  it("reads playwright's closing count lines in a fixed order", () => {
    const out = '  ✓  44 [chromium] › desk.spec.ts:3:1 › x (2.0s)\n\n  1 skipped\n  44 passed (2.1m)\n';
    expect(playwrightCounts(out)).toBe('44 passed, 1 skipped');
    expect(playwrightCounts('  2 failed\n    [chromium] › a.spec.ts\n  1 flaky\n  40 passed (3.0m)\n')).toBe('40 passed, 2 failed, 1 flaky');
    expect(playwrightCounts('Error: no tests found')).toBeNull();
  });

  it("quotes the bench's target count as information", () => {
    expect(benchTargets('table\nTargets met: 9 of 10 measured (information only: ...)\n')).toBe('9 of 10 targets met — information only');
    expect(benchTargets('ERROR in cold index: boom')).toBeNull();
  });

  it('lists what the run added to or removed from git status, not what was dirty before', () => {
    const before = ' M src/a.ts\n?? notes.txt\n';
    const after = ' M src/a.ts\n?? docs/screenshots/x.png\n M README.md\n';
    expect(workTreeChanges(before, after)).toEqual(['?? docs/screenshots/x.png', ' M README.md', '?? notes.txt (as it was before the run)']);
    expect(workTreeChanges(before, before)).toEqual([]);
  });

  it('formats durations and strips colours', () => {
    expect(formatDuration(372_000)).toBe('6m12s');
    expect(formatDuration(45_400)).toBe('45s');
    expect(formatDuration(60_000)).toBe('1m00s');
    expect(stripAnsi('\u001b[32mok\u001b[39m')).toBe('ok');
  });
});
