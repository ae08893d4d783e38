/**
 * The vault-wide step of an index run, after the files are written: the date
 * sources read once per run for the whole vault (index pages, git history;
 * vault-dates.ts, git-dates.ts) and the series (series/series-order.ts), all
 * pure functions of what the index holds. The step reads every digest's date
 * facts, computes, and writes only the rows whose date or series place
 * changed, in one transaction.
 *
 * Cheap when nothing changed: the step records the index generation it left
 * (store/generation.ts: bumped by every digest write), and a run after which
 * it is the same, with the same settings, skips it - except that when some
 * digest has no date of its own and git dates are on, `git rev-parse HEAD`
 * (started when the run begins, so it overlaps the scan) tells whether the
 * history moved; git log runs again only then.
 */
import type { FileWarning } from '../../shared/api.js';
import { assignSeries } from '../series/series-order.js';
import { indexGeneration } from '../store/generation.js';
import type { Store } from '../store/store.js';
import {
  cachedGitDates,
  hasIndexEntries,
  replaceGitDates,
  storedIndexEntries,
  vaultWideRows,
  writeVaultWide,
  type VaultWideRow,
  type VaultWideValues,
} from '../store/vault-wide-rows.js';
import { firstCommitDays, gitHead, type GitAnswer } from './git-dates.js';
import { hasOwnDate, resolveVaultDates } from './vault-dates.js';

const META_VAULT_WIDE = 'vault_wide';
/** Bump when the step's rules change: the next run recomputes every digest. */
const VAULT_WIDE_FORMAT = 1;
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
    const rows = vaultWideRows(db);
    const entries = hasIndexEntries(db) ? storedIndexEntries(db) : [];
    const needsGit = this.options.gitDates && rows.some((r) => !hasOwnDate(r));
    const git = await this.gitFacts(needsGit);
    const { dates, indexPages } = resolveVaultDates(rows, entries, git.dates);
    const places = assignSeries(
      rows.map((r) => ({ path: r.path, number: r.number, date: dates.get(r.id)!.date })),
      indexPages,
    );
    const changes = changedRows(rows, (r) => {
      const place = places.get(r.path);
      return { ...dates.get(r.id)!, series: place?.series ?? null, seriesPos: place?.pos ?? null };
    });
    this.store.batch(() => {
      // Another writer changed digests while git was asked: the next run computes again from what is there then.
      if (indexGeneration(db) !== generation) return;
      writeVaultWide(db, changes);
      if (git.fresh) replaceGitDates(db, git.dates);
      const next: VaultWideState = {
        format: VAULT_WIDE_FORMAT,
        generation: indexGeneration(db),
        gitDates: this.options.gitDates,
        needsGit,
        head: git.head,
        warning: git.warning,
      };
      this.store.setMeta(META_VAULT_WIDE, JSON.stringify(next));
    });
  }
}
