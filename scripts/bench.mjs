// `npm run bench -- --size 1k|10k|50k | --corpus DIR [--corpus DIR2 ...] [--replicate-to N]` [--seed N] [--skip-baselines] [--queries N] [--json | --no-json-print]
// Builds the Node bundles (CLI, parse worker), bundles the bench harness
// (bench/main.ts) into out/bench/bench.js and runs it in a fresh Node process.
// See docs/PERFORMANCE.md.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNode, bundleForNode } from './build-node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await buildNode({ quiet: true });
await bundleForNode({ bench: 'bench/main.ts' }, 'out/bench', { quiet: true });
// No --enable-source-maps: the measurement children inherit the flag, and it slows a cold
// index measurably, while the CLI and the app run without it.
const child = spawn(process.execPath, [path.join(root, 'out/bench/bench.js'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
