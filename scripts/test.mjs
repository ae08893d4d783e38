// `npm test`: every check in order, stopping at the first that fails:
// build, typecheck, lint, lint:security, vitest, playwright, bench 1k.
// It records `git status --porcelain` before and after and fails if the run
// changed the work tree (tests write only to temp folders, test-results/ and
// bench-results/, which git ignores), and ends with one summary line.
// The bench's targets are information: only a failed bench stage fails the run.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchTargets, formatDuration, playwrightCounts, vitestCounts, workTreeChanges } from './test-summary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Only the end of a step's output is read (its closing counts). */
const TAIL_CHARS = 256 * 1024;

const STEPS = [
  { name: 'build', args: ['run', 'build'] },
  { name: 'typecheck', args: ['run', 'typecheck'] },
  { name: 'lint', args: ['run', 'lint'] },
  { name: 'lint:security', args: ['run', 'lint:security'] },
  { name: 'vitest', args: ['run', 'test:unit'], counts: vitestCounts },
  { name: 'playwright', args: ['run', 'test:e2e'], counts: playwrightCounts },
  // --no-json-print: the JSON stays in bench-results/; the log gets the table.
  { name: 'bench 1k', args: ['run', 'bench', '--', '--size', '1k', '--no-json-print'], counts: benchTargets, label: 'bench 1k:' },
];

let current = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    current?.kill(signal);
    process.exit(130);
  });
}

/** `npm <args>` with the npm that runs this script when there is one, output passed through and its tail kept. */
function runNpm(args) {
  const env = { ...process.env };
  // The steps write to a pipe here; keep their colours when a person watches.
  if (process.stdout.isTTY && env.FORCE_COLOR === undefined) env.FORCE_COLOR = '1';
  const options = { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] };
  const npmCli = process.env.npm_execpath;
  const child =
    npmCli && /\.[cm]?js$/.test(npmCli)
      ? spawn(process.execPath, [npmCli, ...args], options)
      : spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { ...options, shell: process.platform === 'win32' });
  current = child;
  let tail = '';
  const keep = (chunk, out) => {
    out.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-TAIL_CHARS);
  };
  child.stdout.on('data', (c) => keep(c, process.stdout));
  child.stderr.on('data', (c) => keep(c, process.stderr));
  return new Promise((resolve) => {
    child.on('error', (err) => resolve({ code: 1, tail: `${tail}\n${err.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), tail }));
  });
}

/** `git status --porcelain` of the work tree, or null outside a git checkout. */
function gitStatus() {
  const r = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout : null;
}

/** Runs the steps in order; returns the failed step (with its exit code and counts) or null, and the counts to quote. */
async function runSteps() {
  const quoted = [];
  for (const [i, step] of STEPS.entries()) {
    process.stdout.write(`\n[npm test] step ${i + 1} of ${STEPS.length}: ${step.name}\n`);
    const { code, tail } = await runNpm(step.args);
    const counts = step.counts?.(tail) ?? null;
    if (code !== 0) return { failed: { index: i, step, code, counts }, quoted };
    if (counts) quoted.push(`${step.label ?? step.name} ${counts}`);
  }
  return { failed: null, quoted };
}

const started = Date.now();
const before = gitStatus();
const { failed, quoted } = await runSteps();
const after = before === null ? null : gitStatus();
const changed = before === null || after === null ? [] : workTreeChanges(before, after);
const took = formatDuration(Date.now() - started);

if (before === null) process.stdout.write('\n[npm test] not a git work tree: the clean-tree check was skipped\n');
if (changed.length > 0) {
  process.stdout.write(`\n[npm test] the run changed the work tree (tests must write to temp folders, test-results/ or bench-results/):\n`);
  for (const line of changed) process.stdout.write(`  ${line}\n`);
}
let summary;
if (failed) {
  const { index, step, code, counts } = failed;
  const tree = changed.length > 0 ? `; it also changed ${changed.length} work-tree file(s), listed above` : '';
  summary = `npm test: FAILED at step ${index + 1} of ${STEPS.length}, ${step.name} (exit code ${code}${counts ? `; ${counts}` : ''})${tree}, after ${took}`;
} else if (changed.length > 0) {
  summary = `npm test: FAILED: all ${STEPS.length} steps passed, but the run changed ${changed.length} work-tree file(s), listed above, in ${took}`;
} else {
  summary = `npm test: ${STEPS.length} steps passed (${quoted.join('; ')}) in ${took}`;
}
process.stdout.write(`\n${summary}\n`);
process.exitCode = failed || changed.length > 0 ? 1 : 0;
