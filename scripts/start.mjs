// `npm start`: builds the app, makes sure Electron and a better-sqlite3 built
// for Electron's ABI exist, then launches the desktop app. Arguments after
// `npm start --` go to the app (e.g. a vault folder).
//
// Where Electron cannot be downloaded (offline build machines), this stops
// with a message saying so, and that the web mode works instead. It never hangs.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNode } from './build-node.mjs';
import { electronVersion, ensureElectronSqlite } from './electron-native.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NATIVE_BINDING_ENV = 'ALMANAC_SQLITE_BINDING';
const WEB_MODE_HINT = 'The web mode works without Electron: `npx almanac serve [vault]` and open the printed URL in a browser.';

function fail(what, detail) {
  process.stderr.write(`\nnpm start: ${what}\n${detail ? `  ${detail}\n` : ''}${WEB_MODE_HINT}\n`);
  process.exit(1);
}

/** The Electron executable, downloading it first if needed (bounded in time). */
function electronExecutable() {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkgDir, 'path.txt');
  const installed = () => {
    if (!fs.existsSync(pathFile)) return null;
    const exe = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkgDir, 'dist'), fs.readFileSync(pathFile, 'utf8').trim());
    return fs.existsSync(exe) ? exe : null;
  };
  const found = installed();
  if (found) return found;
  process.stderr.write(`Downloading Electron ${electronVersion()} (first start only)...\n`);
  const result = spawnSync(process.execPath, [path.join(pkgDir, 'install.js')], { stdio: ['ignore', 'inherit', 'pipe'], timeout: 5 * 60_000 });
  const exe = installed();
  if (exe) return exe;
  const stderr = result.stderr?.toString().trim().split('\n').find((l) => l.trim()) ?? '';
  const reason = result.error ? result.error.message : `the download failed${stderr ? `: ${stderr}` : ''}`;
  fail(`could not get the Electron ${electronVersion()} binary (${reason}).`, 'Electron is downloaded from GitHub on first start; this machine cannot reach it.');
  return null;
}

const started = Date.now();
try {
  await buildNode({ quiet: true });
  const { build } = await import('electron-vite');
  await build({ root, logLevel: 'warn' });
} catch (err) {
  fail('the build failed.', err instanceof Error ? err.message : String(err));
}
process.stderr.write(`Built in ${Date.now() - started} ms\n`);

const exe = electronExecutable();
let binding;
try {
  binding = ensureElectronSqlite();
} catch (err) {
  fail('could not prepare better-sqlite3 for Electron.', err instanceof Error ? err.message : String(err));
}

const child = spawn(exe, [root, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, [NATIVE_BINDING_ENV]: binding, ELECTRON_ENABLE_LOGGING: process.env.ELECTRON_ENABLE_LOGGING ?? '' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
child.on('error', (err) => fail(`could not launch Electron (${err.message}).`));
