// Imports TypeScript modules of the project into a plain Node script: bundles
// `contents` (export lines, paths relative to the project root) with esbuild,
// dependencies left external, under node_modules/.cache so those bare imports
// resolve from the project. Returns the module and a function that removes the bundle.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @param {string} contents @param {string} name */
export async function importTs(contents, name) {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));
  const cache = path.join(projectRoot, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const tmp = mkdtempSync(path.join(cache, `almanac-${name}-`));
  const cleanup = () => rmSync(tmp, { recursive: true, force: true });
  try {
    const outfile = path.join(tmp, `${name}.mjs`);
    await build({
      absWorkingDir: projectRoot,
      stdin: { contents, resolveDir: projectRoot, loader: 'ts' },
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: Object.keys(pkg.dependencies ?? {}),
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'warning',
    });
    return { module: await import(pathToFileURL(outfile).href), cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}
