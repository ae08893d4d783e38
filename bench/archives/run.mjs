// `npm run bench:archives [-- --before REV] [--after REV] [options of main.ts]`
//
// Bundles the CLI to measure (with its two worker threads) into out/bench-archives/:
// "after" from the working tree's src/, or from commit REV with --after REV; "before"
// from commit REV with --before REV (src/ of that commit, taken with git archive, so
// no checkout is needed). Bundles of their own, because out/node may be rebuilt by
// someone else in the middle of a run. Then bundles the archive bench
// (bench/archives/main.ts) and runs it. See docs/ARCHIVES.md.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../../scripts/build-node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = 'out/bench-archives';

/** Removes `--flag VALUE` from args; returns VALUE or null. */
function takeOption(args, flag) {
  const i = args.indexOf(flag);
  if (i < 0) return null;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`bench:archives: ${flag} needs a commit`);
  args.splice(i, 2);
  return value;
}

/** The source folder to bundle from: the working tree, or src/ of commit `rev` unpacked under OUT. */
function sourceOf(rev, name) {
  if (rev === null) return { dir: '.', label: 'working tree' };
  const commit = execFileSync('git', ['-C', root, 'rev-parse', '--short', `${rev}^{commit}`], { encoding: 'utf8' }).trim();
  const dir = `${OUT}/${name}-src`;
  mkdirSync(path.join(root, dir), { recursive: true });
  const tar = execFileSync('git', ['-C', root, 'archive', commit, 'src'], { maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', path.join(root, dir)], { input: tar });
  return { dir, label: commit };
}

/** Bundles the CLI of `source` into OUT/<name>/; returns the cli.js path. */
async function bundleCli(source, name) {
  const entry = (file) => path.posix.join(source.dir, file);
  await bundleForNode(
    { cli: entry('src/cli/main.ts'), 'parse-worker': entry('src/core/parse/worker.ts'), 'store-writer': entry('src/core/index/write-worker.ts') },
    `${OUT}/${name}`,
    { quiet: true },
  );
  return path.join(root, OUT, name, 'cli.js');
}

const args = process.argv.slice(2);
const beforeRev = takeOption(args, '--before');
const afterRev = takeOption(args, '--after');
// Chunk names carry content hashes: drop the previous run's bundles.
rmSync(path.join(root, OUT), { recursive: true, force: true });
const after = sourceOf(afterRev, 'after');
const passed = ['--cli', await bundleCli(after, 'after'), '--cli-label', after.label];
if (beforeRev !== null) {
  const before = sourceOf(beforeRev, 'before');
  passed.push('--before-cli', await bundleCli(before, 'before'), '--before-label', before.label);
}
await bundleForNode({ archives: 'bench/archives/main.ts' }, OUT, { quiet: true });
const child = spawn(process.execPath, [path.join(root, OUT, 'archives.js'), ...passed, ...args], { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
