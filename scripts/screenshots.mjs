// `npm run screenshots`: refreshes the README's pictures in docs/screenshots on
// purpose. The same browser specs run in `npm test` write their screenshots to
// test-results/ instead, so that a test run leaves the work tree unchanged
// (tests/e2e/helpers/screenshots.ts reads the variable set here).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SPECS = ['tests/e2e/desk-screenshots.spec.ts', 'tests/e2e/export.spec.ts'];

const child = spawn(process.execPath, [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test', ...SPECS, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ALMANAC_UPDATE_SCREENSHOTS: '1' },
});
child.on('exit', (code, signal) => {
  if (code === 0) process.stdout.write('docs/screenshots refreshed: review the pictures, then commit them.\n');
  process.exitCode = code ?? (signal ? 1 : 0);
});
