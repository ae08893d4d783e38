/**
 * The research methods of the contract (shared/research.ts) for the
 * service: trends through the search engine, saved searches kept per vault
 * (saved-searches.ts). The service holds one of these per open vault and
 * calls refresh() after every index run, so each saved search's count of new
 * digests is counted on every run, the watcher's included.
 */
import path from 'node:path';
import type { ResearchApi, SavedSearch, SavedSearchInput, TrendsRequest, TrendsResponse } from '../../shared/research.js';
import { savedSearchInput, savedSearchName, trendsRequest } from '../../shared/validate-research.js';
import { readJsonFile, writeJsonFileAtomic } from '../paths/json-file.js';
import type { SearchEngine } from '../search/engine.js';
import { indexGeneration } from '../store/generation.js';
import type { Store } from '../store/store.js';
import { SavedSearches, type SavedSearchPersistence } from './saved-searches.js';

/** The saved searches of the index at `dbPath`, in a JSON file beside it (never in the vault): the CLI's and web mode's place. */
export function savedSearchFileBeside(dbPath: string): SavedSearchPersistence {
  const file = path.join(path.dirname(dbPath), `${path.basename(dbPath)}.saved-searches.json`);
  return {
    load: () => readJsonFile(file),
    save: (searches) => writeJsonFileAtomic(file, searches),
  };
}

export interface ResearchDeps {
  store: Store;
  engine(): SearchEngine;
  persistence: SavedSearchPersistence;
  /** Throws once the service is closed. */
  assertOpen(): void;
}

export class Research implements ResearchApi {
  private readonly saved: SavedSearches;

  constructor(private readonly deps: ResearchDeps) {
    this.saved = new SavedSearches({
      persistence: deps.persistence,
      matchingPaths: (request) => deps.engine().matchingPaths(request),
      generation: () => indexGeneration(deps.store.db),
    });
  }

  async trends(request: TrendsRequest): Promise<TrendsResponse> {
    this.deps.assertOpen();
    return this.deps.engine().trends(trendsRequest('trends: request', request));
  }

  async savedSearches(): Promise<SavedSearch[]> {
    this.deps.assertOpen();
    return this.saved.list();
  }

  async saveSearch(search: SavedSearchInput): Promise<SavedSearch[]> {
    this.deps.assertOpen();
    return this.saved.save(savedSearchInput('saveSearch: search', search));
  }

  async removeSavedSearch(name: string): Promise<SavedSearch[]> {
    this.deps.assertOpen();
    return this.saved.remove(savedSearchName('removeSavedSearch: name', name));
  }

  async openSavedSearch(name: string): Promise<SavedSearch> {
    this.deps.assertOpen();
    return this.saved.open(savedSearchName('openSavedSearch: name', name));
  }

  /** Counts every saved search's new digests again (after an index run); a failure leaves them to be counted when asked for. */
  refresh(): void {
    try {
      this.saved.refresh();
    } catch {
      // The run itself succeeded; list() counts again at the new generation.
    }
  }
}
