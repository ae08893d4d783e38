#!/usr/bin/env node
// The `almanac` command: runs the bundled CLI (built by `npm run build:node`, which `npm ci` runs).
// Run it as `npx almanac`, as `almanac` after `npm link`, or as `node bin/almanac.js` (the fastest for scripts).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The CLI's runtime dependencies (chokidar) need Node 20.19 or newer: say so instead of failing on a missing API.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`almanac: needs Node.js 20.19 or newer; this is Node ${process.versions.node}.\n`);
  process.exit(4);
}

const cli = fileURLToPath(new URL('../out/node/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('almanac: the CLI is not built yet. Run `npm run build:node` (or `npm ci`) in the Almanac folder first.\n');
  process.exit(4);
}
await import(pathToFileURL(cli).href);
