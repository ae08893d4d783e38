/** The human-readable report of a bench run: plain-text tables. */
import { formatSize } from './generate.js';
import { toMb } from './measure.js';
import { fmtMs, latencyCells, type BenchResult } from './results.js';
import { formatTable } from './table.js';

function mb(bytes: number): string {
  return `${toMb(bytes).toFixed(1)} MB`;
}

export function formatReport(r: BenchResult): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(
    `Almanac bench: ${formatSize(r.size)} digests, seed ${r.seed}, ${r.vault.files} files, ${mb(r.vault.bytes)}, ${r.vault.series} series (${r.vault.generated})`,
    `Machine: ${m.cpus} x ${m.cpuModel}, ${m.totalMemMb} MB RAM, ${m.platform}, Node ${m.node}, load average ${m.loadAverage.join(' ')} at start, ${m.loadAverageEnd.join(' ')} at end`,
    '',
    formatTable(
      ['Target', 'Measured', 'Target value', 'Pass'],
      r.targets.map((t) => [t.name, t.measured, t.target, t.pass === null ? 'n/a' : t.pass ? 'PASS' : 'FAIL']),
    ),
    '',
  );

  const details: string[][] = [];
  const c = r.coldIndex;
  if (c) {
    details.push(['cold index: reindex()', fmtMs(c.indexMs), `${c.summary.indexed} files, ${c.summary.sections} sections, ${c.mbPerS} MB/s, CPU ${fmtMs(c.cpuMs)} (all threads)`]);
    details.push(['cold index: peak RSS / heap used', `${c.memory.peakRssMb} MB`, `heap ${c.memory.peakHeapUsedMb} MB (VmHWM ${c.memory.vmHwmMb ?? 'n/a'} MB)`]);
    const phases = Object.entries(c.loopBlocks.byActivity)
      .map(([phase, b]) => `${phase} ${b.count} (max ${fmtMs(b.maxMs)})`)
      .join(', ');
    details.push(['cold index: event-loop delay', `${c.loopDelay.maxMs} ms max`, `p99 ${c.loopDelay.p99Ms} ms; ${c.loopBlocks.count} blocks > 50 ms${phases ? `: ${phases}` : ''}`]);
  }
  if (r.index) {
    const largest = Object.entries(r.index.tables)
      .slice(0, 4)
      .map(([name, bytes]) => `${name} ${mb(bytes)}`)
      .join(', ');
    details.push(['index on disk', mb(r.index.bytes), `${r.index.vaultRatio.toFixed(2)}x the vault (wal ${mb(r.index.files.wal)}); ${largest}`]);
  }
  const inc = r.incremental;
  if (inc) {
    details.push(['reindex, nothing changed', fmtMs(inc.noChange.ms), `${inc.noChange.unchanged} unchanged`]);
    details.push(['edit 1 digest -> searchable (reindex)', fmtMs(inc.editOne.writeToSearchableMs), `reindex ${fmtMs(inc.editOne.ms)}, ${inc.editOne.indexed} re-parsed`]);
    const w = inc.watchedEdit;
    details.push(
      'error' in w
        ? ['edit 1 digest via watcher', 'n/a', w.error]
        : ['edit 1 digest via watcher: event -> searchable', fmtMs(w.changeEventToSearchableMs), `write -> searchable ${fmtMs(w.writeToSearchableMs)} (debounce ${w.debounceMs} ms)`],
    );
    details.push(['touch 100 (mtime only) -> reindexed', fmtMs(inc.touch100.ms), `${inc.touch100.indexed} re-parsed, ${inc.touch100.unchanged} unchanged`]);
    details.push(['parse 1 digest: new worker pool / warm', fmtMs(inc.parseOne.coldPoolMs), `warm worker ${fmtMs(inc.parseOne.warmPoolMs)}`]);
    details.push(['edit 100 -> searchable', fmtMs(inc.edit100.writeToSearchableMs), `reindex ${fmtMs(inc.edit100.ms)}, ${inc.edit100.indexed} re-parsed`]);
  }
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
  }
  if (details.length > 0) out.push(formatTable(['Measure', 'Value', 'Detail'], details), '');

  const lat: string[][] = [];
  if (r.search) {
    lat.push(['Almanac (all queries)', ...latencyCells(r.search.latency), `${r.search.latency.count} queries`]);
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
  if (lat.length > 0) out.push(formatTable(['Search latency', 'p50', 'p95', 'p99', 'Note'], lat), '');

  if (b.parseFloor) {
    out.push(
      `Parse floor (1 thread, read + gray-matter + remark-parse + gfm): ${fmtMs(b.parseFloor.ms)}, ${b.parseFloor.mbPerS} MB/s, CPU ${fmtMs(b.parseFloor.cpuMs)}` +
        (c ? `; Almanac cold index is ${(c.toSearchableMs / b.parseFloor.ms).toFixed(2)}x of it in wall time, ${(c.cpuMs / b.parseFloor.cpuMs).toFixed(2)}x in CPU time` : ''),
      '',
    );
  }

  if (r.search) {
    const fts = new Map((b.fts5Trigram?.queries ?? []).map((q) => [q.query, q]));
    const rg = new Map((b.ripgrep?.queries ?? []).map((q) => [q.query, q]));
    out.push(
      formatTable(
        ['Query', 'Sort', 'Facets', 'Digests', 'Median', 'FTS5 tri', 'FTS5 sections', 'rg', 'rg files'],
        r.search.queries.map((q) => {
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
      ),
      '',
    );
  }
  for (const [stage, message] of Object.entries(r.errors)) out.push(`ERROR in ${stage}: ${message.split('\n')[0] ?? ''}`);
  return out.join('\n');
}
