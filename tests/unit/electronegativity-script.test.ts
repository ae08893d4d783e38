import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptedFindings, isAccepted, toFinding } from '../../scripts/electronegativity.mjs';

// `npm run lint:security` reads Electronegativity's findings as objects from its
// runner; these pin the mapping and the accepted-findings table it checks them against.
describe('lint:security helpers', () => {
  const scan = path.join(path.sep, 'tmp', 'almanac-egn-x', 'out');
  const issue = {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    severity: { name: 'MEDIUM', value: 2 },
    confidence: { name: 'TENTATIVE' },
    file: 'main/index.js',
    location: { line: 4288, column: 8 },
    sample: 'await shell.openExternal(checked);',
  };

  it('maps a relative or absolute file to out/<part>/..., and keeps N/A for global findings', () => {
    expect(toFinding(issue, scan)).toEqual({
      check: 'OPEN_EXTERNAL_JS_CHECK',
      severity: 'MEDIUM',
      confidence: 'TENTATIVE',
      file: 'out/main/index.js',
      location: '4288:8',
      sample: 'await shell.openExternal(checked);',
    });
    expect(toFinding({ ...issue, file: path.join(scan, 'renderer', 'assets', 'a.js') }, scan).file).toBe('out/renderer/assets/a.js');
    expect(toFinding({ ...issue, file: 'N/A' }, scan).file).toBe('N/A');
    expect(toFinding({ ...issue, file: undefined }, scan).file).toBe('N/A');
  });

  it('refuses a finding without an id or severity, quoting it', () => {
    expect(() => toFinding({ file: 'main/index.js' }, scan)).toThrow(/without an id or severity: \{"file":"main\/index.js"\}/);
    expect(() => toFinding(undefined, scan)).toThrow(/without an id or severity/);
  });

  it('accepts only a listed check on a matching file, and only rows with a reason', () => {
    const md = [
      '# Security',
      '## Accepted Electronegativity findings',
      '| check | file | why it is accepted |',
      '|---|---|---|',
      '| OPEN_EXTERNAL_JS_CHECK | `out/renderer/assets/*.js` | validated in main |',
      '| NODE_INTEGRATION_JS_CHECK | out/main/index.js |  |',
      '## Not done',
      '| CONTEXT_ISOLATION_JS_CHECK | out/main/index.js | outside the section |',
    ].join('\n');
    const accepted = acceptedFindings(md);
    expect(accepted).toEqual([{ check: 'OPEN_EXTERNAL_JS_CHECK', file: 'out/renderer/assets/*.js', reason: 'validated in main' }]);
    expect(isAccepted({ check: 'OPEN_EXTERNAL_JS_CHECK', file: 'out/renderer/assets/index-abc.js' }, accepted)).toBe(true);
    expect(isAccepted({ check: 'OPEN_EXTERNAL_JS_CHECK', file: 'out/renderer/assets/sub/index.js' }, accepted)).toBe(false);
    expect(isAccepted({ check: 'OPEN_EXTERNAL_JS_CHECK', file: 'out/main/index.js' }, accepted)).toBe(false);
    expect(isAccepted({ check: 'NODE_INTEGRATION_JS_CHECK', file: 'out/main/index.js' }, accepted)).toBe(false);
    expect(isAccepted({ check: 'CONTEXT_ISOLATION_JS_CHECK', file: 'out/main/index.js' }, accepted)).toBe(false);
  });
});
