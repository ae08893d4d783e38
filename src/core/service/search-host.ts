/**
 * The service's search side: the one search engine over the open index
 * (made on first use, dropped when another vault opens), the search and
 * related-sections entry points with their argument checks, and the catalog
 * snapshot left for the next process at close.
 */
import type { Database } from 'better-sqlite3';
import type { RelatedSection, SearchRequest, SearchResponse } from '../../shared/api.js';
import { searchRequest, validateArgs } from '../../shared/validate.js';
import { SearchEngine } from '../search/engine.js';
import { withDatePrecisions } from './hit-dates.js';

export interface SearchHostParts {
  /** The open index's connection (it changes when another vault opens). */
  db(): Database;
  /** Whether an index run is writing (the engine's catalog may lag it then: engine.ts CATALOG_LAG_MS). */
  indexing(): boolean;
}

export class SearchHost {
  private current: SearchEngine | null = null;

  constructor(private readonly parts: SearchHostParts) {}

  /** The engine, made on first use. */
  engine(): SearchEngine {
    this.current ??= new SearchEngine(this.parts.db(), { indexing: () => this.parts.indexing() });
    return this.current;
  }

  /** The engine in use now, without making one. */
  get engineInUse(): SearchEngine | null {
    return this.current;
  }

  /** Another index is open: the next search makes a new engine over it. */
  reset(): void {
    this.current = null;
  }

  search(request: SearchRequest): SearchResponse {
    return withDatePrecisions(this.parts.db(), this.engine().search(searchRequest('search: request', request)));
  }

  related(sectionId: string, limit?: number): RelatedSection[] {
    const [id, max] = validateArgs('related', limit === undefined ? [sectionId] : [sectionId, limit]);
    return this.engine().related(id, max ?? 10);
  }

  /**
   * Stores the search catalog this process loaded for the next process to
   * open this index, unless a current one is there (a reopen then answers its
   * first query without building the catalog from SQL). Only a cache: a process
   * that never searched, a read-only or a busy index simply keeps what it
   * has, and closing goes on.
   */
  leaveCatalogSnapshot(): void {
    try {
      this.current?.persistCatalog();
    } catch {
      // The next open reads the digest and tag tables instead.
    }
  }
}
