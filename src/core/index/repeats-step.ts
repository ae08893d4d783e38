/**
 * The repeats step of an index run, after the vault-wide step has placed
 * every digest in its series: per series, what it repeats from issue to issue
 * (series/repeats.ts, from the signatures the parse workers stored), written
 * as section marks (store/section-marks.ts). A section whose boilerplate
 * lines changed gets its FTS rows split again (store/fts-write.ts
 * sectionRows), so that search tells content from boilerplate by rowid; a
 * section repeated whole keeps its row (search reads its mark).
 *
 * Incremental and cheap when nothing changed: the step records the index
 * generation it saw and each series' fingerprint (its digests' ids, which
 * change when a digest is parsed again); a run that left the generation as it
 * was does nothing, and otherwise only series whose fingerprint moved are
 * computed again. It writes no digest row, so the generation stays; the marks
 * have their own stamp (marksVersion), which it moves when it writes.
 *
 * Each series is computed in turns of its own and written a few digests a
 * transaction, with the event loop running in between, so the process
 * serving the UI keeps answering.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { seriesRepeats, type SectionVerdict } from '../series/repeats.js';
import { FtsWriter } from '../store/fts-write.js';
import { indexGeneration } from '../store/generation.js';
import { bumpMarksVersion, storedMarks, writeMark, type BoilerLines, type SectionMark } from '../store/section-marks.js';
import { readSignatures } from '../store/section-sigs.js';
import { cachedStatement } from '../store/statements.js';
import type { Store } from '../store/store.js';
import { nextTurn } from './next-turn.js';

const META_REPEATS = 'repeats_step';
/** Digests whose marks are written per transaction (and turn of the event loop). */
const APPLY_DIGESTS = 20;
/** Bump when the step's rules or thresholds change: the next run computes every series again. */
export const REPEATS_FORMAT = 7;

interface RepeatsState {
  format: number;
  generation: number;
  /** Fingerprint of each series as last computed. */
  series: Record<string, string>;
}

interface SeriesMember {
  id: number;
  series: string;
  firstSection: number;
  sectionCount: number;
}

function seriesMembers(db: Database): Map<string, SeriesMember[]> {
  const rows = cachedStatement(
    db,
    'SELECT id, series, first_section AS firstSection, section_count AS sectionCount FROM digest WHERE series IS NOT NULL ORDER BY series, series_pos, id',
  ).all() as SeriesMember[];
  const out = new Map<string, SeriesMember[]>();
  for (const r of rows) {
    const list = out.get(r.series);
    if (list) list.push(r);
    else out.set(r.series, [r]);
  }
  return out;
}

function fingerprint(members: readonly SeriesMember[]): string {
  const h = createHash('sha1');
  for (const m of [...members].sort((a, b) => a.id - b.id)) h.update(`${m.id}:${m.firstSection}:${m.sectionCount};`);
  return h.digest('base64');
}

function sameBoiler(a: BoilerLines | null, b: BoilerLines | null): boolean {
  if (a === null || b === null || a === 'all' || b === 'all') return a === b;
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Whether the section's FTS rows differ between two marks: only lines move to a row of their own (fts-write.ts sectionRows). */
function sameRows(a: BoilerLines | null, b: BoilerLines | null): boolean {
  const lines = (x: BoilerLines | null): BoilerLines | null => (x === 'all' ? null : x);
  return sameBoiler(lines(a), lines(b));
}

/** Writes the marks of one series' sections that differ from `old`, splitting FTS rows again where boilerplate moved; returns how many rows changed. */
function applySeries(store: Store, fts: FtsWriter, members: readonly SeriesMember[], verdicts: ReadonlyMap<number, SectionVerdict>, old: Map<number, SectionMark>): number {
  let changed = 0;
  for (const d of members) {
    let texts: Map<number, { heading: string; text: string }> | null = null;
    for (let rowid = d.firstSection; rowid < d.firstSection + d.sectionCount; rowid++) {
      const before = old.get(rowid) ?? { rowid, boiler: null, group: null };
      const after = verdicts.get(rowid) ?? { boiler: null, group: null };
      if (sameBoiler(before.boiler, after.boiler) && before.group === after.group) continue;
      if (!sameRows(before.boiler, after.boiler)) {
        texts ??= new Map(store.sectionsOf(d.id).map((s) => [s.rowid, { heading: s.heading, text: s.text }]));
        const s = texts.get(rowid);
        if (s) fts.resplit(rowid, s.heading, s.text, before.boiler, after.boiler);
      }
      writeMark(store.db, { rowid, boiler: after.boiler, group: after.group });
      old.delete(rowid);
      changed++;
    }
  }
  return changed;
}

/** Clears the marks of sections in no series any more (their digest left every series, or is gone with its marks already). */
function clearOrphans(store: Store, fts: FtsWriter, all: Map<string, SeriesMember[]>, old: Map<number, SectionMark>): number {
  if (old.size === 0) return 0;
  const inSeries = new Set<number>();
  for (const members of all.values()) for (const d of members) for (let r = d.firstSection; r < d.firstSection + d.sectionCount; r++) if (old.has(r)) inSeries.add(r);
  const orphans = [...old.keys()].filter((r) => !inSeries.has(r));
  if (orphans.length === 0) return 0;
  const owner = cachedStatement(store.db, 'SELECT id FROM digest WHERE ? BETWEEN first_section AND first_section + section_count - 1').pluck();
  for (const rowid of orphans) {
    const mark = old.get(rowid)!;
    const digestId = owner.get(rowid) as number | undefined;
    const s = digestId === undefined ? undefined : store.sectionsOf(digestId).find((x) => x.rowid === rowid);
    if (s && !sameRows(mark.boiler, null)) fts.resplit(rowid, s.heading, s.text, mark.boiler, null);
    writeMark(store.db, { rowid, boiler: null, group: null });
  }
  return orphans.length;
}

/** Brings the section marks up to date with the series (see the module comment). */
export async function updateRepeats(store: Store): Promise<void> {
  const state = store.getMetaJson(META_REPEATS) as RepeatsState | null;
  const generation = indexGeneration(store.db);
  if (state !== null && state.format === REPEATS_FORMAT && state.generation === generation) return;
  // Not in the turn that wrote the run's last batch and the vault-wide step's rows.
  await nextTurn();
  const fts = new FtsWriter(store.db);
  await fts.withoutMerging(() => recompute(store, fts, generation, state?.format === REPEATS_FORMAT ? state.series : {}));
}

/** Computes the series whose fingerprint moved since `previous`, writes what changed, and records the state. */
async function recompute(store: Store, fts: FtsWriter, generation: number, previous: Record<string, string>): Promise<void> {
  const { db } = store;
  const all = seriesMembers(db);
  const old = new Map(storedMarks(db).map((m) => [m.rowid, m]));
  const next: Record<string, string> = {};
  let changed = 0;
  for (const [series, members] of all) {
    const print = fingerprint(members);
    next[series] = print;
    if (previous[series] === print) {
      for (const d of members) for (let r = d.firstSection; r < d.firstSection + d.sectionCount; r++) old.delete(r);
      continue;
    }
    // Computing and writing in turns of their own, so the process serving the UI answers in between.
    await nextTurn();
    const sigs = readSignatures(db, members.map((m) => m.id));
    await nextTurn();
    const verdicts = seriesRepeats(members.map((m) => ({ firstSection: m.firstSection, sigs: sigs.get(m.id) ?? [] })));
    // A few digests a transaction: a mark whose boilerplate lines moved re-tokenizes its section's text.
    for (let start = 0; start < members.length; start += APPLY_DIGESTS) {
      await nextTurn();
      changed += store.batch(() => {
        // Another writer changed the index meanwhile: the state recorded below is then stale, and the next run computes again.
        if (indexGeneration(db) !== generation) return 0;
        const n = applySeries(store, fts, members.slice(start, start + APPLY_DIGESTS), verdicts, old);
        if (n > 0) bumpMarksVersion(db);
        return n;
      });
    }
  }
  store.batch(() => {
    if (clearOrphans(store, fts, all, old) > 0 || changed > 0) bumpMarksVersion(db);
    store.setMeta(META_REPEATS, JSON.stringify({ format: REPEATS_FORMAT, generation, series: next } satisfies RepeatsState));
  });
}
