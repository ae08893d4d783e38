// Times site: and link: searches (issue 16) on an existing index, in process,
// first page of 20 with facets (the Sources facet included), as the UI asks:
// the index's most linked sites, one of their subdomains' parents, a path
// prefix and a folder of the commonest keys, alone and with a word.
// Prints p50 / p95 / max per query and over all.
//
//   node scripts/bench-link-queries.mjs --db INDEX.db [--runs 30]
import { importTs } from './import-ts.mjs';

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const dbPath = arg('db');
const RUNS = Number(arg('runs') ?? 30);
if (!dbPath) {
  console.error('bench-link-queries: --db INDEX.db is required');
  process.exit(2);
}

const pct = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

const { module: bundle, cleanup } = await importTs(
  "export { SearchEngine } from './src/core/search/engine.ts';\nexport { Store } from './src/core/store/store.ts';\n",
  'link-bench',
);
try {
  const { SearchEngine, Store } = bundle;
  const store = Store.open(dbPath);
  const engine = new SearchEngine(store.db);
  // The sites most digests link to, from the facet of an empty query.
  const top = Object.keys(engine.search({ query: '', limit: 1 }).facets.sites ?? {});
  const vocab = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.link_vocab USING fts5vocab(main, 'link_fts', 'row')";
  store.db.exec(vocab);
  const keys = store.db.prepare("SELECT term FROM temp.link_vocab WHERE term LIKE '%/%/%' ORDER BY doc DESC LIMIT 3").pluck().all();
  const folder = (key) => key.split('/').slice(0, 2).join('/');
  const queries = [
    `site:${top[0]}`,
    `site:${top[1]}`,
    `site:${top[0]} post`,
    `-site:${top[0]}`,
    `link:${keys[0]}`,
    `link:${folder(keys[1] ?? keys[0])}/`,
    `link:${folder(keys[2] ?? keys[0])}`,
    `link:${top[0]}`,
    `link:${folder(keys[0])} code`,
  ];
  const all = [];
  const rows = [];
  for (const query of queries) {
    engine.search({ query, limit: 20 });
    const times = [];
    let total = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      total = engine.search({ query, limit: 20 }).total;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    rows.push(`${query.padEnd(48)} ${String(total).padStart(6)} digests  p50 ${pct(times, 0.5).toFixed(2)} ms  p95 ${pct(times, 0.95).toFixed(2)} ms`);
  }
  all.sort((a, b) => a - b);
  console.log(rows.join('\n'));
  console.log(`all: p50 ${pct(all, 0.5).toFixed(2)} ms, p95 ${pct(all, 0.95).toFixed(2)} ms, max ${all[all.length - 1].toFixed(2)} ms (${all.length} searches)`);
  store.close();
} finally {
  cleanup();
}
