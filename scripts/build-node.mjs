// Bundles the Node entry points (CLI with web-mode server, parse worker, index writer, export worker) into out/node.
// This is the only build of the worker threads: the Electron main process
// starts out/node/parse-worker.js and out/node/store-writer.js as well
// (src/main/desktop-paths.ts), so every runtime runs the files the tests run.
// Runtime dependencies stay external (package.json "dependencies"), so
// better-sqlite3 loads its native binary from node_modules.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bundles Node entry points into `outdir`: ESM for Node 20, runtime
 * dependencies external. Shared by the app's bundles and the bench harness.
 */
export async function bundleForNode(entryPoints, outdir, { quiet = false } = {}) {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  await build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Shared code goes into chunks, and the CLI's per-command dynamic imports stay lazy (a search never loads the parser).
    splitting: true,
    sourcemap: true,
    external: Object.keys(pkg.dependencies ?? {}),
    banner: {
      // Bundled CommonJS dependencies (gray-matter) call require().
      js: "import { createRequire as __almanacCreateRequire } from 'node:module'; const require = __almanacCreateRequire(import.meta.url);",
    },
    logLevel: quiet ? 'warning' : 'info',
  });
}

export async function buildNode({ quiet = false } = {}) {
  const started = Date.now();
  // Chunk names carry content hashes: drop the previous build's.
  rmSync(path.join(root, 'out/node'), { recursive: true, force: true });
  await bundleForNode(
    {
      cli: 'src/cli/main.ts',
      'parse-worker': 'src/core/parse/worker.ts',
      'store-writer': 'src/core/index/write-worker.ts',
      'export-worker': 'src/core/export/export-worker.ts',
    },
    'out/node',
    { quiet },
  );
  if (!quiet) console.log(`out/node built in ${Date.now() - started} ms`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildNode();
}
