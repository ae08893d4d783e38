/**
 * The open vault's saved searches with their counts of new digests: read
 * again whenever the index changed (the counts follow every index run) and
 * after each change made here.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AlmanacApi } from '../../shared/api.js';
import type { AlmanacError } from '../../shared/errors.js';
import type { SavedSearch, SavedSearchInput } from '../../shared/research.js';
import { asAlmanacError } from '../i18n/describe.js';

export interface SavedSearchesState {
  list: SavedSearch[];
  error: AlmanacError | null;
  save: (search: SavedSearchInput) => Promise<void>;
  remove: (name: string) => Promise<void>;
  /** Marks the search's matches seen and resolves with it (null when that failed: `error` says why). */
  open: (name: string) => Promise<SavedSearch | null>;
}

export function useSavedSearches(api: AlmanacApi, revision: number): SavedSearchesState {
  const [list, setList] = useState<SavedSearch[]>([]);
  const [error, setError] = useState<AlmanacError | null>(null);

  useEffect(() => {
    let live = true;
    api.savedSearches().then(
      (next) => {
        if (!live) return;
        setList(next);
        setError(null);
      },
      (err: unknown) => live && setError(asAlmanacError(err)),
    );
    return () => {
      live = false;
    };
  }, [api, revision]);

  const run = useCallback(async <T,>(call: () => Promise<T>): Promise<T | null> => {
    try {
      const result = await call();
      setError(null);
      return result;
    } catch (err) {
      setError(asAlmanacError(err));
      return null;
    }
  }, []);

  const save = useCallback(async (search: SavedSearchInput) => {
    const next = await run(() => api.saveSearch(search));
    if (next) setList(next);
  }, [api, run]);
  const remove = useCallback(async (name: string) => {
    const next = await run(() => api.removeSavedSearch(name));
    if (next) setList(next);
  }, [api, run]);
  const open = useCallback(async (name: string) => {
    const opened = await run(() => api.openSavedSearch(name));
    if (opened) setList((l) => l.map((s) => (s.name === name ? opened : s)));
    return opened;
  }, [api, run]);

  return { list, error, save, remove, open };
}
