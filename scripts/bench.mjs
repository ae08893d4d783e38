// `npm run bench -- --size 1k|10k|50k [--seed N] [--skip-baselines] [--queries N] [--json]`
// Builds the Node bundles (CLI, parse worker), bundles the bench harness
// (bench/main.ts) into out/bench/bench.js and runs it in a fresh Node process.
// See docs/PERFORMANCE.md.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNode } from './build-node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function buildBench() {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  await build({
    absWorkingDir: root,
    entryPoints: { bench: 'bench/main.ts' },
    outdir: 'out/bench',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: true,
    external: Object.keys(pkg.dependencies ?? {}),
    banner: {
      // Bundled CommonJS dependencies call require().
      js: "import { createRequire as __almanacCreateRequire } from 'node:module'; const require = __almanacCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
}

await buildNode({ quiet: true });
await buildBench();
const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'out/bench/bench.js'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
