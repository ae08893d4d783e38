import type { CatalogDigest, DigestCatalog } from '../../src/core/search/catalog.js';

/** Every digest of a catalog, in its order (by path). */
export function allDigests(catalog: DigestCatalog): CatalogDigest[] {
  return Array.from({ length: catalog.size }, (_, i) => catalog.digest(i));
}
