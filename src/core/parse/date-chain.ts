/**
 * A digest's date, as a chain of sources: each a pure function of what is
 * known about the file; the first that answers wins and is recorded as the
 * digest's `dateSource`. The per-file sources run here, in the parser:
 *
 * 1. front-matter: the metadata's date (any metadata style; fields.ts);
 * 2. file-name: "2024-03-08", "20240308", "news_2026_06", "2026-W06", ... (date-names.ts);
 * 3. path: the folders, "2025-06/11.md", "2022/Aug/01.md", "2021/9/", "2019/" (date-names.ts);
 * 4. heading: a date in the title or the first heading (heading-dates.ts).
 *
 * The vault-wide sources (an index page's dated lists, git history) are read
 * once per index run by the indexer and appended to the chain: runDateChain
 * takes any list of steps, and a digest parsed with dateSource 'none' is one
 * on which every per-file step returned nothing.
 */
import { readFileNameDate, readPathDate, type DateReading, type DateSource } from '../../shared/dates.js';
import { headingDate } from './heading-dates.js';

export interface DateFacts {
  /** Vault-relative POSIX path. */
  path: string;
  /** The metadata's date, when it states a valid one. */
  metadataDate: DateReading | null;
  /** The title the metadata or the first heading states (not one made from the file name). */
  statedTitle: string | null;
  /** Text of the body's first heading. */
  firstHeading: string | null;
}

export interface DateStep {
  source: Exclude<DateSource, 'none'>;
  read(facts: DateFacts): DateReading | null;
}

export interface DateChoice {
  reading: DateReading | null;
  source: DateSource;
}

export const FILE_DATE_STEPS: readonly DateStep[] = [
  { source: 'front-matter', read: (f) => f.metadataDate },
  { source: 'file-name', read: (f) => readFileNameDate(f.path) },
  { source: 'path', read: (f) => readPathDate(f.path)?.reading ?? null },
  {
    source: 'heading',
    read: (f) => (f.statedTitle === null ? null : headingDate(f.statedTitle)) ?? (f.firstHeading === null ? null : headingDate(f.firstHeading)),
  },
];

/** The first step's answer, with its source; source 'none' when no step answers. */
export function runDateChain(facts: DateFacts, steps: readonly DateStep[] = FILE_DATE_STEPS): DateChoice {
  for (const step of steps) {
    const reading = step.read(facts);
    if (reading) return { reading, source: step.source };
  }
  return { reading: null, source: 'none' };
}
