/**
 * The export selection as React state shared by the results, the reader and
 * the tray. Saved per vault in localStorage on every change; checked against
 * the index when the vault opens and after each re-index (sections that are
 * gone are dropped, with a notice).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AlmanacApi, Digest } from '../../shared/api.js';
import { isAlmanacError } from '../../shared/errors.js';
import {
  loadSelection,
  moved,
  reconciled,
  saveSelection,
  sortedByDate,
  withAdded,
  withoutIds,
  type SelectedSection,
} from './selection-model.js';

export interface Selection {
  items: readonly SelectedSection[];
  has(id: string): boolean;
  toggle(item: SelectedSection): void;
  add(items: readonly SelectedSection[]): void;
  remove(ids: readonly string[]): void;
  clear(): void;
  move(from: number, to: number): void;
  sortByDate(): void;
  /** How many sections the last check against the index dropped (0: no notice to show). */
  dropped: number;
  dismissDropped(): void;
}

const SelectionContext = createContext<Selection | null>(null);

const browserStorage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

/** A digest that getDigest says is gone (vs. a call that failed for another reason: keep the items then). */
function isGone(err: unknown): boolean {
  return isAlmanacError(err, 'not-found');
}

async function digestsOf(api: AlmanacApi, paths: readonly string[]): Promise<Map<string, Digest | null>> {
  const map = new Map<string, Digest | null>();
  await Promise.all(
    paths.map(async (p) => {
      try {
        map.set(p, await api.getDigest(p));
      } catch (err) {
        if (isGone(err)) map.set(p, null);
      }
    }),
  );
  return map;
}

export interface SelectionProviderProps {
  api: AlmanacApi;
  /** The open vault (null until the status is known): selections are kept per vault. */
  vaultPath: string | null;
  /** Changes when the index may have changed (see useVaultStatus). */
  revision: number;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  children: ReactNode;
}

export function SelectionProvider({ api, vaultPath, revision, storage, children }: SelectionProviderProps) {
  const store = storage === undefined ? browserStorage() : storage;
  const [state, setState] = useState<{ vault: string | null; items: SelectedSection[] }>(() => ({
    vault: vaultPath,
    items: vaultPath === null ? [] : loadSelection(store, vaultPath),
  }));
  const [dropped, setDropped] = useState(0);
  const items = state.vault === vaultPath ? state.items : [];
  const itemsRef = useRef(items);
  itemsRef.current = items;

  // Another vault: its own selection.
  useEffect(() => {
    if (state.vault === vaultPath) return;
    setState({ vault: vaultPath, items: vaultPath === null ? [] : loadSelection(store, vaultPath) });
    setDropped(0);
  }, [vaultPath, state.vault, store]);

  const update = useCallback(
    (change: (items: SelectedSection[]) => SelectedSection[]) => {
      setState((s) => {
        if (s.vault === null) return s;
        const next = change(s.items);
        saveSelection(store, s.vault, next);
        return { vault: s.vault, items: next };
      });
    },
    [store],
  );

  // Check the selection against the index on open and after every re-index.
  useEffect(() => {
    if (vaultPath === null || state.vault !== vaultPath) return;
    const paths = [...new Set(itemsRef.current.map((i) => i.path))];
    if (paths.length === 0) return;
    let live = true;
    void digestsOf(api, paths).then((digests) => {
      if (!live) return;
      const gone = reconciled(itemsRef.current, digests).dropped.length;
      update((current) => reconciled(current, digests).items);
      if (gone > 0) setDropped(gone);
    });
    return () => {
      live = false;
    };
  }, [api, vaultPath, revision, state.vault, update]);

  const value = useMemo<Selection>(() => {
    const ids = new Set(items.map((i) => i.id));
    return {
      items,
      has: (id) => ids.has(id),
      toggle: (item) => update((cur) => (cur.some((i) => i.id === item.id) ? withoutIds(cur, new Set([item.id])) : withAdded(cur, [item]))),
      add: (added) => update((cur) => withAdded(cur, added)),
      remove: (removed) => update((cur) => withoutIds(cur, new Set(removed))),
      clear: () => update(() => []),
      move: (from, to) => update((cur) => moved(cur, from, to)),
      sortByDate: () => update((cur) => sortedByDate(cur)),
      dropped,
      dismissDropped: () => setDropped(0),
    };
  }, [items, update, dropped]);

  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

/** The selection; outside a SelectionProvider (tests, stories) null, and the selection controls hide. */
export function useSelection(): Selection | null {
  return useContext(SelectionContext);
}
