// Compares the two Markdown engines of the indexing parse (remark, the
// renderer's parser, and the fast markdown-it engine) over every Markdown file
// (.md, .markdown, .mdx) of real folders: prints each file whose sections, links, mentions or plain text differ,
// and the speed of each engine (MB/s, one thread, whole parseDigest).
// Exits 1 when anything differs.
//
//   node scripts/check-parse-equivalence.mjs [folder-or-file...]
//   e.g. node scripts/check-parse-equivalence.mjs ../shared/corpora/archives/* ../shared/corpora/weekly-zh
//   (default: ../shared/corpora/seed ../shared/corpora/weekly-zh, when they exist)
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importTs, projectRoot as root } from './import-ts.mjs';
import { markdownFiles } from './markdown-files.mjs';

const args = process.argv.slice(2);
const folders = args.length > 0 ? args : ['../shared/corpora/seed', '../shared/corpora/weekly-zh'].map((f) => path.resolve(root, f)).filter((f) => existsSync(f));
if (folders.length === 0) {
  console.error('check-parse-equivalence: no folders given and no default corpora found');
  process.exit(2);
}

const { module, cleanup } = await importTs(
  "export { diffParses } from './src/core/parse/equivalence.ts';\nexport { parseDigest } from './src/core/parse/parse.ts';\n",
  'equivalence',
);
try {
  const { diffParses, parseDigest } = module;

  let bytes = 0;
  const docs = [];
  for (const folder of folders) {
    for (const file of markdownFiles(folder)) {
      const text = readFileSync(file, 'utf8');
      bytes += Buffer.byteLength(text);
      const rel = file === folder ? path.basename(file) : path.relative(folder, file);
      docs.push({ file, rel: rel.split(path.sep).join('/'), text });
    }
  }

  const parsed = {};
  const seconds = {};
  // CPU seconds too: on a busy machine wall time says more about the neighbours.
  const cpuSeconds = {};
  for (const engine of ['remark', 'fast']) {
    // A warm-up pass, so JIT compilation is not charged to either engine.
    for (const d of docs.slice(0, 20)) parseDigest(d.text, d.rel, { engine });
    const started = performance.now();
    const cpu = process.cpuUsage();
    parsed[engine] = docs.map((d) => parseDigest(d.text, d.rel, { engine }));
    const used = process.cpuUsage(cpu);
    seconds[engine] = (performance.now() - started) / 1000;
    cpuSeconds[engine] = (used.user + used.system) / 1e6;
  }

  const counts = { section: 0, link: 0, mention: 0, text: 0 };
  docs.forEach((d, i) => {
    const diffs = diffParses(parsed.remark[i], parsed.fast[i]);
    for (const diff of diffs) {
      counts[diff.kind]++;
      console.log(`${d.file}: ${diff.kind} mismatch: ${diff.detail.slice(0, 400)}`);
    }
  });

  const mb = bytes / 1e6;
  const sections = parsed.remark.reduce((n, d) => n + d.sections.length, 0);
  const links = parsed.remark.reduce((n, d) => n + d.links.length, 0);
  console.log(`${docs.length} files, ${mb.toFixed(2)} MB, ${sections} sections, ${links} links in ${folders.join(', ')}`);
  console.log(`files with mismatches: sections ${counts.section}, links ${counts.link}, mentions ${counts.mention}, plain text ${counts.text}`);
  for (const engine of ['remark', 'fast']) {
    console.log(
      `${engine.padEnd(6)} ${(mb / seconds[engine]).toFixed(2)} MB/s wall (${(seconds[engine] * 1000).toFixed(0)} ms), ` +
        `${(mb / cpuSeconds[engine]).toFixed(2)} MB/s of CPU time (${(cpuSeconds[engine] * 1000).toFixed(0)} ms)`,
    );
  }
  console.log(`fast / remark: ${(seconds.remark / seconds.fast).toFixed(1)}x wall, ${(cpuSeconds.remark / cpuSeconds.fast).toFixed(1)}x CPU`);
  process.exitCode = counts.section + counts.link + counts.mention + counts.text > 0 ? 1 : 0;
} finally {
  cleanup();
}
