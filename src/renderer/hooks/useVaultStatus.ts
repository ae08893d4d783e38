/**
 * The vault status shown in the status bar, kept live by AlmanacApi events.
 * `revision` increases whenever the index content may have changed, so views
 * that show indexed data (search, timeline) fetch again.
 */
import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { AlmanacApi, AlmanacEvent, IndexProgress, VaultStatus } from '../../shared/api.js';
import { deserializeError, type AlmanacError, type SerializedError } from '../../shared/errors.js';
import { asAlmanacError, errorText } from '../i18n/describe.js';
import { useI18n } from '../i18n/I18nContext.js';

export interface VaultStatusState {
  status: VaultStatus | null;
  progress: IndexProgress | null;
  /** The index error, or why the status could not be read, in the UI's language where it has a code. */
  error: string | null;
  revision: number;
  refresh: () => void;
  reindex: () => void;
  setStatus: (status: VaultStatus) => void;
}

/** What of a status tells whether the index's content changed. */
function indexKey(s: VaultStatus): string {
  return JSON.stringify([s.vaultPath, s.lastIndexedAt, s.digests, s.sections]);
}

/** An index error or a failed call, shown by its code; plain text only from a sender that gave no typed error. */
type StatusError = string | AlmanacError;

/** The failure a status or an index-error event reports: its typed error, else its text. */
function reportedError(typed: SerializedError | null | undefined, text: string | null): StatusError | null {
  return typed ? deserializeError(typed) : text;
}

/** The hook's state setters, handed to the pieces below. */
interface StatusSetters {
  setStatusState: Dispatch<SetStateAction<VaultStatus | null>>;
  setProgress: Dispatch<SetStateAction<IndexProgress | null>>;
  setError: Dispatch<SetStateAction<StatusError | null>>;
  setRevision: Dispatch<SetStateAction<number>>;
}

/**
 * Applies one AlmanacApi event. `invalidate` marks every status answer still
 * on its way as outdated (see `generation` in useVaultStatus).
 */
function applyEvent(
  event: AlmanacEvent,
  set: StatusSetters,
  actions: { invalidate: () => void; refresh: () => void; fetchStatus: (keepError: boolean) => void; setStatus: (s: VaultStatus) => void },
): void {
  switch (event.type) {
    case 'index-progress':
      set.setProgress(event.progress.phase === 'done' ? null : event.progress);
      set.setStatusState((s) => (s ? { ...s, state: event.progress.phase === 'done' ? s.state : 'indexing' } : s));
      break;
    case 'index-finished':
      actions.invalidate();
      set.setProgress(null);
      set.setRevision((r) => r + 1);
      actions.refresh();
      break;
    case 'index-error':
      actions.invalidate();
      set.setProgress(null);
      set.setError(reportedError(event.error, event.message));
      actions.fetchStatus(true);
      break;
    case 'vault-changed':
      actions.setStatus(event.status);
      break;
  }
}

/** Re-indexes now, showing "indexing" at once; the results views fetch again when it ends. */
function startReindex(api: AlmanacApi, set: StatusSetters, refresh: () => void): void {
  set.setError(null);
  set.setStatusState((s) => (s ? { ...s, state: 'indexing' } : s));
  api.reindex().then(
    () => {
      set.setProgress(null);
      set.setRevision((r) => r + 1);
      refresh();
    },
    (err: unknown) => {
      set.setProgress(null);
      set.setError(asAlmanacError(err));
      refresh();
    },
  );
}

export function useVaultStatus(api: AlmanacApi): VaultStatusState {
  const { t } = useI18n();
  const [status, setStatusState] = useState<VaultStatus | null>(null);
  const [progress, setProgress] = useState<IndexProgress | null>(null);
  const [error, setError] = useState<StatusError | null>(null);
  const [revision, setRevision] = useState(0);
  // State setters are stable, so this object may be too.
  const set = useRef<StatusSetters>({ setStatusState, setProgress, setError, setRevision }).current;
  /**
   * Bumped by every status request and by every event that ends or replaces a
   * status: an answer is applied only if nothing newer came since it was asked
   * for. In web mode the answer and the events travel on separate
   * connections, so an "indexing" answer could otherwise land after the event
   * that ended the run and stay on screen.
   */
  const generation = useRef(0);
  /** indexKey of the status shown: a status with another key means the results may have changed. */
  const shownIndex = useRef('');

  /** keepError: after an index-error event, whose message the status may not carry. */
  const fetchStatus = useCallback(
    (keepError: boolean) => {
      const asked = ++generation.current;
      api.getStatus().then(
        (s) => {
          if (asked !== generation.current) return;
          shownIndex.current = indexKey(s);
          setStatusState(s);
          setProgress(s.state === 'indexing' ? s.progress : null);
          if (s.state === 'error') setError(reportedError(s.indexError, s.error));
          else if (!keepError) setError(null);
        },
        (err: unknown) => {
          if (asked === generation.current) setError(asAlmanacError(err));
        },
      );
    },
    [api],
  );
  const refresh = useCallback(() => fetchStatus(false), [fetchStatus]);

  const setStatus = useCallback((s: VaultStatus) => {
    generation.current++;
    setStatusState(s);
    setProgress(s.state === 'indexing' ? s.progress : null);
    setError(s.state === 'error' ? reportedError(s.indexError, s.error) : null);
    // Every event stream opens with the status (web mode): search again only when the index moved meanwhile.
    const key = indexKey(s);
    if (key !== shownIndex.current) setRevision((r) => r + 1);
    shownIndex.current = key;
  }, []);

  useEffect(() => {
    refresh();
    const invalidate = (): void => {
      generation.current++;
    };
    return api.onEvent((event) => applyEvent(event, set, { invalidate, refresh, fetchStatus, setStatus }));
  }, [api, set, refresh, fetchStatus, setStatus]);

  const reindex = useCallback(() => startReindex(api, set, refresh), [api, set, refresh]);

  const shownError = error === null || typeof error === 'string' ? error : errorText(t, error);
  return { status, progress, error: shownError, revision, refresh, reindex, setStatus };
}
