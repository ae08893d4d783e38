// better-sqlite3 for Electron, next to the Node build.
//
// node_modules/better-sqlite3 stays compiled for Node (the CLI, web mode and
// the tests use it). The desktop app needs the same module compiled for
// Electron's ABI: this script compiles a copy of its sources with node-gyp
// against Electron's headers into .native/electron-<version>/ and returns the
// path of the .node file, which the main process passes to better-sqlite3 as
// `nativeBinding`. It never rebuilds node_modules in place (@electron/rebuild
// would, and on a failure it deletes the Node build).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export function electronVersion() {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

export function nativeBindingPath(version = electronVersion()) {
  return path.join(root, '.native', `electron-${version}`, 'better_sqlite3.node');
}

/** The environment for node-gyp without npm's nodedir (which would make it build against Node's headers). */
function gypEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url)$/i.test(key)) delete env[key];
  }
  return env;
}

/**
 * Returns the path of better_sqlite3.node built for Electron `version`,
 * compiling it first if needed (needs a C++ toolchain and internet access to
 * electronjs.org/headers once). Throws an Error saying what failed.
 */
export function ensureElectronSqlite({ version = electronVersion(), log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  const target = nativeBindingPath(version);
  if (fs.existsSync(target)) return target;
  const work = path.join(root, '.native', `electron-${version}`, 'better-sqlite3');
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps']) {
    fs.cpSync(path.join(source, entry), path.join(work, entry), { recursive: true });
  }
  const gyp = require.resolve('node-gyp/bin/node-gyp.js');
  log(`Compiling better-sqlite3 for Electron ${version} (once; about a minute)...`);
  const result = spawnSync(
    process.execPath,
    [
      gyp,
      'rebuild',
      '--release',
      `--target=${version}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
      `--devdir=${path.join(root, '.native', 'headers')}`,
      `--arch=${process.arch}`,
    ],
    { cwd: work, env: gypEnv(), stdio: ['ignore', 'inherit', 'inherit'], timeout: 15 * 60_000 },
  );
  if (result.error) throw new Error(`node-gyp could not run: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(
      `compiling better-sqlite3 against Electron ${version}'s headers failed (node-gyp exit ${result.status}); ` +
        'it needs a C++ toolchain and access to https://electronjs.org/headers',
    );
  }
  // Make sure the headers really were Electron's: node-gyp records the one it used.
  const config = fs.readFileSync(path.join(work, 'build', 'config.gypi'), 'utf8');
  if (!config.includes(version)) {
    throw new Error(`node-gyp built better-sqlite3 against other headers than Electron ${version}'s (see ${work}/build/config.gypi)`);
  }
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  fs.copyFileSync(built, target);
  fs.rmSync(work, { recursive: true, force: true });
  log(`Built ${path.relative(root, target)}`);
  return target;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.stdout.write(`${ensureElectronSqlite()}\n`);
  } catch (err) {
    process.stderr.write(`electron-native: ${err.message}\n`);
    process.exit(1);
  }
}
