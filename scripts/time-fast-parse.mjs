// Times the fast engine's whole parseDigest over every Markdown file of the
// given folders, in one thread: a warm-up pass, then ROUNDS passes; prints the
// median and best MB/s of CPU time (wall time says more about a busy machine's
// neighbours). For before/after comparisons of changes to src/core/parse/fast.
//
//   node scripts/time-fast-parse.mjs [--rounds 7] folder...
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importTs } from './import-ts.mjs';
import { markdownFiles } from './markdown-files.mjs';

const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt === -1 ? 7 : Number(args.splice(roundsAt, 2)[1]);
if (args.length === 0 || !(rounds > 0)) {
  console.error('usage: node scripts/time-fast-parse.mjs [--rounds N] folder...');
  process.exit(2);
}

const docs = args.flatMap((folder) => markdownFiles(folder).map((file) => ({ rel: path.relative(folder, file) || path.basename(file), text: readFileSync(file, 'utf8') })));
const mb = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0) / 1e6;
const { module, cleanup } = await importTs("export { parseDigest } from './src/core/parse/parse.ts';\n", 'time-fast');
try {
  const pass = () => {
    const cpu = process.cpuUsage();
    for (const d of docs) module.parseDigest(d.text, d.rel, { engine: 'fast' });
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1e6;
  };
  pass();
  const seconds = Array.from({ length: rounds }, pass).sort((a, b) => a - b);
  const median = seconds[Math.floor(rounds / 2)];
  console.log(`${docs.length} files, ${mb.toFixed(2)} MB, ${rounds} rounds`);
  console.log(`fast: median ${(mb / median).toFixed(2)} MB/s (${(median * 1000).toFixed(0)} ms), best ${(mb / seconds[0]).toFixed(2)} MB/s of CPU time`);
} finally {
  cleanup();
}
