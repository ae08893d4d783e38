/** Constructors for the entries every archive's rules write. */
import type { TruthEntry } from './types.js';

/** A file that is not a digest of the archive: listed with the reason, not measured. */
export function otherEntry(path: string, note: string): TruthEntry {
  return { path, kind: 'other', note, titles: [], date: null, metadata: false };
}
