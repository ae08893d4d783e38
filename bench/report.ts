/** The human-readable report of a bench run: plain-text tables. */
import { formatSize } from './generate.js';
import { toMb, type LatencySummary } from './measure.js';
import { fmtMs, latencyCells, type BenchResult, type TargetRow } from './results.js';
import { formatTable } from './table.js';

function mb(bytes: number): string {
  return `${toMb(bytes).toFixed(1)} MB`;
}

/**
 * "Targets met: 9 of 10 measured": targets inform, they never fail a run
 * (scripts/test.mjs quotes this line in npm test's summary).
 */
export function targetsLine(targets: readonly TargetRow[]): string {
  const measured = targets.filter((t) => t.pass !== null);
  const met = measured.filter((t) => t.pass).length;
  const unmeasured = targets.length - measured.length;
  return `Targets met: ${met} of ${measured.length} measured${unmeasured > 0 ? ` (${unmeasured} not measured)` : ''} (information only: a target not met does not fail the run)`;
}

/** One table, a group's name on its first row. */
function targetsTable(targets: readonly TargetRow[]): string {
  return formatTable(
    ['Targets of', 'Target (information)', 'Measured', 'Target value', 'Met'],
    targets.map((t, i) => [t.group === targets[i - 1]?.group ? '' : t.group, t.name, t.measured, t.target, t.pass === null ? 'n/a' : t.pass ? 'met' : 'not met']),
  );
}

/** The typed-prefix workload, warm and while a cold index runs: server time and HTTP round trip. */
function typedTable(r: BenchResult): string | null {
  const warm = r.search?.typed;
  const busy = r.typingWhileIndexing;
  if (!warm && !busy) return null;
  const cells = (l: LatencySummary): string[] => [fmtMs(l.p50), fmtMs(l.p95), fmtMs(l.max)];
  const rows: string[][] = [];
  if (warm) {
    rows.push(['warm: server tookMs', ...cells(warm.server), `${warm.searches} keystrokes of ${warm.sequences} queries`]);
    rows.push(['warm: HTTP round trip', ...cells(warm.roundTrip), 'client process, keep-alive, parsed answer']);
    rows.push(['  without / with filters', fmtMs(warm.plain.p50), `${fmtMs(warm.plain.p95)} / ${fmtMs(warm.filtered.p95)}`, `${fmtMs(warm.plain.max)} / ${fmtMs(warm.filtered.max)}`, 'server tookMs']);
  }
  if (busy) {
    rows.push(['while indexing: server tookMs', ...cells(busy.server), `${busy.searches} keystrokes in ${busy.passes} passes; index ${fmtMs(busy.indexMs)} (${busy.digests} digests)`]);
    rows.push(['while indexing: HTTP round trip', ...cells(busy.roundTrip), `event loop max ${fmtMs(busy.loopDelay.maxMs)}; longest block outside searches ${fmtMs(busy.longestOutsideSearchMs)}`]);
  }
  const table = formatTable(['Typed prefixes (web mode)', 'p50', 'p95', 'max', 'Note'], rows);
  const slow = (warm?.slowest ?? []).map((s) => [s.query, fmtMs(s.tookMs), fmtMs(s.roundTripMs), String(s.total), String(s.totalSections)]);
  return slow.length === 0 ? table : `${table}\n\n${formatTable(['Slowest keystrokes (warm)', 'Server', 'Round trip', 'Digests', 'Sections'], slow)}`;
}

/** The first lines: what was measured on which machine. */
function heading(r: BenchResult): string[] {
  const m = r.machine;
  const c = r.corpus;
  const what = c
    ? `Almanac bench: real text from ${c.corpora.map((x) => x.folder).join(' + ')} (${c.sourceFiles} files, ${c.sourceMb} MB), replicated x${c.replicationFactor} into ${c.replicas} replica folders: ${r.vault.files} files, ${mb(r.vault.bytes)}, dated ${c.dates.first ?? '?'} .. ${c.dates.last ?? '?'}, seed ${r.seed} (${r.vault.generated})`
    : `Almanac bench: ${formatSize(r.size)} digests, seed ${r.seed}, ${r.vault.files} files, ${mb(r.vault.bytes)}, ${r.vault.series} series (${r.vault.generated})`;
  return [what, `Machine: ${m.cpus} x ${m.cpuModel}, ${m.totalMemMb} MB RAM, ${m.platform}, Node ${m.node}, load average ${m.loadAverage.join(' ')} at start, ${m.loadAverageEnd.join(' ')} at end`];
}

function coldIndexRows(c: NonNullable<BenchResult['coldIndex']>): string[][] {
  const phases = Object.entries(c.loopBlocks.byActivity)
    .map(([phase, b]) => `${phase} ${b.count} (max ${fmtMs(b.maxMs)})`)
    .join(', ');
  return [
    ['cold index: reindex()', fmtMs(c.indexMs), `${c.summary.indexed} files, ${c.summary.sections} sections, ${c.mbPerS} MB/s, CPU ${fmtMs(c.cpuMs)} (all threads)`],
    ['cold index: peak RSS / heap used', `${c.memory.peakRssMb} MB`, `heap ${c.memory.peakHeapUsedMb} MB (VmHWM ${c.memory.vmHwmMb ?? 'n/a'} MB)`],
    ['cold index: event-loop delay', `${c.loopDelay.maxMs} ms max`, `p99 ${c.loopDelay.p99Ms} ms; ${c.loopBlocks.count} blocks > 50 ms${phases ? `: ${phases}` : ''}`],
  ];
}

function incrementalRows(inc: NonNullable<BenchResult['incremental']>): string[][] {
  const w = inc.watchedEdit;
  return [
    ['reindex, nothing changed', fmtMs(inc.noChange.ms), `${inc.noChange.unchanged} unchanged`],
    ['edit 1 digest -> searchable (reindex)', fmtMs(inc.editOne.writeToSearchableMs), `reindex ${fmtMs(inc.editOne.ms)}, ${inc.editOne.indexed} re-parsed`],
    'error' in w
      ? ['edit 1 digest via watcher', 'n/a', w.error]
      : ['edit 1 digest via watcher: event -> searchable', fmtMs(w.changeEventToSearchableMs), `write -> searchable ${fmtMs(w.writeToSearchableMs)} (debounce ${w.debounceMs} ms)`],
    ['touch 100 (mtime only) -> reindexed', fmtMs(inc.touch100.ms), `${inc.touch100.indexed} re-parsed, ${inc.touch100.unchanged} unchanged`],
    ['parse 1 digest: new worker pool / warm', fmtMs(inc.parseOne.coldPoolMs), `warm worker ${fmtMs(inc.parseOne.warmPoolMs)}`],
    ['edit 100 -> searchable', fmtMs(inc.edit100.writeToSearchableMs), `reindex ${fmtMs(inc.edit100.ms)}, ${inc.edit100.indexed} re-parsed`],
  ];
}

/** Indexing, the index on disk, incremental updates, reopening and serving memory. */
function detailRows(r: BenchResult): string[][] {
  const details: string[][] = r.coldIndex ? coldIndexRows(r.coldIndex) : [];
  if (r.index) {
    const largest = Object.entries(r.index.tables)
      .slice(0, 4)
      .map(([name, bytes]) => `${name} ${mb(bytes)}`)
      .join(', ');
    details.push(['index on disk', mb(r.index.bytes), `${r.index.vaultRatio.toFixed(2)}x the vault (wal ${mb(r.index.files.wal)}); ${largest}`]);
  }
  if (r.incremental) details.push(...incrementalRows(r.incremental));
  if (r.reopen) {
    const runs = r.reopen.inProcess.map((x) => fmtMs(x.totalMs)).join(', ');
    const cpu = r.reopen.inProcess.map((x) => fmtMs(x.cpuMs)).join(', ');
    details.push(['reopen + first query (in process)', fmtMs(r.reopen.inProcessMedianMs), `median of ${runs}; CPU ${cpu}`]);
    if (r.reopen.cli) details.push(['CLI search, whole run', fmtMs(r.reopen.cli.medianMs), `median of ${r.reopen.cli.runsMs.map(fmtMs).join(', ')}`]);
  }
  if (r.search) {
    const rest = r.search.rest;
    const split = rest.rssFileMb === null || rest.rssAnonMb === null ? '' : ` (mapped files ${rest.rssFileMb} MB, anonymous ${rest.rssAnonMb} MB)`;
    details.push(['serving process at rest', `${rest.rssMb} MB RSS`, `heap used ${rest.heapUsedMb} MB, external ${rest.externalMb} MB${split}`]);
    const after = r.search.typed?.rest;
    if (after) details.push(['  after the typed workload (web server up)', `${after.rssMb} MB RSS`, `anonymous ${after.rssAnonMb ?? 'n/a'} MB, mapped files ${after.rssFileMb ?? 'n/a'} MB, heap used ${after.heapUsedMb} MB`]);
  }
  return details;
}

/** Latency percentiles of Almanac (all, CPU, first pass, by kind of query) and of the baselines. */
function latencyRows(r: BenchResult): string[][] {
  const lat: string[][] = [];
  if (r.search) {
    lat.push(['Almanac (all queries)', ...latencyCells(r.search.latency), `${r.search.latency.count} queries`]);
    const t = r.research;
    if (t) lat.push(['6-query monthly trend, warm', ...latencyCells(t.warm), `first ${fmtMs(t.firstMs)}; ${t.periods} months`], ['mentions facet: counting per search', ...latencyCells(t.mentions.count), `index read ${fmtMs(t.mentions.loadMs)} once; ${t.mentions.names} names`]);
    lat.push(['Almanac, CPU time', ...latencyCells(r.search.cpuLatency), 'CPU per query (not waiting for a core)']);
    lat.push(['Almanac, first run of each query', ...latencyCells(r.search.firstPass), `after a warm-up of ${fmtMs(r.search.warmUpMs)}`]);
    for (const [kind, l] of Object.entries(r.search.byKind)) lat.push([`  ${kind}`, ...latencyCells(l), `${l.count}`]);
  }
  const b = r.baselines;
  if (b.fts5Trigram) {
    lat.push(['FTS5 trigram', ...latencyCells(b.fts5Trigram.latency), `build ${fmtMs(b.fts5Trigram.buildMs)}, ${mb(b.fts5Trigram.bytes)}, ${b.fts5Trigram.scanQueries.length} queries scanned (< 3 chars)`]);
    lat.push(['FTS5 trigram, CPU time', ...latencyCells(b.fts5Trigram.cpuLatency), 'CPU per query']);
  }
  if (b.ripgrep?.available) lat.push([`ripgrep (${b.ripgrep.version ?? ''})`, ...latencyCells(b.ripgrep.latency), 'one process per query, longest term']);
  else if (b.ripgrep) lat.push(['ripgrep', 'n/a', 'n/a', 'n/a', 'rg not installed']);
  return lat;
}

function parseFloorLine(r: BenchResult, floor: NonNullable<BenchResult['baselines']['parseFloor']>): string {
  const c = r.coldIndex;
  const relative = c ? `; Almanac cold index is ${(c.toSearchableMs / floor.ms).toFixed(2)}x of it in wall time, ${(c.cpuMs / floor.cpuMs).toFixed(2)}x in CPU time` : '';
  return `Parse floor (1 thread, read + gray-matter + remark-parse + gfm): ${fmtMs(floor.ms)}, ${floor.mbPerS} MB/s, CPU ${fmtMs(floor.cpuMs)}${relative}`;
}

/** Each query: Almanac's answer and median time beside FTS5 trigram's and ripgrep's. */
function queryTable(search: NonNullable<BenchResult['search']>, b: BenchResult['baselines']): string {
  const fts = new Map((b.fts5Trigram?.queries ?? []).map((q) => [q.query, q]));
  const rg = new Map((b.ripgrep?.queries ?? []).map((q) => [q.query, q]));
  return formatTable(
    ['Query', 'Sort', 'Facets', 'Digests', 'Median', 'FTS5 tri', 'FTS5 sections', 'rg', 'rg files'],
    search.queries.map((q) => {
      const f = fts.get(q.query);
      const g = rg.get(q.query);
      return [
        q.query,
        q.sort,
        q.facets ? 'yes' : 'no',
        String(q.total),
        fmtMs(q.medianMs),
        f ? `${fmtMs(f.ms)}${f.mode === 'scan' ? ' scan' : ''}` : '-',
        f ? String(f.total) : '-',
        g ? fmtMs(g.ms) : '-',
        g ? String(g.files) : '-',
      ];
    }),
  );
}

export function formatReport(r: BenchResult): string {
  const out: string[] = [
    ...heading(r),
    '',
    targetsTable(r.targets),
    targetsLine(r.targets),
    '',
  ];
  const details = detailRows(r);
  if (details.length > 0) out.push(formatTable(['Measure', 'Value', 'Detail'], details), '');
  const lat = latencyRows(r);
  if (lat.length > 0) out.push(formatTable(['Search latency', 'p50', 'p95', 'p99', 'Note'], lat), '');
  const typed = typedTable(r);
  if (typed) out.push(typed, '');
  if (r.baselines.parseFloor) out.push(parseFloorLine(r, r.baselines.parseFloor), '');
  if (r.search) out.push(queryTable(r.search, r.baselines), '');
  for (const [stage, message] of Object.entries(r.errors)) out.push(`ERROR in ${stage}: ${message.split('\n')[0] ?? ''}`);
  return out.join('\n');
}
