/**
 * Whether the reader shows a digest's remote (https:) images: the vault's
 * setting to always show them, or the user's "Load remote images" for that
 * digest in this tab, on a page whose policy allows them (lib/remote-images.ts).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AlmanacApi } from '../../shared/api.js';
import { pageAsksRemoteImages, remoteImageDigests, saveRemoteImageDigests } from '../lib/remote-images.js';

export interface RemoteImages {
  /** Whether the reader shows the remote images of the digest at `path`. */
  shows(path: string): boolean;
  /** The vault's setting: every digest shows them. */
  always: boolean;
  /** Show them for this digest: at once when this page may load them, else after a reload that asks for them. */
  load(path: string): void;
  /** Turns the vault's setting on or off; the page reloads with the matching policy. */
  setAlways(on: boolean): void;
}

const session = (): Storage | null => {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
};

/** `reload(remoteImages)` reloads the page asking for remote images or not, keeping what the desk shows. */
export function useRemoteImages(api: AlmanacApi, reload: (remoteImages: boolean) => void): RemoteImages {
  const [always, setAlwaysState] = useState(false);
  const [digests, setDigests] = useState<Set<string>>(() => remoteImageDigests(session()));
  const pageAllows = useMemo(() => pageAsksRemoteImages(window.location.href), []);

  useEffect(() => {
    let cancelled = false;
    api.getSettings().then(
      (s) => !cancelled && setAlwaysState(s.remoteImages === true),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  const load = useCallback(
    (path: string) => {
      const next = new Set(digests).add(path);
      saveRemoteImageDigests(session(), next);
      if (pageAllows) setDigests(next);
      else reload(true);
    },
    [digests, pageAllows, reload],
  );

  const setAlways = useCallback(
    (on: boolean) => {
      if (!on) saveRemoteImageDigests(session(), new Set());
      api.updateSettings({ remoteImages: on }).then(
        () => reload(false),
        () => undefined,
      );
    },
    [api, reload],
  );

  const shows = useCallback((path: string) => always || (pageAllows && digests.has(path)), [always, pageAllows, digests]);
  return { shows, always, load, setAlways };
}
