// `npm run bench:quality [-- --before-root DIR] [--corpora DIR] [--judgments DIR]`
//
// Bundles this working tree's CLI (with its worker threads) into
// out/bench-quality/cli/ (its own bundle: out/node may be rebuilt by someone
// else in the middle of a run) and the harness (bench/quality/main.ts), then
// runs it. --before-root names a built Almanac folder (its bin/almanac.js is
// run as it is) to compare with. See docs/SEARCH-QUALITY.md.
// `npm run bench:quality -- draft ...` grades queries by the rubric instead
// (bench/quality/draft.ts).
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../../scripts/build-node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = 'out/bench-quality';

// Chunk names carry content hashes: drop the previous run's bundles.
rmSync(path.join(root, OUT), { recursive: true, force: true });
const [mode, ...rest] = process.argv.slice(2);
let entry;
let args;
if (mode === 'draft') {
  // Grading a vault by the rubric needs only the parser, no CLI.
  await bundleForNode({ draft: 'bench/quality/draft.ts' }, OUT, { quiet: true });
  entry = 'draft.js';
  args = rest;
} else {
  await bundleForNode(
    { cli: 'src/cli/main.ts', 'parse-worker': 'src/core/parse/worker.ts', 'store-writer': 'src/core/index/write-worker.ts', 'export-worker': 'src/core/export/export-worker.ts' },
    `${OUT}/cli`,
    { quiet: true },
  );
  await bundleForNode({ quality: 'bench/quality/main.ts' }, OUT, { quiet: true });
  entry = 'quality.js';
  args = ['--cli', path.join(root, OUT, 'cli', 'cli.js'), ...process.argv.slice(2)];
}
const child = spawn(process.execPath, [path.join(root, OUT, entry), ...args], { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
