/**
 * The vault-wide step of an index run, after the files are written: the date
 * sources read once per run for the whole vault (index pages, git history;
 * vault-dates.ts, git-dates.ts) and the series (series/series-order.ts), all
 * pure functions of what the index holds. The step reads every digest's date
 * facts, computes, and writes only the rows whose date or series place
 * changed, in bounded slices with the event loop running in between (the
 * process that indexes also serves the UI).
 *
 * Cheap when nothing changed: the step records the index generation it left
 * (store/generation.ts: bumped by every digest write), and a run after which
 * it is the same, with the same settings, skips it - except that when some
 * digest has no date of its own and git dates are on, `git rev-parse HEAD`
 * (started when the run begins, so it overlaps the scan) tells whether the
 * history moved; git log runs again only then. A run whose writes left every
 * input of the step as it was (an edit of a digest's text) takes the values
 * the last step computed on this connection (vault-wide-memo.ts) and writes
 * only the rows written since.
 */
import type { FileWarning } from '../../shared/api.js';
import { assignSeries } from '../series/series-order.js';
import { seriesShape, type SeriesShape } from '../series/series-shape.js';
import { indexGeneration } from '../store/generation.js';
import type { Store } from '../store/store.js';
import {
  cachedGitDates,
  hasIndexEntries,
  replaceGitDates,
  storedIndexEntries,
  vaultWideRows,
  writeVaultWide,
  type StoredIndexEntry,
  type VaultWideRow,
  type VaultWideValues,
} from '../store/vault-wide-rows.js';
import { firstCommitDays, gitHead, type GitAnswer } from './git-dates.js';
import { nextTurn } from './next-turn.js';
import { hasOwnDate, resolveVaultDates } from './vault-dates.js';
import { forgetValues, memoValues, rememberValues } from './vault-wide-memo.js';

const META_VAULT_WIDE = 'vault_wide';
/** Bump when the step's rules change: the next run recomputes every digest. */
const VAULT_WIDE_FORMAT = 1;
/** Rows written per transaction (4x as many read, paths read per turn): the thread serving the UI runs between slices (see write()). */
const SLICE_ROWS = 250;
/** Where a git problem is reported (it concerns no one file). */
export const GIT_WARNING_PATH = '.git';

/** What the step leaves in meta for the next run. */
interface VaultWideState {
  format: number;
  /** The index generation after the step's own writes. */
  generation: number;
  gitDates: boolean;
  /** Some digest had no date of its own when the step ran, and git dates were on. */
  needsGit: boolean;
  /** The HEAD commit the cached git dates belong to; null when none are cached. */
  head: string | null;
  /** Why git gave no dates, when it failed (not for a vault outside git). */
  warning: string | null;
}

export interface VaultWideOptions {
  /** The vault's real path (git is asked about this folder). */
  vaultPath: string;
  /** Settings.gitDates. */
  gitDates: boolean;
  /** Rows written per transaction; default SLICE_ROWS. */
  writeSliceRows?: number;
}

function readState(store: Store): VaultWideState | null {
  return store.getMetaJson(META_VAULT_WIDE) as VaultWideState | null;
}

/** The warning the last vault-wide step left (git failed), for the run summary and the status. */
export function vaultWideWarnings(store: Store): FileWarning[] {
  const warning = readState(store)?.warning ?? null;
  return warning === null ? [] : [{ path: GIT_WARNING_PATH, message: warning }];
}

/** The rows whose stored values differ from the computed ones. */
function changedRows(rows: readonly VaultWideRow[], computed: (row: VaultWideRow) => VaultWideValues): Map<number, VaultWideValues> {
  const changes = new Map<number, VaultWideValues>();
  for (const r of rows) {
    const v = computed(r);
    if (v.date !== r.date || v.dateSource !== r.dateSource || v.datePrecision !== r.datePrecision || v.series !== r.series || v.seriesPos !== r.seriesPos) {
      changes.set(r.id, v);
    }
  }
  return changes;
}

interface GitFacts {
  dates: Map<string, string>;
  head: string | null;
  warning: string | null;
  /** The dates come from a new git log: the cache is replaced. */
  fresh: boolean;
}

/** Every digest's dates and series place, by path: computed in turns of their own (the thread serves the UI). */
async function computeValues(rows: readonly VaultWideRow[], entries: readonly StoredIndexEntry[], gitDates: ReadonlyMap<string, string>): Promise<Map<string, VaultWideValues>> {
  await nextTurn();
  const { dates, indexPages } = resolveVaultDates(rows, entries, gitDates);
  const shapes = new Map<string, SeriesShape | null>();
  for (let start = 0; start < rows.length; start += SLICE_ROWS) {
    await nextTurn();
    for (const r of rows.slice(start, start + SLICE_ROWS)) shapes.set(r.path, seriesShape(r.path));
  }
  await nextTurn();
  const places = assignSeries(
    rows.map((r) => ({ path: r.path, number: r.number, date: dates.get(r.id)!.date })),
    indexPages,
    shapes,
  );
  await nextTurn();
  const values = new Map<string, VaultWideValues>();
  for (const r of rows) {
    const place = places.get(r.path);
    values.set(r.path, { ...dates.get(r.id)!, series: place?.series ?? null, seriesPos: place?.pos ?? null });
  }
  return values;
}

/** One run's vault-wide step: begin() when the run starts, finish() once its files are written. */
export class VaultWideStep {
  private readonly state: VaultWideState | null;
  private headAnswer: Promise<GitAnswer<string>> | null = null;

  private constructor(
    private readonly store: Store,
    private readonly options: VaultWideOptions,
  ) {
    this.state = readState(store);
    // Asked now so that the answer is there when the files are written.
    if (options.gitDates && this.state?.needsGit) this.headAnswer = gitHead(options.vaultPath);
  }

  static begin(store: Store, options: VaultWideOptions): VaultWideStep {
    return new VaultWideStep(store, options);
  }

  /** Brings dates and series up to date with the files written (see the module comment). */
  async finish(): Promise<void> {
    const { state, options } = this;
    const upToDate =
      state !== null && state.format === VAULT_WIDE_FORMAT && state.gitDates === options.gitDates && state.generation === indexGeneration(this.store.db);
    if (upToDate && !(options.gitDates && state.needsGit)) return;
    if (upToDate) {
      const head = await this.head();
      if (head.ok ? head.value === state.head : state.head === null && head.warning === state.warning) return;
    }
    await this.recompute();
  }

  private head(): Promise<GitAnswer<string>> {
    this.headAnswer ??= gitHead(this.options.vaultPath);
    return this.headAnswer;
  }

  private async gitFacts(needed: boolean): Promise<GitFacts> {
    const none: GitFacts = { dates: new Map(), head: this.state?.head ?? null, warning: null, fresh: false };
    if (!needed) return none;
    const head = await this.head();
    // A cache whose HEAD cannot be confirmed is not used again.
    if (!head.ok) return { ...none, head: null, warning: head.warning };
    if (this.state?.head === head.value) return { ...none, dates: cachedGitDates(this.store.db) };
    const log = await firstCommitDays(this.options.vaultPath);
    if (!log.ok) return { ...none, head: null, warning: log.warning };
    return { dates: log.value, head: head.value, warning: null, fresh: true };
  }

  private async recompute(): Promise<void> {
    const { db } = this.store;
    const generation = indexGeneration(db);
    const rows: VaultWideRow[] = [];
    for (let slice = vaultWideRows(db, 0, SLICE_ROWS * 4); ; slice = vaultWideRows(db, rows[rows.length - 1]!.id, SLICE_ROWS * 4)) {
      rows.push(...slice);
      if (slice.length < SLICE_ROWS * 4) break;
      await nextTurn();
    }
    const entries = hasIndexEntries(db) ? storedIndexEntries(db) : [];
    const needsGit = this.options.gitDates && rows.some((r) => !hasOwnDate(r));
    const git = await this.gitFacts(needsGit);
    const context = JSON.stringify([VAULT_WIDE_FORMAT, this.options.gitDates, needsGit, git.head, git.warning, entries]);
    const values = memoValues(db, context, rows) ?? (await computeValues(rows, entries, git.dates));
    await nextTurn();
    const changes = changedRows(rows, (r) => values.get(r.path)!);
    const next = { format: VAULT_WIDE_FORMAT, gitDates: this.options.gitDates, needsGit, head: git.head, warning: git.warning };
    if (await this.write(generation, changes, git.fresh ? git.dates : null, next)) rememberValues(db, context, rows, values);
    else forgetValues(db);
  }

  /**
   * Writes the changed rows in slices (SLICE_ROWS), a transaction and a
   * turn each, then the git cache and the state. Another writer that moved the
   * generation between slices ends the step without recording it: the next
   * run computes again from what is there then (the rows written so far are
   * values the step computed, and it writes them again or corrects them).
   * True when every slice and the state were written.
   */
  private async write(
    generation: number,
    changes: ReadonlyMap<number, VaultWideValues>,
    gitDates: ReadonlyMap<string, string> | null,
    next: Omit<VaultWideState, 'generation'>,
  ): Promise<boolean> {
    const { db } = this.store;
    const entries = [...changes];
    const slice = this.options.writeSliceRows ?? SLICE_ROWS;
    let expected = generation;
    for (let start = 0; ; start += slice) {
      const last = start + slice >= entries.length;
      const written = this.store.batch(() => {
        if (indexGeneration(db) !== expected) return false;
        writeVaultWide(db, new Map(entries.slice(start, start + slice)));
        if (last) {
          if (gitDates !== null) replaceGitDates(db, gitDates);
          this.store.setMeta(META_VAULT_WIDE, JSON.stringify({ ...next, generation: indexGeneration(db) } satisfies VaultWideState));
        }
        expected = indexGeneration(db);
        return true;
      });
      if (!written || last) return written;
      await nextTurn();
    }
  }
}
