import { useEffect, useState } from 'react';
import type { AlmanacApi, Digest } from '../../shared/api.js';
import { errorText } from '../i18n/describe.js';
import { useI18n } from '../i18n/I18nContext.js';

export interface DigestState {
  digest: Digest | null;
  loading: boolean;
  /** Why the digest could not be loaded, in the UI's language (from the error's code). */
  error: string | null;
}

interface LoadState {
  digest: Digest | null;
  loading: boolean;
  error: unknown;
}

/** Loads one digest; a newer path (or revision) cancels the older answer. */
export function useDigest(api: AlmanacApi, path: string | null, revision: number): DigestState {
  const { t } = useI18n();
  const [state, setState] = useState<LoadState>({ digest: null, loading: false, error: null });
  useEffect(() => {
    if (!path) {
      setState({ digest: null, loading: false, error: null });
      return;
    }
    let current = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    api.getDigest(path).then(
      (digest) => current && setState({ digest, loading: false, error: null }),
      (err: unknown) => current && setState({ digest: null, loading: false, error: err ?? new Error('unknown error') }),
    );
    return () => {
      current = false;
    };
  }, [api, path, revision]);
  return { digest: state.digest, loading: state.loading, error: state.error === null ? null : errorText(t, state.error) };
}
