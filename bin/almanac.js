#!/usr/bin/env node
// The `almanac` command: runs the bundled CLI (built by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../out/node/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('almanac: the CLI is not built yet. Run `npm run build` in the Almanac folder first.\n');
  process.exit(1);
}
await import(pathToFileURL(cli).href);
