import { useEffect, useState } from 'react';
import type { AlmanacApi, Digest } from '../../shared/api.js';

export interface DigestState {
  digest: Digest | null;
  loading: boolean;
  error: string | null;
}

/** Loads one digest; a newer path (or revision) cancels the older answer. */
export function useDigest(api: AlmanacApi, path: string | null, revision: number): DigestState {
  const [state, setState] = useState<DigestState>({ digest: null, loading: false, error: null });
  useEffect(() => {
    if (!path) {
      setState({ digest: null, loading: false, error: null });
      return;
    }
    let current = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    api.getDigest(path).then(
      (digest) => current && setState({ digest, loading: false, error: null }),
      (err: unknown) => current && setState({ digest: null, loading: false, error: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      current = false;
    };
  }, [api, path, revision]);
  return state;
}
