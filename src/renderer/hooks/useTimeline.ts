import { useEffect, useState } from 'react';
import type { AlmanacApi, TimelineEntry } from '../../shared/api.js';

/** Every dated digest (for the timeline, the empty state's recent weeks and link titles). */
export function useTimeline(api: AlmanacApi, revision: number): TimelineEntry[] {
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  useEffect(() => {
    let current = true;
    api.timeline().then(
      (list) => current && setEntries(list),
      () => current && setEntries([]),
    );
    return () => {
      current = false;
    };
  }, [api, revision]);
  return entries;
}
