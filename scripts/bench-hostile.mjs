// `npm run bench:hostile`: the hostile digests of issue #20 (a word repeated
// 80,000 times, a 7 MB line, a 5,000 x 30 table, nested-list bombs, emphasis
// markers) indexed, searched, warmed and exported through the real service and
// the CLI, each step timed against a one-second target (information, not a
// failure). Builds the Node bundles, bundles bench/hostile.ts into
// out/bench/bench-hostile.js and runs it in a fresh Node process.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNode, bundleForNode } from './build-node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await buildNode({ quiet: true });
await bundleForNode({ 'bench-hostile': 'bench/hostile.ts' }, 'out/bench', { quiet: true });
const child = spawn(process.execPath, [path.join(root, 'out/bench/bench-hostile.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
